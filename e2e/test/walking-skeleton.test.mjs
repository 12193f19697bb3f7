// Issue 2: an agent through the gateway to the SmartLead stand-in, the example policy enforced,
// and every decision found again in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, catalog, connect, getJson, eventually, awayFromMinuteEdge, text } from './env.mjs';

const RETRIGGER = 'smartlead_retrigger_failed_events';
const DENIED = 'smartlead_delete_campaign';

test('an agent lists the 116 tools, is rate limited on the 11th call, is denied elsewhere, and the audit log has all 12 decisions', async () => {
  const { client, transport } = await connect();
  try {
    assert.equal(client.getServerVersion()?.name, 'smartlead-mcp-server-demo');

    const { tools } = await client.listTools();
    assert.equal(tools.length, 116);
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const expected of catalog.tools) {
      assert.ok(byName.has(expected.name), `missing ${expected.name}`);
      assert.deepEqual(byName.get(expected.name).inputSchema, expected.inputSchema, `schema of ${expected.name}`);
    }

    await awayFromMinuteEdge();
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(await client.callTool({ name: RETRIGGER, arguments: { webhook_id: 7, campaign_id: 1000 + i } }));
    }
    for (const [i, r] of results.slice(0, 10).entries()) {
      assert.ok(!r.isError, `call ${i + 1} should succeed: ${text(r)}`);
    }
    const refused = results[10];
    assert.equal(refused.isError, true, 'the 11th call is refused');
    assert.match(text(refused), /rate limit/i, 'the refusal says why');
    assert.match(text(refused), /retry/i, 'the refusal says when to retry');

    const denied = await client.callTool({ name: DENIED, arguments: { campaign_id: 1 } });
    assert.equal(denied.isError, true);
    assert.match(text(denied), /not allowed/i);

    assert.ok(transport.sessionId, 'the gateway issued a session id');
    // The id the client holds is sealed; its part before the first dot is the session's key in the audit log.
    const session = transport.sessionId.split('.')[0];
    const page = await eventually(
      () => getJson(`${env.auditUrl}/api/audit/events?session=${encodeURIComponent(session)}&limit=100`),
      (p) => p.items.length >= 12,
    );
    assert.equal(page.items.length, 12, 'exactly the 12 decisions of this session');
    const count = (d, tool) => page.items.filter((e) => e.decision === d && e.tool === tool).length;
    assert.equal(count('ALLOW', RETRIGGER), 10);
    assert.equal(count('RATE_LIMITED', RETRIGGER), 1);
    assert.equal(count('DENY', DENIED), 1);
    // Newest first: the denial was the last call.
    assert.equal(page.items[0].tool, DENIED);
    for (const e of page.items) {
      assert.equal(e.server, 'smartlead');
      assert.equal(e.sessionId, session);
      assert.ok(e.rule?.startsWith('/'), `rule is a JSON pointer: ${e.rule}`);
      assert.deepEqual(e.argumentKeys.sort(), e.tool === RETRIGGER ? ['campaign_id', 'webhook_id'] : ['campaign_id']);
    }
    const limited = page.items.find((e) => e.decision === 'RATE_LIMITED');
    assert.equal(limited.rule, `/tools/${RETRIGGER}/limits/0`);
    assert.equal(limited.upstreamOutcome, 'NOT_FORWARDED');
    assert.equal(page.items.find((e) => e.decision === 'DENY').rule, '/default');
    assert.ok(page.items.filter((e) => e.decision === 'ALLOW').every((e) => e.upstreamOutcome === 'OK'));
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});

test('catalog-service serves the 116 SmartLead tools with category and risk', async () => {
  const page = await getJson(`${env.catalogUrl}/api/tools?server=smartlead&size=500`);
  assert.equal(page.total, 116);
  assert.equal(page.items.length, 116);
  const seed = new Map(catalog.tools.map((t) => [t.name, t]));
  for (const item of page.items) {
    assert.equal(item.category, seed.get(item.name).category, item.name);
    assert.equal(item.risk, seed.get(item.name).risk, item.name);
  }
});

test('every service is live, ready and exposes Prometheus metrics', async () => {
  const bases = [new URL(env.mcpUrl).origin, env.policyUrl, env.catalogUrl, env.auditUrl, env.demoUrl];
  for (const base of bases) {
    for (const path of ['/q/health/live', '/q/health/ready']) {
      const res = await fetch(base + path);
      assert.equal(res.status, 200, `${base}${path}`);
      assert.equal((await res.json()).status, 'UP');
    }
    const metrics = await fetch(`${base}/q/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^# TYPE jvm_memory_used_bytes gauge/m, `${base}/q/metrics`);
  }
});
