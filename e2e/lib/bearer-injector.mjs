// A loopback HTTP forwarder that adds `Authorization: Bearer <token>` to every request and streams
// everything else through untouched (Host, Origin, SSE bodies). The official conformance CLI has
// no option for request headers, and the gateway rightly refuses anonymous agents, so the test
// puts this in front of the gateway to play the part of an agent holding a grant.
import http from 'node:http';

export function startBearerInjector({ target, token }) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${token}` };
    const fwd = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    fwd.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bearer-injector: ${e.message}`);
    });
    req.pipe(fwd);
    res.on('close', () => fwd.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ port, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
