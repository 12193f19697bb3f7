// Issues 9 (item 3) and 6 (item 8): the operator's command-line tools against the running stack,
// through ./gateway as a person would type them: validate → push → explain, and the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, connect, eventually, getJson } from './env.mjs';

const gateway = fileURLToPath(new URL('../../gateway', import.meta.url));
const cliEnv = { ...process.env, POLICY_URL: env.policyUrl, AUDIT_URL: env.auditUrl };

function run(...args) {
  return new Promise((resolve) => {
    execFile(gateway, args, { env: cliEnv, timeout: 120000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gw-cli-'));
const good = join(dir, 'cli-e2e.json');
writeFileSync(good, JSON.stringify({
  version: '1', default: 'deny',
  tools: {
    smartlead_get_campaign: {},
    'smartlead_delete_*': { action: 'require_approval', reason: 'destructive' },
  },
}));
const bad = join(dir, 'bad.json');
writeFileSync(bad, JSON.stringify({ version: '1', default: 'maybe', tools: { x: { limits: [{ counter: 'c', window: 'fortnight', max: 0 }] } } }));

test('policy: validate points at every bad field, push stores a version, explain names the winning rule', async () => {
  const invalid = await run('policy', 'validate', bad);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stdout + invalid.stderr, /\/default/);
  assert.match(invalid.stdout + invalid.stderr, /\/tools\/x\/limits\/0\/window/);
  assert.match(invalid.stdout + invalid.stderr, /\/tools\/x\/limits\/0\/max/);

  const valid = await run('policy', 'validate', good);
  assert.equal(valid.code, 0, valid.stderr);

  const pushed = await run('policy', 'push', good, '--id', 'cli-e2e', '--actor', 'e2e');
  assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
  const stored = await getJson(`${env.policyUrl}/api/policies/cli-e2e`);
  assert.equal(JSON.stringify(stored).includes('smartlead_delete_*'), true, 'the pushed document is the current version');

  const explained = await run('policy', 'explain', good, '--tool', 'smartlead_delete_campaign', '--args', '{"campaign_id":1}');
  assert.equal(explained.code, 0, explained.stderr);
  assert.match(explained.stdout, /APPROVAL_REQUIRED/);
  assert.match(explained.stdout, /\/tools\/smartlead_delete_\*/);

  const refused = await run('policy', 'push', bad, '--id', 'cli-e2e');
  assert.equal(refused.code, 1, 'an invalid document is not pushed');
});

test('audit: the CLI finds a session\'s decisions', async () => {
  const { client, transport } = await connect();
  const session = transport.sessionId.split('.')[0];
  try {
    await client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: 1 } });
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
  const out = await eventually(
    () => run('audit', 'events', '--session', session, '--json'),
    (r) => r.code === 0 && r.stdout.includes('smartlead_get_campaign'),
  );
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /smartlead_get_campaign/);
  assert.match(out.stdout, /DENY/);
});
