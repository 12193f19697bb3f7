#!/usr/bin/env node
// Validates a `helm template` rendering of k8s/mcp-gateway, offline:
//  - every object against the Kubernetes (and Prometheus Operator) schemas of kubernetes-models,
//    including fields the schemas do not know (a misspelt field is silently dropped by the API server);
//  - the deployment rules that matter: no root, probes and resources everywhere, no literal credentials,
//    HPA/PDB/Service/NetworkPolicy/ServiceMonitor selectors that hit real pods, references that resolve;
//  - the configuration keys the chart sets are ones the services read (their @ConfigMapping interfaces);
//  - scenario expectations (default, production, bundled, monitoring, everything-on).
// Prints one "PASS <check>" or "FAIL <check>" line per check (details indented below a FAIL), and
// "WARN <text>" lines that are not failures. Exit code 1 when any check failed.
// Usage: node validate.js --scenario <name> --chart <chart dir> [--external-configmaps a,b] [--repo <repository root>] <rendered.yaml>
'use strict';

const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');

// Capture the compiled schema function of each model: re-running it on a recording Proxy tells which
// fields the schema looked at, hence which ones it does not know.
const validateLib = require('@kubernetes-models/validate');
const runValidateFunc = validateLib.runValidateFunc;
let lastSchemaFn = null;
Object.defineProperty(validateLib, 'runValidateFunc', {
  configurable: true,
  enumerable: true,
  get: () => (fn, data) => {
    lastSchemaFn = fn;
    return runValidateFunc(fn, data);
  },
});
const models = require('kubernetes-models');
const monitoring = require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');

// ------------------------------------------------------------------------------------------- arguments

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const scenario = opt('--scenario') || 'default';
const chartDir = path.resolve(opt('--chart') || path.join(__dirname, '..', 'mcp-gateway'));
const externalConfigMapsArg = opt('--external-configmaps') || '';
const repoArg = opt('--repo');
const renderedFile = args[0];
if (!renderedFile) {
  console.error('usage: validate.js --scenario <name> --chart <dir> <rendered.yaml>');
  process.exit(2);
}
// The services' sources, for the configuration-key check (default: the chart's repository).
const repoDir = path.resolve(repoArg || path.join(chartDir, '..', '..'));

let failures = 0;
function check(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) {
    console.log(`PASS ${scenario}: ${name}`);
  } else {
    failures++;
    console.log(`FAIL ${scenario}: ${name}`);
    for (const p of list.slice(0, 25)) console.log(`    ${p}`);
    if (list.length > 25) console.log(`    ... and ${list.length - 25} more`);
  }
}
const warn = (text) => console.log(`WARN ${scenario}: ${text}`);

// ------------------------------------------------------------------------------------------- load

const docs = yaml
  .loadAll(fs.readFileSync(renderedFile, 'utf8'))
  .filter((d) => d !== null && d !== undefined);
const id = (o) => `${o.kind}/${o.metadata && o.metadata.name}`;
const ofKind = (kind) => docs.filter((d) => d.kind === kind);
const byName = (kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
const workloads = docs.filter((d) => ['Deployment', 'StatefulSet'].includes(d.kind));
const podSpecOf = (w) => w.spec.template.spec;
const containersOf = (w) => [...(podSpecOf(w).initContainers || []), ...podSpecOf(w).containers];
const component = (o) => (o.metadata.labels || {})['app.kubernetes.io/component'];
const GATEWAY = ['proxy', 'policy', 'catalog', 'audit', 'demo-upstream'];
const isGateway = (w) => GATEWAY.includes(component(w));
const matches = (selector, labels) =>
  !!selector &&
  Object.entries(selector.matchLabels || {}).every(([k, v]) => (labels || {})[k] === v) &&
  (selector.matchExpressions || []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels || {}, e.key);
    const val = (labels || {})[e.key];
    if (e.operator === 'In') return has && e.values.includes(val);
    if (e.operator === 'NotIn') return !has || !e.values.includes(val);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });
const podsMatching = (selector) => workloads.filter((w) => matches(selector, w.spec.template.metadata.labels));

check(`rendered ${docs.length} objects`, docs.length === 0 ? 'nothing rendered' : null);
check(
  'every object has apiVersion, kind and metadata.name',
  docs.filter((d) => !d.apiVersion || !d.kind || !d.metadata || !d.metadata.name).map((d) => JSON.stringify(d).slice(0, 120)),
);
{
  const seen = new Set();
  const dupes = [];
  for (const d of docs) {
    const k = `${d.apiVersion} ${id(d)} ${d.metadata.namespace || ''}`;
    if (seen.has(k)) dupes.push(k);
    seen.add(k);
  }
  check('object names are unique', dupes);
}
check(
  'resource names are valid DNS labels (<= 63 chars)',
  docs.filter((d) => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(d.metadata.name) || d.metadata.name.length > 63).map(id),
);

// ------------------------------------------------------------------------------------------- schemas

function modelClass(doc) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  if (group === 'monitoring.coreos.com' && version === 'v1') return monitoring[doc.kind];
  const moduleName = group === '' ? version : `${group}/${version}`;
  try {
    return require(`kubernetes-models/${moduleName}`)[doc.kind];
  } catch (e) {
    return undefined;
  }
}
void models;

// Records which keys the schema read in every object; objects the schema iterated (maps) count as known.
function recorder(value, where, records) {
  if (value === null || typeof value !== 'object') return value;
  const rec = { read: new Set(), iterated: false, where };
  const target = Array.isArray(value)
    ? value.map((v, i) => recorder(v, `${where}[${i}]`, records))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recorder(v, `${where}.${k}`, records)]));
  records.push([target, rec]);
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string') rec.read.add(key);
      return Reflect.get(t, key, receiver);
    },
    ownKeys(t) {
      rec.iterated = true;
      return Reflect.ownKeys(t);
    },
  });
}

