// Where the stack under test is: ./gateway test sets these for the stack it started.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests through ./gateway test`);
  return v;
}

export const env = {
  mcpUrl: required('GW_MCP_URL'),
  token: required('GW_TOKEN'),
  auditUrl: required('GW_AUDIT_URL'),
  catalogUrl: required('GW_CATALOG_URL'),
  policyUrl: required('GW_POLICY_URL'),
  demoUrl: required('GW_DEMO_URL'),
  // Operator tokens of the stack under test (README "Operator access"): ./gateway test passes them.
  adminToken: required('GW_ADMIN_TOKEN'),
  approverToken: required('GW_APPROVER_TOKEN'),
  viewerToken: required('GW_VIEWER_TOKEN'),
};

/** The Authorization header of an operator request (the admin unless told otherwise). */
export function asOperator(token = env.adminToken) {
  return { Authorization: `Bearer ${token}` };
}

export const catalog = JSON.parse(readFileSync(new URL('../../catalog/smartlead-tools.json', import.meta.url)));

/** A connected SDK client (initialize done), as an agent would hold one. */
export async function connect(token = env.token, url = env.mcpUrl) {
  const client = new Client({ name: 'mcp-gateway-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return { client, transport };
}

/** GET on an operator API, as the admin unless another operator token is given. */
export async function getJson(url, token = env.adminToken) {
  const res = await fetch(url, { headers: asOperator(token) });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}: ${body}`);
  return JSON.parse(body);
}

/** Polls until check(value) holds or the time is up; returns the last value. */
export async function eventually(fetchValue, check, { timeoutMs = 30000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await fetchValue();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until at least `seconds` remain in the current UTC minute, so a per-minute window cannot roll over mid-test. */
export async function awayFromMinuteEdge(seconds = 20) {
  const left = 60 - new Date().getUTCSeconds();
  if (left < seconds) await new Promise((r) => setTimeout(r, left * 1000 + 200));
}

export function text(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}
