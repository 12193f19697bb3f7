// Issue 9 item 2: every tools/call is checked against the tool's input schema at the gateway; a call
// that does not fit never reaches the server, the agent reads why (JSON pointers, plain words), and
// the refusal is audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, asOperator, connect, getJson, eventually, text } from './env.mjs';

async function operator(method, path, body) {
  const res = await fetch(env.policyUrl + path, {
    method, headers: { 'Content-Type': 'application/json', 'X-Actor': 'e2e', ...asOperator() }, body: JSON.stringify(body),
  });
  const t = await res.text();
  assert.ok(res.ok, `${method} ${path} -> ${res.status}: ${t}`);
  return JSON.parse(t);
}

const violations = [
  { kind: 'missing required', tool: 'smartlead_get_campaign', args: {}, mentions: /campaign_id/ },
  { kind: 'wrong type', tool: 'smartlead_get_campaign', args: { campaign_id: 'abc' }, mentions: /campaign_id/ },
  { kind: 'not in the enum', tool: 'smartlead_list_campaigns', args: { status: 'archived' }, mentions: /status/ },
  { kind: 'extra property', tool: 'smartlead_get_campaign', args: { campaign_id: 1, surprise: true }, mentions: /surprise/ },
  { kind: 'format', tool: 'smartlead_fetch_lead_by_email', args: { email: 'not-an-email' }, mentions: /email/ },
  { kind: 'numeric bound', tool: 'smartlead_download_campaign_data', args: { campaign_id: 0, download_type: 'full' }, mentions: /campaign_id/ },
];

test('calls that do not fit the tool schema are refused at the gateway, named, and audited', async () => {
  await operator('PUT', '/api/policies/e2e-validation-allow-all', { version: '1', default: 'allow' });
  const { token } = await operator('POST', '/api/grants', { name: 'e2e-validation', server: 'smartlead', policy: 'e2e-validation-allow-all' });
  const { client, transport } = await connect(token);
  const session = transport.sessionId.split('.')[0];
  try {
    const ok = await client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: 3001 } });
    assert.ok(!ok.isError, `a call that fits goes through: ${text(ok)}`);

    for (const v of violations) {
      const r = await client.callTool({ name: v.tool, arguments: v.args });
      assert.equal(r.isError, true, `${v.kind}: refused (${text(r)})`);
      assert.match(text(r), /schema/i, `${v.kind}: the agent is told the arguments do not match the schema`);
      assert.match(text(r), v.mentions, `${v.kind}: the refusal names the offending field`);
    }

    const page = await eventually(
      () => getJson(`${env.auditUrl}/api/audit/events?session=${encodeURIComponent(session)}&limit=100`),
      (p) => p.items.length >= 1 + violations.length,
    );
    const refused = page.items.filter((e) => e.decision === 'DENY');
    assert.equal(refused.length, violations.length, 'each refusal is audited');
    for (const e of refused) {
      assert.equal(e.upstreamOutcome, 'NOT_FORWARDED');
      assert.match(e.reason, /schema/i);
    }
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});