{
  const problems = [];
  const unknownFields = [];
  for (const doc of docs) {
    const Model = modelClass(doc);
    if (!Model) {
      problems.push(`${doc.apiVersion} ${doc.kind}: no schema known`);
      continue;
    }
    try {
      lastSchemaFn = null;
      new Model(doc).validate();
    } catch (e) {
      problems.push(`${id(doc)}: ${e.message.split('\n').slice(0, 4).join(' | ')}`);
      continue;
    }
    if (!lastSchemaFn) continue;
    const records = [];
    lastSchemaFn(recorder(doc, id(doc), records));
    for (const [target, rec] of records) {
      if (Array.isArray(target) || rec.iterated) continue;
      for (const key of Object.keys(target)) if (!rec.read.has(key)) unknownFields.push(`${rec.where}.${key}`);
    }
  }
  check('every object validates against its Kubernetes schema', problems);
  check('no field unknown to the schemas', unknownFields);
}

// ------------------------------------------------------------------------------------------- security

{
  const problems = [];
  for (const w of workloads) {
    const pod = podSpecOf(w).securityContext || {};
    for (const c of containersOf(w)) {
      const sc = c.securityContext || {};
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const user = sc.runAsUser ?? pod.runAsUser;
      if (nonRoot !== true) problems.push(`${id(w)} ${c.name}: runAsNonRoot is not true`);
      if (user === undefined || user === 0) problems.push(`${id(w)} ${c.name}: runAsUser is ${user} (root or image default)`);
      if (sc.privileged) problems.push(`${id(w)} ${c.name}: privileged`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${id(w)} ${c.name}: allowPrivilegeEscalation not false`);
      if (!((sc.capabilities || {}).drop || []).includes('ALL')) problems.push(`${id(w)} ${c.name}: capabilities not dropped`);
    }
    if (((pod.seccompProfile || {}).type || '') !== 'RuntimeDefault') problems.push(`${id(w)}: no RuntimeDefault seccomp profile`);
    if (podSpecOf(w).automountServiceAccountToken !== false) problems.push(`${id(w)}: mounts a service account token`);
    if (podSpecOf(w).hostNetwork || podSpecOf(w).hostPID || podSpecOf(w).hostIPC) problems.push(`${id(w)}: shares host namespaces`);
  }
  check('no container runs as root or can escalate', problems);
}
{
  const problems = [];
  for (const w of workloads.filter(isGateway)) {
    const volumes = Object.fromEntries((podSpecOf(w).volumes || []).map((v) => [v.name, v]));
    for (const c of w.spec.template.spec.containers) {
      if ((c.securityContext || {}).readOnlyRootFilesystem !== true) problems.push(`${id(w)} ${c.name}: root filesystem writable`);
      const tmp = (c.volumeMounts || []).find((m) => m.mountPath === '/tmp');
      if (!tmp || !volumes[tmp.name] || !volumes[tmp.name].emptyDir) problems.push(`${id(w)} ${c.name}: no emptyDir at /tmp`);
    }
  }
  check('gateway services run with a read-only root filesystem and an emptyDir /tmp', problems);
}

// ------------------------------------------------------------------------------------------- probes, resources

{
  const problems = [];
  for (const w of workloads) {
    for (const c of w.spec.template.spec.containers) {
      if (!c.livenessProbe) problems.push(`${id(w)} ${c.name}: no livenessProbe`);
      if (!c.readinessProbe) problems.push(`${id(w)} ${c.name}: no readinessProbe`);
      const r = c.resources || {};
      if (!(r.requests || {}).cpu || !(r.requests || {}).memory) problems.push(`${id(w)} ${c.name}: no cpu/memory requests`);
      if (!(r.limits || {}).memory) problems.push(`${id(w)} ${c.name}: no memory limit`);
      if (!c.image || /:latest$/.test(c.image) || !/:[^/]+$/.test(c.image)) problems.push(`${id(w)} ${c.name}: image ${c.image} has no pinned tag`);
    }
  }
  check('every container has liveness/readiness probes, resources and a pinned image tag', problems);
}
{
  const problems = [];
  for (const w of workloads.filter(isGateway)) {
    for (const c of w.spec.template.spec.containers) {
      const portNames = (c.ports || []).map((p) => p.name);
      const want = { startupProbe: '/q/health/live', livenessProbe: '/q/health/live', readinessProbe: '/q/health/ready' };
      for (const [probe, p] of Object.entries(want)) {
        const g = (c[probe] || {}).httpGet;
        if (!g || g.path !== p) problems.push(`${id(w)} ${c.name}: ${probe} is not GET ${p}`);
        else if (!portNames.includes(g.port)) problems.push(`${id(w)} ${c.name}: ${probe} port ${g.port} is not a container port`);
      }
    }
  }
  check('gateway probes are /q/health/live and /q/health/ready on the http port', problems);
}

// ------------------------------------------------------------------------------------------- secrets

{
  const problems = [];
  for (const s of ofKind('Secret')) {
    const nonProduction = (s.metadata.labels || {})['mcp-gateway/non-production'] === 'true';
    if (s.stringData) problems.push(`${id(s)}: stringData (literal credentials)`);
    if (!(scenario === 'bundled' && nonProduction)) problems.push(`${id(s)}: the chart writes a Secret outside the bundled dev infrastructure`);
  }
  const credential = /(PASSWORD|TOKEN|SECRET|CREDENTIAL|API_KEY|AUTHORIZATION)/;
  for (const w of workloads) {
    for (const c of containersOf(w)) {
      for (const e of c.env || []) {
        // A *_FILE variable names where a mounted Secret is (e.g. OPERATOR_TOKENS_FILE), not the credential.
        const pathToMount = /_FILE$/.test(e.name) && (c.volumeMounts || []).some((m) => String(e.value || '').startsWith(`${m.mountPath}/`));
        if (credential.test(e.name) && e.value !== undefined && !pathToMount) problems.push(`${id(w)} ${c.name}: ${e.name} has a literal value`);
        if (/password=|passwd|:\/\/[^/\s:@]+:[^/\s@]+@/i.test(String(e.value || '')) && !/\$\([A-Z_]+\)/.test(e.value))
          problems.push(`${id(w)} ${c.name}: ${e.name} embeds a credential`);
      }
    }
  }
  for (const cm of ofKind('ConfigMap')) {
    for (const [k, v] of Object.entries(cm.data || {})) {
      if (/(password|secret|token)\s*[=:]\s*[^$\s{]/i.test(v) && !k.endsWith('.json'))
        problems.push(`${id(cm)} ${k}: looks like a literal credential`);
    }
  }
  check('no literal credentials (Secrets only for bundled dev infra, env from secretKeyRef)', problems);
}

// ------------------------------------------------------------------------------------------- references

{
  const problems = [];
  // ConfigMaps the values name as existing (created outside the chart).
  const externalConfigMaps = externalConfigMapsArg.split(',').filter(Boolean);
  for (const w of workloads) {
    for (const v of podSpecOf(w).volumes || []) {
      if (v.configMap && !byName('ConfigMap', v.configMap.name) && !externalConfigMaps.includes(v.configMap.name))
        problems.push(`${id(w)}: volume ${v.name} -> missing ConfigMap ${v.configMap.name}`);
    }
    for (const c of containersOf(w)) {
      for (const m of c.volumeMounts || []) {
        if (!(podSpecOf(w).volumes || []).some((v) => v.name === m.name) && !(w.spec.volumeClaimTemplates || []).some((t) => t.metadata.name === m.name))
          problems.push(`${id(w)} ${c.name}: mount of unknown volume ${m.name}`);
      }
      for (const e of c.env || []) {
        const ref = (e.valueFrom || {}).secretKeyRef;
        if (ref && ofKind('Secret').length && byName('Secret', ref.name) && !(byName('Secret', ref.name).data || {})[ref.key])
          problems.push(`${id(w)} ${c.name}: ${e.name} -> key ${ref.key} not in Secret ${ref.name}`);
        for (const dep of String(e.value || '').matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
          const before = (c.env || []).slice(0, (c.env || []).indexOf(e)).map((x) => x.name);
          if (!before.includes(dep[1])) problems.push(`${id(w)} ${c.name}: ${e.name} uses $(${dep[1]}) not defined before it`);
        }
      }
      const names = (c.env || []).map((e) => e.name);
      const dup = names.filter((n, i) => names.indexOf(n) !== i);
      if (dup.length) problems.push(`${id(w)} ${c.name}: duplicate env ${[...new Set(dup)].join(', ')}`);
    }
    const sa = podSpecOf(w).serviceAccountName;
    if (sa && !byName('ServiceAccount', sa)) problems.push(`${id(w)}: missing ServiceAccount ${sa}`);
  }
  check('ConfigMaps, volumes, Secret keys, env references and ServiceAccounts resolve', problems);
}

// ------------------------------------------------------------------------------------------- selectors

{
  const problems = [];
  for (const w of workloads) {
    if (!matches(w.spec.selector, w.spec.template.metadata.labels)) problems.push(`${id(w)}: selector does not match its pods`);
  }
  for (const s of ofKind('Service')) {
    const pods = podsMatching({ matchLabels: s.spec.selector });
    if (pods.length === 0) problems.push(`${id(s)}: selects no pods`);
    for (const p of s.spec.ports) {
      if (typeof p.targetPort === 'string' && !pods.some((w) => containersOf(w).some((c) => (c.ports || []).some((cp) => cp.name === p.targetPort))))
        problems.push(`${id(s)}: targetPort ${p.targetPort} is no container port`);
    }
  }
  check('workload and Service selectors hit pods and named ports', problems);
}
{
  const problems = [];
  for (const h of ofKind('HorizontalPodAutoscaler')) {
    const t = h.spec.scaleTargetRef;
    const target = docs.find((d) => d.kind === t.kind && d.metadata.name === t.name && d.apiVersion === t.apiVersion);
    if (!target) problems.push(`${id(h)}: target ${t.kind}/${t.name} not rendered`);
    else if (target.spec.replicas !== undefined) problems.push(`${id(h)}: ${id(target)} also sets replicas (every upgrade would reset the scale)`);
    if (h.spec.minReplicas > h.spec.maxReplicas) problems.push(`${id(h)}: minReplicas > maxReplicas`);
    if (target) {
      for (const m of h.spec.metrics || []) {
        const res = m.resource && m.resource.name;
        if (res && !target.spec.template.spec.containers.every((c) => ((c.resources || {}).requests || {})[res]))
          problems.push(`${id(h)}: scales on ${res} but ${id(target)} requests no ${res}`);
      }
    }
  }
  const scaled = ofKind('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
  for (const c of ['proxy', 'policy']) {
    const d = ofKind('Deployment').find((x) => component(x) === c);
    if (d && !scaled.includes(d.metadata.name) && scenario !== 'no-hpa') problems.push(`${id(d)}: no HorizontalPodAutoscaler`);
  }
  check('HPAs target rendered Deployments (proxy and policy) that leave replicas to them', problems);
}
{
  const problems = [];
  const hpaMin = (w) => {
    const h = ofKind('HorizontalPodAutoscaler').find((x) => x.spec.scaleTargetRef.name === w.metadata.name);
    return h ? h.spec.minReplicas || 1 : w.spec.replicas ?? 1;
  };
  for (const p of ofKind('PodDisruptionBudget')) {
    const pods = podsMatching(p.spec.selector);
    if (pods.length === 0) problems.push(`${id(p)}: selects no pods`);
    for (const w of pods) {
      const replicas = hpaMin(w);
      if (p.spec.minAvailable !== undefined && Number(p.spec.minAvailable) >= replicas)
        problems.push(`${id(p)}: minAvailable ${p.spec.minAvailable} with ${replicas} replicas of ${id(w)} blocks every eviction`);
      if (p.spec.maxUnavailable !== undefined && replicas < 2) problems.push(`${id(p)}: ${id(w)} has ${replicas} replica(s): a PDB blocks node drains`);
    }
  }
  for (const c of ['proxy', 'policy']) {
    const d = ofKind('Deployment').find((x) => component(x) === c);
    if (d && !ofKind('PodDisruptionBudget').some((p) => matches(p.spec.selector, d.spec.template.metadata.labels)))
      problems.push(`${id(d)}: no PodDisruptionBudget`);
  }
  check('PDBs select existing pods with enough replicas (proxy and policy covered)', problems);
}
{
  const problems = [];
  for (const n of ofKind('NetworkPolicy')) {
    if (podsMatching(n.spec.podSelector).length === 0) problems.push(`${id(n)}: selects no pods`);
    for (const rule of [...(n.spec.ingress || []).map((r) => r.from), ...(n.spec.egress || []).map((r) => r.to)]) {
      for (const peer of rule || []) {
        if (peer.podSelector && !peer.namespaceSelector && Object.keys(peer.podSelector.matchLabels || {}).some((k) => k.startsWith('app.kubernetes.io/'))
          && podsMatching(peer.podSelector).length === 0)
          problems.push(`${id(n)}: peer ${JSON.stringify(peer.podSelector.matchLabels)} matches no pod of the release`);
      }
    }
  }
  if (ofKind('NetworkPolicy').length) {
    for (const w of workloads.filter(isGateway)) {
      if (!ofKind('NetworkPolicy').some((n) => matches(n.spec.podSelector, w.spec.template.metadata.labels)))
        problems.push(`${id(w)}: no NetworkPolicy`);
    }
    // policy-service answers only the proxy (plus the configured operators and Prometheus).
    const policyNp = ofKind('NetworkPolicy').find((n) => component(n) === 'policy');
    const proxyPod = ofKind('Deployment').find((d) => component(d) === 'proxy');
    const catalogNp = ofKind('NetworkPolicy').find((n) => component(n) === 'catalog');
    const policyPod = ofKind('Deployment').find((d) => component(d) === 'policy');
    const peersOf = (np) => (np.spec.ingress || []).flatMap((r) => r.from || [{ anyone: true }]);
    if (policyNp) {
      if (peersOf(policyNp).some((p) => p.anyone)) problems.push('policy NetworkPolicy admits anyone');
      if (!peersOf(policyNp).some((p) => p.podSelector && !p.namespaceSelector && matches(p.podSelector, proxyPod.spec.template.metadata.labels)))
        problems.push('policy NetworkPolicy does not admit the proxy');
      const podPeers = peersOf(policyNp).filter((p) => p.podSelector && !p.namespaceSelector);
      if (podPeers.some((p) => !matches(p.podSelector, proxyPod.spec.template.metadata.labels)))
        problems.push('policy NetworkPolicy admits pods other than the proxy');
    }
    if (catalogNp) {
      if (peersOf(catalogNp).some((p) => p.anyone)) problems.push('catalog NetworkPolicy admits anyone');
      for (const w of [proxyPod, policyPod])
        if (!peersOf(catalogNp).some((p) => p.podSelector && !p.namespaceSelector && matches(p.podSelector, w.spec.template.metadata.labels)))
          problems.push(`catalog NetworkPolicy does not admit ${id(w)}`);
    }
  }
  check('NetworkPolicies cover every service; policy only from the proxy, catalog from policy and proxy', problems);
}

// ------------------------------------------------------------------------------------------- configuration keys

// Property patterns of a @ConfigMapping interface, parsed from the service's Java source.
function configPatterns(moduleDir) {
  const javaRoot = path.join(moduleDir, 'src', 'main', 'java');
  if (!fs.existsSync(javaRoot)) return null;
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.java')) files.push(p);
    }
  };
  walk(javaRoot);
  const patterns = [];
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const m = src.match(/@ConfigMapping\(\s*prefix\s*=\s*"([^"]+)"\s*\)/);
    if (!m) continue;
    // interface name -> [{name, type}]
    const interfaces = {};
    let root = null;
    const stack = [];
    const tokens = src.matchAll(/\binterface\s+(\w+)[^{]*\{|\{|\}|(@WithName\("([^"]+)"\)\s*)?([\w.]+(?:<[^;()]*>)?)\s+(\w+)\(\s*\)\s*;/g);
    for (const t of tokens) {
      if (t[1]) {
        interfaces[t[1]] = [];
        if (!root) root = t[1];
        stack.push(t[1]);
      } else if (t[0] === '{') stack.push(null);
      else if (t[0] === '}') stack.pop();
      else if (t[5]) {
        const owner = [...stack].reverse().find((s) => s);
        if (owner) interfaces[owner].push({ name: t[3] || t[5].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), type: t[4] });
      }
    }
    const expand = (iface, prefix, depth) => {
      for (const { name, type } of interfaces[iface] || []) {
        const key = `${prefix}.${name}`;
        const mapOf = type.match(/^Map<\s*String\s*,\s*(\w+)\s*>$/);
        const inner = (type.match(/^(?:Optional|List)<\s*(\w+)\s*>$/) || [])[1] || type;
        if (mapOf && interfaces[mapOf[1]] && depth < 5) expand(mapOf[1], `${key}.*`, depth + 1);
        else if (mapOf) patterns.push(`${key}.*`);
        else if (interfaces[inner] && depth < 5) expand(inner, key, depth + 1);
        else patterns.push(key);
      }
    };
    if (root) expand(root, m[1], 0);
  }
  // application.properties, and a shared module's META-INF/microprofile-config.properties (service-support);
  // env-variable-shaped string literals in the sources (a ConfigSource reading them, e.g. OPERATOR_JWT_ISSUER).
  const envRefs = [];
  for (const f of files) envRefs.push(...[...fs.readFileSync(f, 'utf8').matchAll(/"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"/g)].map((x) => x[1]));
  for (const props of [path.join(moduleDir, 'src', 'main', 'resources', 'application.properties'),
    path.join(moduleDir, 'src', 'main', 'resources', 'META-INF', 'microprofile-config.properties')]) {
    if (fs.existsSync(props)) envRefs.push(...[...fs.readFileSync(props, 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((x) => x[1]));
  }
  return { patterns, envRefs };
}
const envRegex = (pattern) =>
  new RegExp(`^${pattern.split('.').map((s) => (s === '*' ? '[A-Z0-9_]+' : s.toUpperCase().replace(/[^A-Z0-9]/g, '_'))).join('_')}$`);
const propRegex = (pattern) =>
  new RegExp(`^${pattern.split('.').map((s) => (s === '*' ? '(?:[^."]+|"[^"]+")' : s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))).join('\\.')}$`);

{
  const modules = { proxy: 'proxy-service', policy: 'policy-service', catalog: 'catalog-service', audit: 'audit-service', 'demo-upstream': 'demo-upstream' };
  const prefixes = { proxy: 'PROXY_', policy: 'POLICY_', catalog: 'CATALOG_', audit: 'AUDIT_', 'demo-upstream': 'DEMO_' };
  const problems = [];
  let checked = 0;
  let sourcesFound = false;
  for (const w of workloads.filter(isGateway)) {
    const comp = component(w);
    const moduleDir = path.join(repoDir, modules[comp]);
    const cfg = configPatterns(moduleDir);
    if (!cfg) continue;
    sourcesFound = true;
    for (const c of w.spec.template.spec.containers) {
      for (const e of c.env || []) {
        if (!e.name.startsWith(prefixes[comp])) continue;
        checked++;
        if (!cfg.patterns.some((p) => envRegex(p).test(e.name)) && !cfg.envRefs.includes(e.name))
          problems.push(`${id(w)}: ${e.name} is read by no @ConfigMapping property of ${modules[comp]}`);
      }
      // Quarkus extensions behind the QUARKUS_* keys the chart sets.
      const pom = fs.existsSync(path.join(moduleDir, 'pom.xml')) ? fs.readFileSync(path.join(moduleDir, 'pom.xml'), 'utf8') : '';
      const needs = { QUARKUS_REDIS_: 'quarkus-redis', QUARKUS_DATASOURCE_: 'quarkus-reactive-pg-client', QUARKUS_GRPC_CLIENTS_: 'quarkus-grpc', KAFKA_: 'kafka' };
      for (const [envPrefix, artifact] of Object.entries(needs)) {
        if ((c.env || []).some((e) => e.name.startsWith(envPrefix)) && pom && !pom.includes(artifact))
          warn(`${id(w)} sets ${envPrefix}* but ${modules[comp]}/pom.xml has no ${artifact}: the setting is ignored`);
      }
    }
    if (comp === 'proxy') {
      const cm = ofKind('ConfigMap').find((x) => x.data && x.data['upstreams.properties']);
      for (const line of ((cm && cm.data['upstreams.properties']) || '').split('\n')) {
        const key = line.trim().split('=')[0];
        if (!key || key.startsWith('#') || key === 'config_ordinal') continue;
        checked++;
        if (!cfg.patterns.some((p) => propRegex(p).test(key))) problems.push(`upstreams.properties: ${key} is read by no @ConfigMapping property`);
      }
    }
  }
  // OPERATOR_* (operator access control) are read by the service-support module the operator-facing services use.
  const support = configPatterns(path.join(repoDir, 'service-support'));
  for (const w of workloads.filter(isGateway)) {
    const comp = component(w);
    const pom = path.join(repoDir, modules[comp] || '', 'pom.xml');
    for (const c of w.spec.template.spec.containers) {
      for (const e of c.env || []) {
        if (!e.name.startsWith('OPERATOR_') || !support) continue;
        checked++;
        if (!support.patterns.some((p) => envRegex(p).test(e.name)) && !support.envRefs.includes(e.name))
          problems.push(`${id(w)}: ${e.name} is read by nothing in service-support`);
        if (fs.existsSync(pom) && !fs.readFileSync(pom, 'utf8').includes('<artifactId>service-support</artifactId>'))
          problems.push(`${id(w)}: sets ${e.name} but ${modules[comp]} does not use service-support`);
      }
    }
  }
  if (sourcesFound) check(`the ${checked} service settings the chart sets are read by the services' @ConfigMapping`, problems);
  else warn('service sources not found next to the chart: configuration keys not checked');
}

// ------------------------------------------------------------------------------------------- dashboards, alerts, monitoring

const chartFiles = (dir, ext) =>
  fs.existsSync(path.join(chartDir, dir)) ? fs.readdirSync(path.join(chartDir, dir)).filter((f) => f.endsWith(ext)).sort() : [];
{
  const files = chartFiles('dashboards', '.json');
  const cm = ofKind('ConfigMap').find((x) => component(x) === undefined && (x.metadata.labels || {}).grafana_dashboard !== undefined);
  const problems = [];
  if (files.length === 0) {
    if (cm) problems.push(`${id(cm)} rendered without any dashboards/*.json`);
  } else if (!cm) {
    problems.push(`no dashboards ConfigMap for ${files.join(', ')}`);
  } else {
    if (cm.metadata.labels.grafana_dashboard !== '1') problems.push(`${id(cm)}: label grafana_dashboard is not "1"`);
    const keys = Object.keys(cm.data || {}).sort();
    if (JSON.stringify(keys) !== JSON.stringify(files)) problems.push(`${id(cm)} holds [${keys}] but dashboards/ has [${files}]`);
    for (const f of files) {
      try {
        const d = JSON.parse(cm.data[f]);
        if (!d.title || !Array.isArray(d.panels)) problems.push(`${f}: not a dashboard (title and panels)`);
      } catch (e) {
        problems.push(`${f}: invalid JSON in the ConfigMap: ${e.message}`);
      }
    }
    const size = Object.values(cm.data || {}).reduce((n, v) => n + Buffer.byteLength(v), 0);
    if (size > 900 * 1024) problems.push(`${id(cm)}: ${size} bytes, close to the 1 MiB ConfigMap limit`);
  }
  check(`dashboards ConfigMap holds every dashboards/*.json (${files.length})`, problems);
}
{
  const rule = ofKind('PrometheusRule')[0];
  const files = chartFiles('alerts', '.yaml');
  const expected = files.flatMap((f) => (yaml.load(fs.readFileSync(path.join(chartDir, 'alerts', f), 'utf8')) || {}).groups || []);
  if (rule || ['monitoring', 'everything-on', 'production'].includes(scenario)) {
    const problems = [];
    if (expected.length && !rule) problems.push('monitoring.prometheusRule.enabled but no PrometheusRule rendered');
    if (rule) {
      const names = rule.spec.groups.map((g) => g.name);
      for (const g of expected) if (!names.includes(g.name)) problems.push(`group ${g.name} of alerts/ missing`);
      for (const g of rule.spec.groups) for (const r of g.rules) if (!r.expr || !(r.alert || r.record)) problems.push(`${g.name}: rule without expr/alert`);
    }
    check(`PrometheusRule holds every alerts/*.yaml group (${expected.length})`, problems);
  }
}
if (ofKind('ServiceMonitor').length) {
  const problems = [];
  for (const sm of ofKind('ServiceMonitor')) {
    const services = ofKind('Service').filter((s) => matches(sm.spec.selector, s.metadata.labels) && s.spec.clusterIP !== 'None');
    if (services.length !== 1) problems.push(`${id(sm)}: selects ${services.length} Services`);
    for (const ep of sm.spec.endpoints) {
      if (ep.path !== '/q/metrics') problems.push(`${id(sm)}: path ${ep.path}`);
      if (!services.every((s) => s.spec.ports.some((p) => p.name === ep.port))) problems.push(`${id(sm)}: port ${ep.port} not on the Service`);
    }
  }
  for (const w of workloads.filter(isGateway))
    if (!ofKind('ServiceMonitor').some((sm) => component(sm) === component(w))) problems.push(`${id(w)}: not scraped`);
  check('ServiceMonitors scrape /q/metrics of every service', problems);
}

// ------------------------------------------------------------------------------------------- scenarios

const env = (comp, name) => {
  const d = ofKind('Deployment').find((x) => component(x) === comp);
  const e = d && d.spec.template.spec.containers[0].env.find((x) => x.name === name);
  return e && (e.value !== undefined ? e.value : e.valueFrom);
};
const chart = yaml.load(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'));
const expect = (name, cond, detail) => check(name, cond ? null : detail || 'not as expected');

if (scenario === 'default') {
  const images = ofKind('Deployment').map((d) => d.spec.template.spec.containers[0].image).sort();
  const want = ['audit-service', 'catalog-service', 'demo-upstream', 'policy-service', 'proxy-service'].map((s) => `mcp-gateway/${s}:${chart.appVersion}`);
  expect('images are mcp-gateway/<service>:<appVersion>', JSON.stringify(images) === JSON.stringify(want), `${images}`);
  const hpa = (c) => ofKind('HorizontalPodAutoscaler').find((h) => component(h) === c);
  expect('proxy and policy run several replicas', ['proxy', 'policy'].every((c) => hpa(c) && hpa(c).spec.minReplicas >= 2));
  expect('proxy reaches policy gRPC through the headless Service', byName('Service', env('proxy', 'QUARKUS_GRPC_CLIENTS_POLICY_HOST')) && byName('Service', env('proxy', 'QUARKUS_GRPC_CLIENTS_POLICY_HOST')).spec.clusterIP === 'None');
  {
    // gRPC has a port of its own: the proxy's client, the headless Service, the container and both NetworkPolicies agree.
    const grpcPort = Number(env('proxy', 'QUARKUS_GRPC_CLIENTS_POLICY_PORT'));
    const headless = byName('Service', env('proxy', 'QUARKUS_GRPC_CLIENTS_POLICY_HOST'));
    const svcPort = headless && headless.spec.ports.find((p) => p.port === grpcPort);
    const policyPod = ofKind('Deployment').find((d) => component(d) === 'policy');
    const container = policyPod.spec.template.spec.containers[0];
    const named = (container.ports || []).find((p) => p.name === (svcPort && svcPort.targetPort));
    expect('proxy calls policy gRPC on the port the policy container serves it on', grpcPort === 9081 && svcPort && named
      && named.containerPort === grpcPort && Number(env('policy', 'POLICY_GRPC_PORT')) === grpcPort,
      JSON.stringify({ grpcPort, svc: headless && headless.spec.ports, container: container.ports }));
    const np = (c) => ofKind('NetworkPolicy').find((n) => component(n) === c);
    const proxyLabels = ofKind('Deployment').find((d) => component(d) === 'proxy').spec.template.metadata.labels;
    const admitsProxy = (np('policy').spec.ingress || []).some((r) => (r.ports || []).some((p) => p.port === grpcPort)
      && (r.from || []).some((f) => f.podSelector && Object.entries(f.podSelector.matchLabels || {}).every(([k, v]) => proxyLabels[k] === v)));
    const proxyEgress = (np('proxy').spec.egress || []).some((r) => (r.ports || []).some((p) => p.port === grpcPort));
    expect('the network policies let the proxy reach policy gRPC', admitsProxy && proxyEgress,
      JSON.stringify({ ingress: np('policy').spec.ingress, egress: np('proxy').spec.egress }));
  }
  const upstreams = (ofKind('ConfigMap').find((x) => x.data && x.data['upstreams.properties']) || { data: {} }).data['upstreams.properties'] || '';
  const demoSvc = ofKind('Service').find((s) => component(s) === 'demo-upstream');
  expect('the smartlead upstream is the bundled demo upstream', demoSvc && upstreams.includes(`proxy.upstreams.smartlead.url=http://${demoSvc.metadata.name}:8090/mcp`), upstreams);
  const policies = ofKind('ConfigMap').find((x) => x.data && x.data['smartlead-example.json']);
  expect('the policy ConfigMap holds the example policy as JSON', policies && JSON.parse(policies.data['smartlead-example.json']).default === 'deny');
  expect('policy reads its ConfigMap through POLICY_DIR', env('policy', 'POLICY_DIR') === '/etc/mcp-gateway/policies');
  expect('policy follows the topic catalog publishes its tool changes to', env('policy', 'POLICY_CATALOG_CHANGES_TOPIC') === 'mcp.catalog.changes' && env('catalog', 'CATALOG_CHANGES_TOPIC') === 'mcp.catalog.changes');
  const policyNp = ofKind('NetworkPolicy').find((n) => component(n) === 'policy');
  expect('policy egress reaches Kafka (catalog change events)', policyNp && policyNp.spec.egress.some((r) => (r.ports || []).some((p) => p.port === 9092)), JSON.stringify(policyNp && policyNp.spec.egress));
  expect('policy uses Redis for counters', /^redis:\/\//.test(env('policy', 'QUARKUS_REDIS_HOSTS') || ''));
  expect('no ServiceMonitor or PrometheusRule by default', !ofKind('ServiceMonitor').length && !ofKind('PrometheusRule').length);
}
if (scenario === 'production') {
  expect('no demo upstream in production', !workloads.some((w) => component(w) === 'demo-upstream'));
  expect('no bundled infrastructure in production', !ofKind('StatefulSet').length && !ofKind('Secret').length);
  expect('Kafka over SASL_SSL with credentials from a Secret', ['audit', 'policy'].every((c) => env(c, 'KAFKA_SECURITY_PROTOCOL') === 'SASL_SSL') && env('proxy', 'MCP_KAFKA_SASL_PASSWORD').secretKeyRef && env('policy', 'MCP_KAFKA_SASL_PASSWORD').secretKeyRef);
  expect('database password from a Secret, TLS required', env('catalog', 'QUARKUS_DATASOURCE_PASSWORD').secretKeyRef && /sslmode=require/.test(env('catalog', 'QUARKUS_DATASOURCE_JDBC_URL')));
  expect('upstream credential from a Secret', env('proxy', 'MCP_UPSTREAM_SMARTLEAD_AUTHORIZATION') && env('proxy', 'MCP_UPSTREAM_SMARTLEAD_AUTHORIZATION').secretKeyRef);
  const ing = ofKind('Ingress')[0];
  expect('the Ingress host is an allowed Host/Origin', ing && (env('proxy', 'PROXY_SECURITY_ALLOWED_HOSTS') || '').split(',').includes(ing.spec.rules[0].host));
  expect('every service is scraped by a ServiceMonitor', ofKind('ServiceMonitor').length === 4);
  const proxyNp = ofKind('NetworkPolicy').find((n) => component(n) === 'proxy');
  expect('proxy ingress restricted to the configured peers', proxyNp && proxyNp.spec.ingress.every((r) => r.from && r.from.length));
}
if (scenario === 'bundled') {
  const sts = ofKind('StatefulSet').map(component).sort();
  expect('bundled PostgreSQL, Kafka and Redis StatefulSets', JSON.stringify(sts) === JSON.stringify(['kafka', 'postgresql', 'redis']), `${sts}`);
  expect('bundled objects are marked non-production', ofKind('StatefulSet').every((s) => s.metadata.labels['mcp-gateway/non-production'] === 'true'));
  const kafkaSvc = ofKind('Service').find((s) => component(s) === 'kafka');
  expect('services use the bundled Kafka (proxy, audit, catalog for its change events, policy to follow them)', kafkaSvc && ['proxy', 'audit', 'catalog', 'policy'].every((c) => env(c, 'KAFKA_BOOTSTRAP_SERVERS') === `${kafkaSvc.metadata.name}:9092`));
  const policyKafkaNp = ofKind('NetworkPolicy').find((n) => component(n) === 'policy');
  expect('policy egress reaches the bundled Kafka pods', policyKafkaNp && policyKafkaNp.spec.egress.some((r) => (r.to || []).some((t) => t.podSelector && (t.podSelector.matchLabels || {})['app.kubernetes.io/component'] === 'kafka')));
  const pgSvc = ofKind('Service').find((s) => component(s) === 'postgresql');
  expect('services use the bundled PostgreSQL with the generated password', pgSvc && (env('catalog', 'QUARKUS_DATASOURCE_REACTIVE_URL') || '').startsWith(`postgresql://${pgSvc.metadata.name}:5432/`) && env('catalog', 'QUARKUS_DATASOURCE_PASSWORD').secretKeyRef.name === pgSvc.metadata.name);
  const init = ofKind('ConfigMap').find((x) => x.data && x.data['01-databases.sql']);
  expect('the bundled PostgreSQL creates the three databases', init && ['mcp_policy', 'mcp_catalog', 'mcp_audit'].every((db) => init.data['01-databases.sql'].includes(`CREATE DATABASE ${db};`)));
}
if (scenario === 'monitoring') {
  const cm = ofKind('ConfigMap').find((x) => (x.metadata.labels || {}).grafana_dashboard === '1');
  expect('fixture dashboard shipped through the Glob', cm && cm.data['zz-test-fixture.json']);
  const rule = ofKind('PrometheusRule')[0];
  expect('fixture alert group shipped through the Glob', rule && rule.spec.groups.some((g) => g.name === 'mcp-gateway-chart-test-fixture'));
}
if (scenario === 'everything-on') {
  const ing = ofKind('Ingress')[0];
  const proxySvc = ofKind('Service').find((s) => component(s) === 'proxy');
  expect('Ingress routes /mcp to the proxy Service', ing && ing.spec.rules[0].http.paths.every((p) => p.backend.service.name === proxySvc.metadata.name));
  const upstreams = ofKind('ConfigMap').find((x) => x.data && x.data['upstreams.properties']).data['upstreams.properties'];
  expect('secret upstream header refers to its env variable', upstreams.includes('proxy.upstreams.smartlead.headers.Authorization=Bearer ${MCP_UPSTREAM_SMARTLEAD_AUTHORIZATION}'), upstreams);
  expect('JAAS config built from Secret-backed variables', /username="\$\(MCP_KAFKA_SASL_USERNAME\)"/.test(env('audit', 'KAFKA_SASL_JAAS_CONFIG') || ''));
  const proxyNp = ofKind('NetworkPolicy').find((n) => component(n) === 'proxy');
  const ports = proxyNp.spec.egress.flatMap((r) => r.ports.map((p) => p.port));
  expect('proxy egress opens the upstream URL ports (443, 3001, 8443)', [443, 3001, 8443].every((p) => ports.includes(p)), `${ports}`);
  const tokenMount = (comp) => {
    const d = ofKind('Deployment').find((x) => component(x) === comp);
    const file = env(comp, 'OPERATOR_TOKENS_FILE') || '';
    const m = d && d.spec.template.spec.containers[0].volumeMounts.find((v) => v.name === 'operator-tokens');
    const v = d && d.spec.template.spec.volumes.find((x) => x.name === 'operator-tokens');
    return m && v && v.secret && v.secret.secretName === 'mcp-operator-tokens' && file.startsWith(`${m.mountPath}/`);
  };
  expect('policy, catalog and audit read the operator token file from the Secret', ['policy', 'catalog', 'audit'].every(tokenMount));
  expect('JWT verification key, issuer and roles claim set on policy, catalog and audit', ['policy', 'catalog', 'audit'].every((c) =>
    env(c, 'OPERATOR_JWT_PUBLIC_KEY_LOCATION') && env(c, 'OPERATOR_JWT_ISSUER') && env(c, 'OPERATOR_JWT_ROLES_CLAIM') === 'realm_access/roles'));
  expect('the service token reaches the proxy and policy-service from its Secret', ['PROXY_CATALOG_TOKEN', 'POLICY_CATALOG_TOKEN'].every((n, i) => {
    const ref = env(i === 0 ? 'proxy' : 'policy', n);
    return ref && ref.secretKeyRef && ref.secretKeyRef.name === 'mcp-service-token';
  }));
  expect('the proxy and policy-service reach the catalog Service (not a default local port)',
    env('proxy', 'PROXY_CATALOG_URL') && env('proxy', 'PROXY_CATALOG_URL') === env('policy', 'POLICY_CATALOG_URL')
      && /^http:\/\/[a-z0-9-]*catalog[a-z0-9-]*:\d+$/.test(env('proxy', 'PROXY_CATALOG_URL')), `${env('proxy', 'PROXY_CATALOG_URL')}`);
  expect('OTLP endpoint set on every service', ofKind('Deployment').every((d) => d.spec.template.spec.containers[0].env.some((e) => e.name === 'QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT')));
}

process.exit(failures ? 1 : 0);
