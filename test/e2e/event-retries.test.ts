// Slack's Events API sends an event again when klaxon did not take it, and sends a copy 3 s after the first
// without waiting for its answer. A 📌 whose first delivery is slow is recorded once, whether that delivery
// then succeeds or fails: the copy that comes while it is being handled is answered as not taken (503), and
// the copy after that is a replay if the first succeeded, and is handled if it failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectJob } from '../../src/app/ports.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('an event whose first delivery is slow', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;
  beforeAll(async () => {
    // Slack's schedule is at once, a minute later and five minutes later; here seconds.
    k = await startKlaxon({ workspace: { eventRetryDelaysMs: [0, 4_000, 8_000] } });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Backtests crash on start' });
    incidentId = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    channel = await eventually(async () => (await k.bot.services.store.getLinks(incidentId))['channel'], 'the incident channel');
  }, 60_000);
  afterAll(async () => k?.stop());

  /** The bot's job queue, except that the first pin job waits `ms` and then does `then`. */
  const firstPinSlow = (ms: number, then: 'fail' | 'queue') => {
    const { effects } = k.bot.services;
    let slowed = 0;
    const enqueue = async (job: EffectJob, jobId?: string) => {
      if (job.name === 'pin' && (slowed += 1) === 1) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        if (then === 'fail') throw new Error('Redis answered too late');
      }
      return effects.enqueue(job, jobId);
    };
    Object.assign(k.bot.services, { effects: { ...effects, enqueue } });
    return () => Object.assign(k.bot.services, { effects });
  };
  const pins = async (text: string) => (await k.bot.services.store.timelineAll(incidentId)).filter((e) => e.type === 'pinned' && e.text === text);
  const deliveriesOf = (eventId: string) => k.emulator.eventDeliveries().filter((d) => d.eventId === eventId);
  // The first's 404 (Bolt's, at 3 s) and the copy's 503 come within a few milliseconds of each other, either first.
  const byRetry = (eventId: string) => deliveriesOf(eventId).map((d) => [d.retryNum, d.status]).sort(([a], [b]) => Number(a) - Number(b));

  it('is recorded from a later copy when it fails after Slack’s 3 s', { timeout: 60_000 }, async () => {
    const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: channel, text: 'OOM killer hit the optimizer at 09:41' });
    const restore = firstPinSlow(5_000, 'fail');
    try {
      const first = await k.emulator.addReaction({ userId: USERS.l1, channelId: channel, ts: message.ts, name: 'pushpin' });
      expect(first.status).toBe(404);
      await eventually(async () => (await pins('OOM killer hit the optimizer at 09:41')).length === 1, 'the pin, from a later copy', 20_000);
      const eventId = k.emulator.eventDeliveries().at(-1)?.eventId as string;
      await eventually(() => deliveriesOf(eventId).at(-1)?.status === 200, 'a copy answered 200', 15_000);
      // The copy sent at 3 s came while the first was being handled: not taken, so Slack sent another.
      expect(byRetry(eventId)).toEqual([
        [0, 404],
        [1, 503],
        [2, 200],
      ]);
      expect(await pins('OOM killer hit the optimizer at 09:41')).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('is recorded once when it succeeds after Slack’s 3 s, the copies finding it handled', { timeout: 60_000 }, async () => {
    const message = k.emulator.postUserMessage({ userId: USERS.l3, channelId: channel, text: 'disk full on backtest-1 at 10:02' });
    const lookups = k.emulator.calls('reactions.get').length + k.emulator.calls('conversations.history').length;
    const restore = firstPinSlow(5_000, 'queue');
    try {
      await k.emulator.addReaction({ userId: USERS.l1, channelId: channel, ts: message.ts, name: 'pushpin' });
      await eventually(async () => (await pins('disk full on backtest-1 at 10:02')).length === 1, 'the pin', 20_000);
      const eventId = k.emulator.eventDeliveries().at(-1)?.eventId as string;
      await eventually(() => deliveriesOf(eventId).at(-1)?.status === 200 && deliveriesOf(eventId).length === 3, 'a copy answered 200', 15_000);
      expect(byRetry(eventId)).toEqual([
        [0, 404],
        [1, 503],
        [2, 200],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await pins('disk full on backtest-1 at 10:02')).toHaveLength(1);
      // The message was read from Slack once: the replay never reached the listener.
      expect(k.emulator.calls('reactions.get').length + k.emulator.calls('conversations.history').length - lookups).toBe(1);
    } finally {
      restore();
    }
  });
});
