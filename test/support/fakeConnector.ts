import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for the Bot Framework connector service: records the replies a bot posts to it. */
export async function startFakeConnector(): Promise<{ url: string; replies: Record<string, unknown>[]; close: () => Promise<void> }> {
  const replies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/v3/conversations/')) replies.push(JSON.parse(body));
      // restify patches ServerResponse in this process, so writeHead is not chainable here.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, replies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
