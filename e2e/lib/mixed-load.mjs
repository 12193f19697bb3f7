// A short mixed load for the dashboard scrape test: allowed calls that reach the upstream, denied
// calls, rate-limited calls and protocol errors, from two agents, for LOAD_SECONDS (default 15).
//   node e2e/lib/mixed-load.mjs   with GW_MCP_URL, GW_TOKEN (demo grant), GW_POLICY_URL, GW_ADMIN_TOKEN (operator)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const { GW_MCP_URL: url, GW_TOKEN: demoToken, GW_POLICY_URL: policyUrl, GW_ADMIN_TOKEN: adminToken } = process.env;
const seconds = Number(process.env.LOAD_SECONDS ?? 15);
if (!url || !demoToken || !policyUrl || !adminToken) throw new Error('GW_MCP_URL, GW_TOKEN, GW_POLICY_URL and GW_ADMIN_TOKEN are required');

async function operator(method, path, body) {
  const res = await fetch(policyUrl + path, {
    method, headers: { 'Content-Type': 'application/json', 'X-Actor': 'scrape-load', Authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${await res.text()}`);
  return res.json();
}

async function agent(token) {
  const client = new Client({ name: 'scrape-load', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return { client, transport };
}

await operator('PUT', '/api/policies/scrape-load-allow', { version: '1', default: 'allow' });
const { token } = await operator('POST', '/api/grants', { name: 'scrape-load', server: 'smartlead', policy: 'scrape-load-allow' });
const allowed = await agent(token);
const demo = await agent(demoToken);
const counts = {};
const count = (k) => { counts[k] = (counts[k] ?? 0) + 1; };
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  const calls = [
    allowed.client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: 3001 } }),
    allowed.client.callTool({ name: 'smartlead_get_campaign', arguments: { campaign_id: 999999 } }),
    demo.client.callTool({ name: 'smartlead_delete_campaign', arguments: { campaign_id: 1 } }),
    demo.client.callTool({ name: 'smartlead_retrigger_failed_events', arguments: { webhook_id: 1 } }),
  ];
  for (const r of await Promise.allSettled(calls)) {
    count(r.status === 'rejected' ? 'protocol-error' : r.value.isError ? 'refused' : 'ok');
  }
  await new Promise((r) => setTimeout(r, 100));
}
for (const a of [allowed, demo]) {
  await a.transport.terminateSession().catch(() => {});
  await a.client.close();
}
console.log(`mixed load for ${seconds} s: ${JSON.stringify(counts)}`);
