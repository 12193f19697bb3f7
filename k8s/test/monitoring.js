#!/usr/bin/env node
// Checks of the chart's alert rules beyond what promtool does:
//   node monitoring.js alert-tests RULES.yaml TESTS.yaml
//       every alert of RULES has a promtool unit test in TESTS where it fires and one where it does not,
//       and TESTS names no alert that RULES lacks
//   node monitoring.js rendered RENDERED.yaml RULES.yaml...
//       the PrometheusRule that `helm template` rendered carries the groups of the rule files unchanged
// Prints one "PASS ..." / "FAIL ..." line per check (details indented); exit 1 on any failure.
'use strict';

const fs = require('fs');
const yaml = require('js-yaml');
const { isDeepStrictEqual } = require('util');

let failed = 0;
function check(what, problems) {
  if (problems.length === 0) {
    console.log(`PASS ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}`);
    for (const p of problems) console.log(`    ${p}`);
  }
}

const readYaml = (f) => yaml.load(fs.readFileSync(f, 'utf8'));
const alertsOf = (rules) => (rules.groups || []).flatMap((g) => g.rules || []).filter((r) => r.alert).map((r) => r.alert);

function alertTests(rulesFile, testsFile) {
  const alerts = alertsOf(readYaml(rulesFile));
  const cases = (readYaml(testsFile).tests || []).flatMap((t) => (t.alert_rule_test || []).map((c) => ({ ...c, test: t.name })));
  for (const alert of alerts) {
    const mine = cases.filter((c) => c.alertname === alert);
    const problems = [];
    if (!mine.some((c) => (c.exp_alerts || []).length > 0)) problems.push('no test case where it fires');
    if (!mine.some((c) => (c.exp_alerts || []).length === 0)) problems.push('no test case where it stays silent');
    check(`alert ${alert}: unit-tested firing and not firing (${mine.length} cases)`, problems);
  }
  const unknown = [...new Set(cases.map((c) => c.alertname))].filter((a) => !alerts.includes(a));
  check('the alert unit tests name only alerts that exist', unknown.map((a) => `no alert ${a} in ${rulesFile}`));
}

function rendered(renderedFile, ruleFiles) {
  const docs = yaml.loadAll(fs.readFileSync(renderedFile, 'utf8')).filter(Boolean);
  const rules = docs.filter((d) => d.kind === 'PrometheusRule');
  const expected = ruleFiles.flatMap((f) => readYaml(f).groups || []);
  const problems = [];
  if (rules.length !== 1) problems.push(`${rules.length} PrometheusRule objects rendered, expected 1`);
  else if (!isDeepStrictEqual(rules[0].spec.groups, expected)) {
    problems.push('spec.groups differs from the rule files (helm changed an expression, a label or an annotation)');
  }
  check(`the rendered PrometheusRule carries the alert rule files unchanged (${expected.length} groups)`, problems);
}

const [mode, ...files] = process.argv.slice(2);
if (mode === 'alert-tests' && files.length === 2) alertTests(files[0], files[1]);
else if (mode === 'rendered' && files.length >= 2) rendered(files[0], files.slice(1));
else {
  console.error('usage: monitoring.js alert-tests RULES TESTS | rendered RENDERED RULES...');
  process.exit(2);
}
process.exit(failed ? 1 : 0);
