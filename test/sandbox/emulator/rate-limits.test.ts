// Slack's per-method rate limits in the emulator: tiers per method, chat.postMessage per channel with a small
// burst, 429 with Retry-After once over; driven by a hand-moved clock so nothing depends on the machine's speed.
import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { METHOD_LIMITS, RateLimiter, TIER_2, TIER_3, TIER_4 } from '../../../src/sandbox/emulator/rate-limits.js';
import { METHODS } from '../../../src/sandbox/emulator/methods/method-table.js';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { startEmulator } from './emulator-fixture.js';

describe('RateLimiter', () => {
  it('allows a Tier 2 method 20 calls at once, then asks to wait, and refills at 20 a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 20; i += 1) expect(limiter.take('conversations.create', undefined)).toBeUndefined();
    expect(limiter.take('conversations.create', undefined)).toBe(3);
    now += 3_000;
    expect(limiter.take('conversations.create', undefined)).toBeUndefined();
    expect(limiter.take('conversations.create', undefined)).toBe(3);
    expect(limiter.take('conversations.setTopic', undefined)).toBeUndefined();
  });

  it('limits chat.postMessage per channel: a burst of 3, then one a second; another channel is not affected', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i += 1) expect(limiter.take('chat.postMessage', 'C1')).toBeUndefined();
    expect(limiter.take('chat.postMessage', 'C1')).toBe(1);
    expect(limiter.take('chat.postMessage', 'C2')).toBeUndefined();
    now += 1_000;
    expect(limiter.take('chat.postMessage', 'C1')).toBeUndefined();
    expect(limiter.take('chat.postMessage', 'C1')).toBe(1);
  });

  it('knows the tier of every method klaxon calls, and leaves methods without a limit alone', () => {
    expect(METHOD_LIMITS['conversations.invite']).toBe(TIER_3);
    expect(METHOD_LIMITS['pins.add']).toBe(TIER_2);
    const limiter = new RateLimiter(() => 0);
    for (let i = 0; i < 1_000; i += 1) expect(limiter.take('no.such.method', undefined)).toBeUndefined();
  });

  it('limits every Web API method the emulator answers, as Slack limits every one', () => {
    expect(Object.keys(METHODS).filter((method) => METHOD_LIMITS[method] === undefined)).toEqual([]);
  });

  it('limits views.publish to Tier 4: 100 Home tabs at once, then one every 0.6 s', () => {
    expect(METHOD_LIMITS['views.publish']).toBe(TIER_4);
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 100; i += 1) expect(limiter.take('views.publish', undefined)).toBeUndefined();
    expect(limiter.take('views.publish', undefined)).toBe(1);
    now += 600;
    expect(limiter.take('views.publish', undefined)).toBeUndefined();
  });
});

describe('rate limits seen by a real WebClient (on by default)', () => {
  let emulator: SlackEmulator;
  let client: WebClient;
  let now = 0;
  beforeAll(async () => {
    ({ emulator, client } = await startEmulator({ rateLimits: { clock: () => now } }));
  });
  afterAll(async () => emulator.close());

  it('answers the fourth quick post to one channel 429 ratelimited with Retry-After, and posts again a second later', async () => {
    const general = emulator.channel('general')?.id as string;
    for (let i = 0; i < 3; i += 1) await client.chat.postMessage({ channel: general, text: `burst ${i}` });
    const refused = await client.chat.postMessage({ channel: general, text: 'one too many' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WebAPIRateLimitedError);
    expect((refused as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(emulator.calls('chat.postMessage').at(-1)).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });
    expect(emulator.messages(general).some((m) => m.text === 'one too many')).toBe(false);
    now += 1_000;
    expect((await client.chat.postMessage({ channel: general, text: 'after the wait' })).ok).toBe(true);
  });

  it('is on unless turned off', async () => {
    const off = await startEmulator({ rateLimits: false });
    try {
      const general = off.emulator.channel('general')?.id as string;
      for (let i = 0; i < 10; i += 1) expect((await off.client.chat.postMessage({ channel: general, text: `${i}` })).ok).toBe(true);
    } finally {
      await off.emulator.close();
    }
  });
});
