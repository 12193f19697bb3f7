#!/usr/bin/env node
// The Grafana dashboards of k8s/mcp-gateway/dashboards, checked three ways (plain Node >= 20, no packages):
//   node dashboards.js lint  DIR        structure: schemaVersion >= 39, fixed unique uids, the ${datasource}
//                                       Prometheus variable used by every panel and query, unique panel ids
//   node dashboards.js rules DIR        every query (Grafana variables replaced) as a Prometheus recording-rule
//                                       file on stdout, so `promtool check rules` parses the PromQL offline
//   node dashboards.js check DIR URL    every query of every panel, and every variable's metric, run against the
//                                       Prometheus at URL: each must return a non-empty vector with a number
// lint and check print one "PASS ..." / "FAIL ..." line per item and end with "N passed, M failed"; exit 1 on
// any failure.
'use strict';

const fs = require('fs');
const path = require('path');

// What Grafana would put in place of its built-in and our template variables for an instant query "now".
// The rate window must hold at least two scrapes; the range covers the load the scrape test just ran.
const BUILTINS = {
  __rate_interval: process.env.DASHBOARD_RATE_INTERVAL || '1m',
  __interval: process.env.DASHBOARD_RATE_INTERVAL || '1m',
  __range: process.env.DASHBOARD_RANGE || '5m',
};

function load(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no *.json dashboard in ${dir}`);
  return files.map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

function panelsOf(dashboard) {
  const out = [];
  for (const p of dashboard.panels || []) {
    if (p.type === 'row') out.push(...(p.panels || []));
    else out.push(p);
  }
  return out;
}

function variables(dashboard) {
  return (dashboard.templating && dashboard.templating.list) || [];
}

// Replaces $var, ${var} and ${var:format} by the variable's "All" value (or the built-in's value).
function substitute(expr, dashboard) {
  const values = { ...BUILTINS };
  for (const v of variables(dashboard)) {
    if (v.type === 'query' || v.type === 'custom') values[v.name] = v.allValue || '.*';
  }
  const out = expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (m, braced, plain) => {
    const name = braced || plain;
    if (!(name in values)) throw new Error(`unknown variable ${m} in: ${expr}`);
    return values[name];
  });
  return out;
}

// Every query: { where, expr } with variables substituted; variable queries become count(metric).
function queries(dashboards) {
  const out = [];
  for (const { file, json } of dashboards) {
    for (const p of panelsOf(json)) {
      for (const t of p.targets || []) {
        if (!t.expr) continue;
        out.push({ where: `${file} / ${p.title} / ${t.refId}`, expr: substitute(t.expr, json) });
      }
    }
    for (const v of variables(json)) {
      if (v.type !== 'query') continue;
      const q = typeof v.query === 'string' ? v.query : v.query && v.query.query;
      const m = /^label_values\(\s*([a-zA-Z_:][\w:]*)\s*,\s*(\w+)\s*\)$/.exec(q || '');
      if (!m) throw new Error(`${file}: variable ${v.name} is not label_values(metric, label): ${q}`);
      out.push({ where: `${file} / variable ${v.name}`, expr: `count(${m[1]})` });
    }
  }
  return out;
}

function lint(dashboards) {
  const results = [];
  const check = (ok, what, detail) => results.push({ ok, what, detail });
  const uids = new Map();
  for (const { file, json } of dashboards) {
    check(Number.isInteger(json.schemaVersion) && json.schemaVersion >= 39, `${file}: schemaVersion >= 39`, `is ${json.schemaVersion}`);
    check(typeof json.uid === 'string' && /^[a-z0-9-]{1,40}$/.test(json.uid), `${file}: fixed uid`, `uid ${json.uid}`);
    check(!uids.has(json.uid), `${file}: uid unique`, `also in ${uids.get(json.uid)}`);
    uids.set(json.uid, file);
    check(typeof json.title === 'string' && json.title.startsWith('mcp-gateway / '), `${file}: title "mcp-gateway / ..."`, json.title);
    check(json.id === undefined || json.id === null, `${file}: no instance id`, `id ${json.id}`);
    const ds = variables(json).filter((v) => v.name === 'datasource');
    check(ds.length === 1 && ds[0].type === 'datasource' && ds[0].query === 'prometheus',
      `${file}: \${datasource} Prometheus variable`, JSON.stringify(ds));
    const ids = new Set();
    let dup = [];
    let badDs = [];
    let noTargets = [];
    let noGrid = [];
    for (const p of json.panels || []) {
      if (ids.has(p.id)) dup.push(p.id);
      ids.add(p.id);
      if (!p.gridPos) noGrid.push(p.title);
    }
    for (const p of panelsOf(json)) {
      if (!p.targets || p.targets.length === 0 || p.targets.some((t) => !t.expr)) noTargets.push(p.title);
      for (const d of [p.datasource, ...(p.targets || []).map((t) => t.datasource)]) {
        if (!d || d.type !== 'prometheus' || d.uid !== '${datasource}') badDs.push(p.title);
      }
    }
    for (const v of variables(json).filter((v) => v.type === 'query')) {
      if (!v.datasource || v.datasource.uid !== '${datasource}') badDs.push(`variable ${v.name}`);
    }
    check(dup.length === 0, `${file}: panel ids unique`, `duplicates ${dup}`);
    check(noGrid.length === 0, `${file}: every panel placed (gridPos)`, noGrid.join(', '));
    check(noTargets.length === 0, `${file}: every panel has queries`, noTargets.join(', '));
    check(badDs.length === 0, `${file}: every panel, query and variable uses \${datasource}`, [...new Set(badDs)].join(', '));
    // Latency is shown as quantiles from histogram buckets (aggregable over replicas), never as a mean
    // (_sum/_count) or Micrometer's decaying _max, which hide the tail and cannot be combined across pods.
    const notQuantile = [];
    for (const p of panelsOf(json)) {
      const unit = p.fieldConfig && p.fieldConfig.defaults && p.fieldConfig.defaults.unit;
      const timed = ['s', 'ms', 'µs', 'ns'].includes(unit);
      for (const t of p.targets || []) {
        const e = t.expr || '';
        const quantile = /^histogram_quantile\(\s*0?\.\d+\s*,\s*sum by \(le\)[\s\S]*_bucket\{/.test(e);
        if ((timed && !quantile) || /_seconds_(sum|max)\b/.test(e)) notQuantile.push(`${p.title} / ${t.refId}`);
      }
    }
    check(notQuantile.length === 0, `${file}: latency only as histogram_quantile over _bucket series`, notQuantile.join(', '));
    try {
      const n = queries([{ file, json }]).length;
      check(n > 0, `${file}: ${n} queries, every variable known`);
    } catch (e) {
      check(false, `${file}: every variable known`, e.message);
    }
  }
  return results;
}

function rules(dashboards) {
  // Recording rules are the one offline PromQL parser promtool offers (check rules).
  const lines = ['groups:', '  - name: dashboard-queries', '    rules:'];
  queries(dashboards).forEach((q, i) => {
    lines.push(`      # ${q.where.replace(/\n/g, ' ')}`);
    lines.push(`      - record: dashboard_query_${i}`);
    lines.push(`        expr: ${JSON.stringify(q.expr)}`);
  });
  return lines.join('\n') + '\n';
}

