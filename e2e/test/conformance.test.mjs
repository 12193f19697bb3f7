// Issue 3 item 7: the official conformance suite, run twice in one go — directly against our
// fixture server and through the gateway with an allow-all policy. Through the gateway it must
// report no failure and at least as many passed checks as the direct run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { env, asOperator } from './env.mjs';
import { startBearerInjector } from '../lib/bearer-injector.mjs';

const direct = process.env.GW_CONFORMANCE_URL;
const runner = fileURLToPath(new URL('../../conformance-server/bin/run-conformance', import.meta.url));

function runSuite(url, log) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [runner, url, '--suite', 'all'], {
      env: { ...process.env, CONFORMANCE_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const m = out.replace(/\x1b\[[0-9;]*m/g, '').match(/Total: (\d+) passed, (\d+) failed/);
      resolve({ code, passed: m ? Number(m[1]) : -1, failed: m ? Number(m[2]) : -1, out });
    });
  });
}

async function operator(method, path, body) {
  const res = await fetch(env.policyUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Actor': 'e2e', ...asOperator() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} -> ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

test('the conformance suite passes through the gateway as it does directly', { skip: !direct && 'GW_CONFORMANCE_URL not set' }, async () => {
  await operator('PUT', '/api/policies/conformance-allow-all', { version: '1', default: 'allow' });
  const grant = await operator('POST', '/api/grants', { name: 'conformance-e2e', server: 'conformance', policy: 'conformance-allow-all' });
  assert.ok(grant.token, 'a grant token is returned once');

  const gatewayOrigin = new URL(env.mcpUrl).origin;
  const injector = await startBearerInjector({ target: gatewayOrigin, token: grant.token });
  try {
    const logs = process.env.GW_RUN_DIR ?? '/tmp';
    const straight = await runSuite(direct, `${logs}/conformance-direct.log`);
    assert.equal(straight.failed, 0, `direct run failed checks:\n${straight.out.slice(-4000)}`);
    assert.ok(straight.passed > 0, 'the direct run passed checks');

    const via = await runSuite(`http://127.0.0.1:${injector.port}/mcp/conformance`, `${logs}/conformance-gateway.log`);
    assert.equal(via.failed, 0, `through the gateway, failed checks:\n${via.out.slice(-6000)}`);
    assert.ok(via.passed >= straight.passed, `through the gateway ${via.passed} passed, directly ${straight.passed}`);
    console.log(`conformance: direct ${straight.passed} passed; through the gateway ${via.passed} passed, 0 failed`);
  } finally {
    await injector.close();
  }
});
