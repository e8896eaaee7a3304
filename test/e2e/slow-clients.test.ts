// Unsigned slow clients cannot take the bot offline: 5,000 connections that send headers and then trickle
// nothing of their promised body are closed by the server within seconds, while /healthz and a signed slash
// command keep answering. Loopback only, bounded in count and time; every socket is destroyed at the end.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_LIMITS } from '../../src/slack/http-limits.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const CLIENTS = 5000;
const BATCH = 250;

interface Slow {
  readonly socket: Socket;
  readonly openedAt: number;
  closedAt?: number;
}

function openSlow(port: number): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const slow: Slow = { socket, openedAt: Date.now() };
    const closed = () => void (slow.closedAt ??= Date.now());
    socket.setNoDelay(true);
    // Any end we did not ask for is the server's doing (408 then FIN, or a reset).
    socket.on('end', closed);
    socket.on('close', closed);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('connect', () => {
      const stamp = Math.floor(Date.now() / 1000);
      socket.write(
        'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\n' +
          `content-length: 100000\r\nx-slack-request-timestamp: ${stamp}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n\r\ncommand=`,
      );
      resolve(slow);
    });
    socket.once('error', reject);
  });
}

describe('slow clients', () => {
  let k: Klaxon;
  const slow: Slow[] = [];
  beforeAll(async () => {
    k = await startKlaxon();
    await eventually(() => k.emulator.calls('auth.test').length > 0, 'the start-up auth.test');
  });
  afterAll(async () => {
    for (const s of slow) s.socket.destroy();
    await k?.stop();
  });

  it(`closes ${CLIENTS} slow-body connections while /healthz and a signed command answer`, async () => {
    const port = Number(new URL(k.bot.url).port);
    const started = Date.now();
    for (let i = 0; i < CLIENTS; i += BATCH) {
      slow.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, CLIENTS - i) }, () => openSlow(port)))));
    }
    const opened = Date.now();

    // With every slow client connected and waiting, the bot still answers Slack and its health probe.
    const t0 = performance.now();
    const health = await fetch(`${k.bot.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    const healthMs = performance.now() - t0;
    expect(health.status).toBe(200);
    const help = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
    expect(help.status).toBe(200);
    expect(help.body).toContain('/incident');

    // Closed by the server, not by us: a generous bound over the request timeout (measured figures are logged).
    await eventually(() => slow.every((s) => s.closedAt !== undefined), `all ${CLIENTS} slow connections closed by the server`, 15_000);
    const lifetimes = slow.map((s) => (s.closedAt as number) - s.openedAt);
    console.info(
      `slow clients: ${CLIENTS} opened in ${opened - started} ms; each closed by the server after at most ${Math.max(...lifetimes)} ms ` +
        `(request timeout ${HTTP_LIMITS.requestTimeoutMs} ms); /healthz answered in ${Math.round(healthMs)} ms, /incident help in ${help.ms} ms`,
    );
    expect((await fetch(`${k.bot.url}/healthz`)).status).toBe(200);
  }, 90_000);
});
