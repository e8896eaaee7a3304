import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireAtRate } from '../../bench/fire-at-rate.js';
import { slashCommandRequest } from '../../bench/slack-request-bodies.js';

const SECRET = 'fire-at-rate-secret';

describe('fireAtRate', () => {
  let url = '';
  const seen: { valid: boolean; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const ts = String(req.headers['x-slack-request-timestamp']);
      const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const valid = req.headers['x-slack-signature'] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      seen.push({ valid, body });
      res.writeHead(seen.length % 5 === 0 ? 503 : 200).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends every request signed like Slack at the given rate and counts the answers by status', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => slashCommandRequest({ userId: 'U1', channelId: 'C1', text: `note ${i}`, responseUrl: 'http://127.0.0.1:1/r' }));
    const started = Date.now();
    const outcome = await fireAtRate(url, requests, { ratePerSecond: 100, signingSecret: SECRET });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(seen).toHaveLength(20);
    expect(seen.every((s) => s.valid)).toBe(true);
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set(requests.map((r) => r.body)));
    expect(outcome.statuses).toEqual({ 200: 16, 503: 4 });
    expect(outcome.latenciesMs).toHaveLength(20);
    expect(outcome.failures).toBe(0);
  });

  it('counts refused connections as failures and only loads loopback addresses', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const request = slashCommandRequest({ userId: 'U1', channelId: 'C1', text: 'help', responseUrl: 'http://127.0.0.1:1/r' });
    const outcome = await fireAtRate(`http://127.0.0.1:${port}/`, [request, request], { ratePerSecond: 50, signingSecret: SECRET });
    expect(outcome).toMatchObject({ failures: 2, latenciesMs: [] });
    await expect(fireAtRate('http://192.0.2.1/', [request], { ratePerSecond: 1, signingSecret: SECRET })).rejects.toThrow(/loopback/);
  });
});
