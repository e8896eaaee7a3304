import { WebAPIHTTPError, WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { FaultRegistry } from '../../../src/sandbox/emulator/faults.js';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { eventually } from './bolt-fixture.js';
import { slackError, startEmulator } from './emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
let channel: string;
let other: string;
beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
  channel = (await client.conversations.create({ name: 'faulty' })).channel?.id ?? '';
  other = (await client.conversations.create({ name: 'healthy' })).channel?.id ?? '';
});
afterEach(() => emulator.faults.clear());
afterAll(async () => emulator.close());

describe('fault injection seen by a real WebClient', () => {
  it('answers 429 with Retry-After: the client raises WebAPIRateLimitedError', async () => {
    emulator.faults.add({ method: 'chat.postMessage', kind: 'rate_limited', retryAfterSeconds: 7, times: 1 });
    const error = await client.chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(emulator.calls('chat.postMessage').at(-1)).toMatchObject({ status: 429, ok: false });
    expect((await client.chat.postMessage({ channel, text: 'next one passes' })).ok).toBe(true);
  });

  it('answers 500: the client raises WebAPIHTTPError', async () => {
    emulator.faults.add({ method: 'conversations.create', kind: 'http_error', status: 500, times: 1 });
    const error = await client.conversations.create({ name: 'boom' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(500);
    expect(emulator.channel('boom')).toBeUndefined();
  });

  it('answers ok:false with a chosen error name', async () => {
    emulator.faults.add({ method: 'chat.update', kind: 'error', error: 'internal_error', times: 2 });
    const { ts } = await client.chat.postMessage({ channel, text: 'x' });
    expect(await slackError(client.chat.update({ channel, ts: ts ?? '', text: 'y' }))).toBe('internal_error');
    expect(await slackError(client.chat.update({ channel, ts: ts ?? '', text: 'y' }))).toBe('internal_error');
    expect((await client.chat.update({ channel, ts: ts ?? '', text: 'y' })).ok).toBe(true);
  });

  it('limits a fault to one channel', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel, kind: 'rate_limited', retryAfterSeconds: 3 });
    expect((await client.chat.postMessage({ channel: other, text: 'fine' })).ok).toBe(true);
    await expect(client.chat.postMessage({ channel, text: 'limited' })).rejects.toBeInstanceOf(WebAPIRateLimitedError);
  });

  it('delays a call before it acts: nothing is posted while the caller waits', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel: other, kind: 'delay', ms: 2_000, times: 1 });
    const logged = emulator.calls('chat.postMessage').length;
    const call = client.chat.postMessage({ channel: other, text: 'delayed' });
    await eventually(() => expect(emulator.calls('chat.postMessage').length).toBe(logged + 1));
    expect(emulator.messages(other).some((m) => m.text === 'delayed')).toBe(false);
    expect((await call).ok).toBe(true);
    expect(emulator.messages(other).some((m) => m.text === 'delayed')).toBe(true);
  });

  it('answers slowly after acting: the message is there while the caller still waits for its answer', async () => {
    emulator.faults.add({ method: 'chat.postMessage', channel: other, kind: 'slow_answer', ms: 3_000, times: 1 });
    let settled = false;
    const call = client.chat.postMessage({ channel: other, text: 'posted, answered late' }).finally(() => {
      settled = true;
    });
    const stored = await eventually(() => {
      const found = emulator.messages(other).find((m) => m.text === 'posted, answered late');
      expect(found).toBeDefined();
      return found;
    });
    expect(settled).toBe(false);
    expect((await call).ts).toBe(stored?.ts);
  });
});

describe('FaultRegistry', () => {
  it('ends a windowed fault when its time is up', () => {
    let now = 1_000;
    const faults = new FaultRegistry(() => now);
    faults.add({ method: '*', kind: 'error', error: 'fatal_error', forMs: 500 });
    expect(faults.match('chat.postMessage', undefined)).toHaveLength(1);
    now = 1_500;
    expect(faults.match('users.info', undefined)).toHaveLength(1);
    now = 1_501;
    expect(faults.match('users.info', undefined)).toEqual([]);
  });

  it('applies delays together with one failure and counts uses', () => {
    const faults = new FaultRegistry(() => 0);
    faults.add({ method: 'a', kind: 'delay', ms: 10, times: 1 });
    faults.add({ method: 'a', kind: 'http_error', status: 503, times: 1 });
    faults.add({ method: 'a', kind: 'http_error', status: 502, times: 1 });
    expect(faults.match('a', undefined).map((f) => f.kind)).toEqual(['delay', 'http_error']);
    expect(faults.match('a', undefined)).toMatchObject([{ status: 502 }]);
    expect(faults.match('a', undefined)).toEqual([]);
    expect(faults.match('b', undefined)).toEqual([]);
  });
});
