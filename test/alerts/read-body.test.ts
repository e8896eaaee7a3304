import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../src/alerts/read-body.js';

const LIMIT = 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req, LIMIT).then((body) => {
      if (body.ok) res.writeHead(200).end(String(Buffer.byteLength(body.value)));
      else if (body.error === 'too_large') res.writeHead(413, { connection: 'close' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('readBody over real HTTP', () => {
  it('returns a body up to the limit, multi-byte text intact', async () => {
    const answer = await fetch(url, { method: 'POST', body: 'é'.repeat(LIMIT / 2) });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(String(LIMIT));
  });

  it('answers 413 for a declared length over the limit, and for a streamed body that grows past it', async () => {
    expect((await fetch(url, { method: 'POST', body: 'x'.repeat(LIMIT + 1) })).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let n = 0; n < 8; n += 1) controller.enqueue(new Uint8Array(512).fill(120));
        controller.close();
      },
    });
    const streamed = await fetch(url, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});