async function instant(url, expr) {
  const res = await fetch(`${url.replace(/\/$/, '')}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr }),
  });
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`${body.errorType}: ${body.error}`);
  return body.data;
}

async function check(dashboards, url) {
  const results = [];
  for (const q of queries(dashboards)) {
    try {
      const data = await instant(url, q.expr);
      const samples = data.resultType === 'vector' ? data.result.map((r) => r.value[1])
        : data.resultType === 'scalar' ? [data.result[1]] : [];
      const numbers = samples.filter((v) => !Number.isNaN(Number(v)));
      if (samples.length === 0) results.push({ ok: false, what: q.where, detail: `empty: ${q.expr}` });
      else if (numbers.length === 0) results.push({ ok: false, what: q.where, detail: `only NaN: ${q.expr}` });
      else results.push({ ok: true, what: `${q.where} (${samples.length} series)` });
    } catch (e) {
      results.push({ ok: false, what: q.where, detail: `${e.message}: ${q.expr}` });
    }
  }
  return results;
}

function report(results) {
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.what}`);
    if (!r.ok && r.detail) console.log(`    ${r.detail}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function main() {
  const [mode, dir, url] = process.argv.slice(2);
  if (!mode || !dir || (mode === 'check' && !url)) {
    console.error('usage: dashboards.js lint|rules DIR | check DIR PROMETHEUS_URL');
    return 2;
  }
  const dashboards = load(dir);
  if (mode === 'lint') return report(lint(dashboards));
  if (mode === 'rules') { process.stdout.write(rules(dashboards)); return 0; }
  if (mode === 'check') return report(await check(dashboards, url));
  console.error(`unknown mode ${mode}`);
  return 2;
}

main().then((code) => process.exit(code), (e) => { console.error(e.stack || String(e)); process.exit(2); });
