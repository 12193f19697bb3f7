// Issue 2, "Bad input": clear errors with the right status, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env } from './env.mjs';

const INIT = {
  jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

async function post(url, body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  assert.doesNotMatch(text, /\bat [\w.$]+\(|Exception\b.*\n\s+at /, 'no stack trace in the body');
  return { res, text, json: () => JSON.parse(text) };
}
const auth = { Authorization: `Bearer ${env.token}` };

test('no token: 401 with a JSON body that says the bearer token is missing', async () => {
  const { res, json } = await post(env.mcpUrl, INIT);
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  assert.match(JSON.stringify(json()), /authorization|bearer|token/i);
});

test('a wrong token: 401 that says the token is not valid', async () => {
  const { res, json } = await post(env.mcpUrl, INIT, { Authorization: 'Bearer not-a-real-token' });
  assert.equal(res.status, 401);
  assert.match(JSON.stringify(json()), /invalid|unknown|not valid|revoked/i);
});

test('an unknown server in the path: 404 naming it', async () => {
  const url = env.mcpUrl.replace(/\/mcp\/[^/]+$/, '/mcp/no-such-server');
  const { res, text } = await post(url, INIT, auth);
  assert.equal(res.status, 404);
  assert.match(text, /no-such-server/);
});

test('a body that is not JSON: JSON-RPC parse error -32700', async () => {
  const { res, json } = await post(env.mcpUrl, '{"jsonrpc": "2.0", "id": 1, "meth', auth);
  assert.equal(res.status, 400);
  assert.equal(json().error.code, -32700);
});

test('an unknown session id: 404', async () => {
  const { res } = await post(env.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { ...auth, 'Mcp-Session-Id': 'no-such-session', 'MCP-Protocol-Version': '2025-11-25' });
  assert.equal(res.status, 404);
});

test('a request without a session id after initialize: 400', async () => {
  const { res } = await post(env.mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { ...auth, 'MCP-Protocol-Version': '2025-11-25' });
  assert.equal(res.status, 400);
});
