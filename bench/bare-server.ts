// The baseline: plain node:http on loopback that reads the whole body and answers 200, and with a signing
// secret also checks the Slack signature first (401 otherwise) — the least any Slack app must do.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasSlackSignature } from '../src/slack/verify-signature.js';

export interface BareServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBareServer(options: { readonly signingSecret?: string } = {}): Promise<BareServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } = req.headers;
      const ok = !options.signingSecret || (typeof timestamp === 'string' && hasSlackSignature(options.signingSecret, timestamp, typeof signature === 'string' ? signature : undefined, Buffer.concat(chunks)));
      res.writeHead(ok ? 200 : 401, { 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
