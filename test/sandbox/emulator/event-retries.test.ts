// The emulator sends an event again as Slack's Events API does when the app did not take it: a non-2xx answer,
// no connection, or no answer within 3 s (the retry then goes without waiting for it); at most three times, each
// with its number and reason, the same event_id and a signature of its own.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { SLACK_EVENT_RETRY_DELAYS_MS } from '../../../src/sandbox/emulator/slack-side.js';
import { hasSlackSignature } from '../../../src/slack/verify-signature.js';
import { eventually } from './bolt-fixture.js';
import { SIGNING_SECRET, startEmulator } from './emulator-fixture.js';

interface Received {
  readonly eventId: string;
  readonly retryNum?: string;
  readonly retryReason?: string;
  readonly signed: boolean;
}

/** A stand-in for the bot's events URL that answers each delivery in turn as `answers` says (ms: answer that late). */
async function botAnswering(answers: readonly { status: number; ms?: number }[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = (name: string) => req.headers[name] as string | undefined;
      received.push({
        eventId: String((JSON.parse(raw.toString()) as { event_id?: unknown }).event_id),
        ...(header('x-slack-retry-num') !== undefined ? { retryNum: header('x-slack-retry-num') } : {}),
        ...(header('x-slack-retry-reason') !== undefined ? { retryReason: header('x-slack-retry-reason') } : {}),
        signed: hasSlackSignature(SIGNING_SECRET, header('x-slack-request-timestamp') ?? '', header('x-slack-signature'), raw),
      });
      const answer = answers[received.length - 1] ?? { status: 200 };
      setTimeout(() => res.writeHead(answer.status).end(), answer.ms ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, received, server };
}

const reaction = { type: 'reaction_added', user: 'U0L1OPS', reaction: 'pushpin', item: { type: 'message', channel: 'C1', ts: '1.0' } };

let emulator: SlackEmulator | undefined;
let server: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  emulator = server = undefined;
});

describe('Slack sending an event again', () => {
  it('keeps to Slack’s schedule unless told otherwise: at once, after a minute, after five', () => {
    expect(SLACK_EVENT_RETRY_DELAYS_MS).toEqual([0, 60_000, 300_000]);
  });

  it('resends a failed event with its number and reason until the app takes it', async () => {
    const bot = await botAnswering([{ status: 500 }, { status: 503 }, { status: 200 }]);
    server = bot.server;
    ({ emulator } = await startEmulator({ botUrl: bot.url, eventRetryDelaysMs: [0, 200, 400] }));
    const first = await emulator.sendEvent(reaction, { eventId: 'EvRetried' });
    expect(first.status).toBe(500);
    await eventually(() => expect(emulator?.eventDeliveries()).toHaveLength(3));
    expect(emulator.eventDeliveries()).toEqual([
      { eventId: 'EvRetried', retryNum: 0, status: 500 },
      { eventId: 'EvRetried', retryNum: 1, retryReason: 'http_error', status: 503 },
      { eventId: 'EvRetried', retryNum: 2, retryReason: 'http_error', status: 200 },
    ]);
    expect(bot.received).toEqual([
      { eventId: 'EvRetried', signed: true },
      { eventId: 'EvRetried', retryNum: '1', retryReason: 'http_error', signed: true },
      { eventId: 'EvRetried', retryNum: '2', retryReason: 'http_error', signed: true },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(bot.received).toHaveLength(3);
  });

  it('gives up after its third retry', async () => {
    const bot = await botAnswering(Array.from({ length: 6 }, () => ({ status: 500 })));
    server = bot.server;
    ({ emulator } = await startEmulator({ botUrl: bot.url, eventRetryDelaysMs: [0, 50, 100] }));
    await emulator.sendEvent(reaction, { eventId: 'EvGivenUp' });
    await eventually(() => expect(bot.received).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.received.map((r) => r.retryNum)).toEqual([undefined, '1', '2', '3']);
  });

  it('resends at 3 s an event the app has not answered, without waiting for its answer, and only once for it', async () => {
    const bot = await botAnswering([{ status: 200, ms: 4_500 }, { status: 200 }]);
    server = bot.server;
    ({ emulator } = await startEmulator({ botUrl: bot.url, eventRetryDelaysMs: [0, 200, 400] }));
    const started = performance.now();
    let answered = false;
    const late = emulator.sendEvent(reaction, { eventId: 'EvSlow' }).finally(() => (answered = true));
    await eventually(() => expect(bot.received).toHaveLength(2), 6_000);
    expect(performance.now() - started).toBeGreaterThan(2_900);
    expect(answered).toBe(false);
    expect(bot.received[1]).toMatchObject({ retryNum: '1', retryReason: 'http_timeout' });
    expect((await late).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(bot.received).toHaveLength(2);
  });

  it('resends an event whose app could not be reached', async () => {
    const bot = await botAnswering([]);
    const url = bot.url;
    await new Promise((resolve) => bot.server.close(resolve));
    ({ emulator } = await startEmulator({ botUrl: url, eventRetryDelaysMs: [0, 50, 100] }));
    await expect(emulator.sendEvent(reaction, { eventId: 'EvUnreachable' })).rejects.toThrow();
    await eventually(() => expect(emulator?.eventDeliveries()).toHaveLength(4));
    expect(emulator.eventDeliveries().map((d) => [d.status, d.retryReason])).toEqual([
      [0, undefined],
      [0, 'connection_failed'],
      [0, 'connection_failed'],
      [0, 'connection_failed'],
    ]);
  });

  it('stops resending when the emulator closes', async () => {
    const bot = await botAnswering(Array.from({ length: 4 }, () => ({ status: 500 })));
    server = bot.server;
    ({ emulator } = await startEmulator({ botUrl: bot.url, eventRetryDelaysMs: [300, 300, 300] }));
    await emulator.sendEvent(reaction, { eventId: 'EvClosed' });
    await emulator.close();
    emulator = undefined;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.received).toHaveLength(1);
  });
});
