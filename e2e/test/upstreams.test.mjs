// Issue 3: every upstream transport behind the gateway, driven by the official TypeScript SDK client —
// the reference server-everything over Streamable HTTP, demo-upstream over stdio (as the real SmartLead
// server runs) — and a session that moves between two proxy replicas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { env, asOperator, connect, text } from './env.mjs';

const proxy2 = process.env.GW_PROXY2_URL;
const everythingPort = Number(process.env.GW_EVERYTHING_PORT ?? 0);
const gatewayOrigin = new URL(env.mcpUrl).origin;
const enabled = proxy2 && everythingPort;

let everything;
const tokens = {};

async function operator(method, path, body) {
  const res = await fetch(env.policyUrl + path, {
    method, headers: { 'Content-Type': 'application/json', 'X-Actor': 'e2e', ...asOperator() }, body: JSON.stringify(body),
  });
  const t = await res.text();
  assert.ok(res.ok, `${method} ${path} -> ${res.status}: ${t}`);
  return JSON.parse(t);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

before(async () => {
  if (!enabled) return;
  await operator('PUT', '/api/policies/e2e-allow-all', { version: '1', default: 'allow' });
  for (const server of ['everything', 'smartlead-stdio']) {
    tokens[server] = (await operator('POST', '/api/grants', { name: `e2e-${server}`, server, policy: 'e2e-allow-all' })).token;
  }
  const bin = fileURLToPath(new URL('../node_modules/.bin/mcp-server-everything', import.meta.url));
  everything = spawn(bin, ['streamableHttp'], { env: { ...process.env, PORT: String(everythingPort) }, stdio: 'ignore' });
  const deadline = Date.now() + 30000;
  while (!(await portOpen(everythingPort))) {
    if (Date.now() > deadline) throw new Error('server-everything did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
});

after(() => everything?.kill());

test('server-everything over Streamable HTTP: tools, structured content, progress, resources, prompts, sampling relayed', { skip: !enabled }, async () => {
  const client = new Client({ name: 'e2e-everything', version: '1.0.0' }, { capabilities: { sampling: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
    model: 'e2e-model', role: 'assistant',
    content: { type: 'text', text: `sampled: ${req.params.messages[0].content.text}` },
  }));
  const transport = new StreamableHTTPClientTransport(new URL(`${gatewayOrigin}/mcp/everything`), {
    requestInit: { headers: { Authorization: `Bearer ${tokens.everything}` } },
  });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    for (const n of ['echo', 'get-structured-content', 'trigger-long-running-operation', 'trigger-sampling-request']) {
      assert.ok(names.includes(n), `tools/list has ${n}: ${names}`);
    }
    const structured = tools.find((t) => t.name === 'get-structured-content');
    assert.ok(structured.outputSchema, 'the output schema passes through');
    assert.equal(structured.annotations?.readOnlyHint ?? true, true);

    assert.equal(text(await client.callTool({ name: 'echo', arguments: { message: 'through the gateway' } })), 'Echo: through the gateway');

    const weather = await client.callTool({ name: 'get-structured-content', arguments: { location: 'Chicago' } });
    assert.equal(typeof weather.structuredContent?.temperature, 'number', 'structuredContent passes through');

    const progress = [];
    const long = await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 1, steps: 3 } },
      undefined, { onprogress: (p) => progress.push(p.progress) });
    assert.match(text(long), /completed/);
    assert.deepEqual(progress, [1, 2, 3], 'every progress notification reaches the agent, in order');

    const sampled = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hello', maxTokens: 10 } });
    assert.match(text(sampled), /e2e-model[\s\S]*sampled: [^"]*hello/, "the server's sampling request reached the agent and its answer came back");

    const { resources } = await client.listResources();
    assert.ok(resources.length > 0);
    const read = await client.readResource({ uri: resources[0].uri });
    assert.ok(read.contents.length > 0);

    const { prompts } = await client.listPrompts();
    assert.ok(prompts.length > 0);
    const simple = prompts.find((p) => !(p.arguments ?? []).some((a) => a.required)) ?? prompts[0];
    const got = await client.getPrompt({ name: simple.name, arguments: {} });
    assert.ok(got.messages.length > 0);
    await client.ping();
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});

test('demo-upstream over stdio (as the SmartLead server runs): calls chain through the gateway', { skip: !enabled }, async () => {
  const { client, transport } = await connect(tokens['smartlead-stdio'], `${gatewayOrigin}/mcp/smartlead-stdio`);
  try {
    const { tools } = await client.listTools();
    assert.equal(tools.length, 116);
    const created = JSON.parse(text(await client.callTool({ name: 'smartlead_create_campaign', arguments: { name: 'E2E over stdio' } })));
    const id = created.id ?? created.campaign_id ?? created.data?.id;
    assert.ok(id, `the new campaign has an id: ${JSON.stringify(created)}`);
    const got = await client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: id } });
    assert.match(text(got), /E2E over stdio/);
    // Bad arguments never succeed: refused by the gateway's schema check (a tool error naming the field)
    // or, where that check is off, by the upstream's own -32602.
    const bad = await client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: 'not-a-number' } })
      .catch((e) => ({ rpcError: e }));
    if (bad.rpcError) {
      assert.equal(bad.rpcError.code, -32602, String(bad.rpcError));
      assert.match(bad.rpcError.message, /campaign_id/);
    } else {
      assert.equal(bad.isError, true, JSON.stringify(bad));
      assert.match(text(bad), /campaign_id/);
    }
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});

test('a DELETE on one proxy replica ends the session on the other (revocations shared in Redis)', { skip: !enabled }, async () => {
  const client = new Client({ name: 'e2e-replicas-delete', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(env.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${env.token}` } },
  });
  await client.connect(transport);
  const session = transport.sessionId;
  assert.ok(session, 'a session id');
  const ping = (origin) => fetch(new URL(new URL(env.mcpUrl).pathname, origin), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${env.token}`, 'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-11-25',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'p', method: 'ping', params: {} }),
  });
  try {
    assert.equal((await ping(proxy2)).status, 200, 'the second replica serves the session the first opened');
    await transport.terminateSession(); // DELETE on the first replica
    const after = await ping(proxy2);
    assert.equal(after.status, 404, `after a DELETE on replica 1, replica 2 answers ${after.status}: ${await after.text()}`);
    assert.equal((await ping(gatewayOrigin)).status, 404);
  } finally {
    await client.close();
  }
});

test('a session survives alternating between two proxy replicas', { skip: !enabled }, async () => {
  let n = 0;
  const seen = new Set();
  // Every request goes to the other replica than the one before.
  const alternating = (url, init) => {
    const target = new URL(url);
    const base = n++ % 2 === 0 ? gatewayOrigin : proxy2;
    seen.add(base);
    return fetch(new URL(target.pathname + target.search, base), init);
  };
  const client = new Client({ name: 'e2e-replicas', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(env.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${env.token}` } },
    fetch: alternating,
  });
  await client.connect(transport);
  try {
    for (let i = 0; i < 3; i++) {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 116);
    }
    const denied = await client.callTool({ name: 'smartlead_delete_campaign', arguments: { campaign_id: 1 } });
    assert.equal(denied.isError, true);
    assert.equal(seen.size, 2, 'both replicas served this session');
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
});
