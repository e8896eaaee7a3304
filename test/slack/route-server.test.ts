import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRoutes } from '../../src/slack/route-server.js';

describe('serveRoutes', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await serveRoutes(
      [
        { path: '/healthz', method: 'GET', handler: (_req, res) => res.writeHead(200).end('up') },
        { path: '/alerts/backtest', method: ['POST'], handler: (req, res) => res.writeHead(202).end(req.method) },
      ],
      0,
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('listens on the real port when asked for port 0 and answers routes by path and method', async () => {
    expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
    const health = await fetch(`${base}/healthz?probe=1`);
    expect([health.status, await health.text()]).toEqual([200, 'up']);
    const alert = await fetch(`${base}/alerts/backtest`, { method: 'POST', body: '{}' });
    expect([alert.status, await alert.text()]).toEqual([202, 'POST']);
    expect((await fetch(`${base}/alerts/backtest`)).status).toBe(404);
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('rejects when the port is taken instead of crashing later', async () => {
    await expect(serveRoutes([], (server.address() as AddressInfo).port)).rejects.toThrow(/EADDRINUSE/);
  });
});
