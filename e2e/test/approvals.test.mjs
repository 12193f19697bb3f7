// Issue 8 item 8: a call that needs a person's approval is held; an approver decides over REST and
// the agent gets the upstream result, or the approver's reason; an undecided request expires.
// (The test stack runs with a 10 s approval lifetime.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, asOperator, connect, getJson, eventually, text } from './env.mjs';

async function post(path, body) {
  const res = await fetch(env.policyUrl + path, {
    method: path.includes('/api/policies/') && !path.endsWith('explain') ? 'PUT' : 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Actor': 'e2e', ...asOperator() }, body: JSON.stringify(body),
  });
  const t = await res.text();
  assert.ok(res.ok, `${path} -> ${res.status}: ${t}`);
  return t ? JSON.parse(t) : null;
}

async function pendingFor(tool, marker) {
  const found = await eventually(
    () => getJson(`${env.policyUrl}/api/approvals?status=pending&limit=100`),
    (list) => list.some((a) => a.tool === tool && JSON.stringify(a.arguments).includes(marker)),
    { timeoutMs: 15000 },
  );
  const request = found.find((a) => a.tool === tool && JSON.stringify(a.arguments).includes(marker));
  assert.ok(request, `a pending approval request for ${tool} (${marker})`);
  return request;
}

test('held calls: approved → the upstream result, rejected → the reason, undecided → expired', async () => {
  await post('/api/policies/e2e-approvals', {
    version: '1', default: 'deny',
    tools: { smartlead_create_campaign: { action: 'require_approval', reason: 'new campaigns need a person' } },
  });
  const { token } = await post('/api/grants', { name: 'e2e-approvals', server: 'smartlead', policy: 'e2e-approvals' });
  const { client, transport } = await connect(token);
  try {
    // Approved: the agent's call was waiting and now carries the upstream's answer.
    const approvedCall = client.callTool({ name: 'smartlead_create_campaign', arguments: { name: 'approved-by-alice' } },
      undefined, { timeout: 60000 });
    const first = await pendingFor('smartlead_create_campaign', 'approved-by-alice');
    assert.equal(first.arguments.name, 'approved-by-alice', 'approvers see the arguments');
    await post(`/api/approvals/${first.id}/approve`, { approver: 'alice', note: 'looks fine' });
    const approved = await approvedCall;
    assert.ok(!approved.isError, text(approved));
    assert.match(text(approved), /approved-by-alice/);

    // Rejected: the agent reads the approver's reason.
    const rejectedCall = client.callTool({ name: 'smartlead_create_campaign', arguments: { name: 'rejected-by-bob' } },
      undefined, { timeout: 60000 });
    const second = await pendingFor('smartlead_create_campaign', 'rejected-by-bob');
    await post(`/api/approvals/${second.id}/reject`, { approver: 'bob', reason: 'not during the freeze' });
    const rejected = await rejectedCall;
    assert.equal(rejected.isError, true);
    assert.match(text(rejected), /not during the freeze/);

    // Nobody decides: it expires.
    const expired = await client.callTool({ name: 'smartlead_create_campaign', arguments: { name: 'nobody-looks' } },
      undefined, { timeout: 60000 });
    assert.equal(expired.isError, true);
    assert.match(text(expired), /expired/i);

    // Deciding again is refused: nothing half-done.
    const again = await fetch(`${env.policyUrl}/api/approvals/${first.id}/reject`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...asOperator() }, body: JSON.stringify({ approver: 'eve', reason: 'late' }),
    });
    assert.equal(again.status, 409);
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});

test('a cancel that reaches the other proxy replica withdraws the held call', { skip: !process.env.GW_PROXY2_URL }, async () => {
  await post('/api/policies/e2e-approvals-cancel', {
    version: '1', default: 'deny',
    tools: { smartlead_create_campaign: { action: 'require_approval', reason: 'new campaigns need a person' } },
  });
  const { token } = await post('/api/grants', { name: 'e2e-approvals-cancel', server: 'smartlead', policy: 'e2e-approvals-cancel' });
  const { client, transport } = await connect(token);
  const session = transport.sessionId;
  const path = new URL(env.mcpUrl).pathname;
  const send = (origin, message) => fetch(new URL(path, origin), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
      'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-11-25',
    },
    body: JSON.stringify(message),
  });
  try {
    // Held on replica 1...
    const held = send(new URL(env.mcpUrl).origin, {
      jsonrpc: '2.0', id: 'held-call-1', method: 'tools/call',
      params: { name: 'smartlead_create_campaign', arguments: { name: 'cancelled-elsewhere' } },
    }).then((r) => r.text());
    const request = await pendingFor('smartlead_create_campaign', 'cancelled-elsewhere');
    // ...cancelled on replica 2, which never saw the call.
    const cancel = await send(process.env.GW_PROXY2_URL, {
      jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'held-call-1', reason: 'user pressed stop' },
    });
    assert.equal(cancel.status, 202);
    const answer = await held;
    assert.match(answer, /withdrawn/, answer);
    assert.match(answer, /client cancelled/, answer);
    const closed = await getJson(`${env.policyUrl}/api/approvals/${request.id}`);
    assert.equal(closed.status, 'withdrawn');
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});

// Issue 8 items 7 and 8: a viewer token cannot approve (403, the request stays pending, the viewer never sees the
// arguments); an approver then can, and the held call goes on. The agent's own grant token opens no operator API.
test('a viewer token cannot approve; an approver then does', async () => {
  await post('/api/policies/e2e-approvals-roles', {
    version: '1', default: 'deny',
    tools: { smartlead_create_campaign: { action: 'require_approval', reason: 'new campaigns need a person' } },
  });
  const { token } = await post('/api/grants', { name: 'e2e-approvals-roles', server: 'smartlead', policy: 'e2e-approvals-roles' });
  const { client, transport } = await connect(token);
  try {
    const call = client.callTool({ name: 'smartlead_create_campaign', arguments: { name: 'viewer-cannot-approve' } },
      undefined, { timeout: 60000 });
    const request = await pendingFor('smartlead_create_campaign', 'viewer-cannot-approve');

    const byViewer = await fetch(`${env.policyUrl}/api/approvals/${request.id}/approve`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...asOperator(env.viewerToken) },
      body: JSON.stringify({ approver: 'viewer' }),
    });
    assert.equal(byViewer.status, 403);
    assert.match(byViewer.headers.get('content-type'), /application\/problem\+json/);
    assert.match((await byViewer.json()).detail, /needs the role `approver`/);
    const seenByViewer = await getJson(`${env.policyUrl}/api/approvals/${request.id}`, env.viewerToken);
    assert.equal(seenByViewer.status, 'pending', 'the refused approval changed nothing');
    assert.equal(seenByViewer.arguments, undefined, 'viewers never see the arguments');

    const byAgent = await fetch(`${env.policyUrl}/api/approvals/${request.id}/approve`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ approver: 'agent' }),
    });
    assert.equal(byAgent.status, 401);
    assert.match((await byAgent.json()).detail, /grant tokens never open operator APIs/);

    const byApprover = await fetch(`${env.policyUrl}/api/approvals/${request.id}/approve`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...asOperator(env.approverToken) },
      body: JSON.stringify({ approver: 'carol' }),
    });
    assert.equal(byApprover.status, 200, await byApprover.clone().text());
    const result = await call;
    assert.ok(!result.isError, text(result));
    assert.match(text(result), /viewer-cannot-approve/);
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});
