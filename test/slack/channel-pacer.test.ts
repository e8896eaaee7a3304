import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../src/slack/channel-pacer.js';

// A clock the test moves, and the waits the pacer asked for (resolved at once: the test reads them, not time).
function fakeTime() {
  let at = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => at,
    advance: (ms: number) => (at += ms),
    sleep: (ms: number) => (waits.push(ms), Promise.resolve()),
    waits,
  };
}

// The bucket as the pacer had it before it forgot anything: the model whose waits forgetting must not change.
function rememberingPacer(intervalMs: number, burst: number, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (channel: string): number => {
    const bucket = buckets.get(channel) ?? { tokens: burst, at: now() };
    buckets.set(channel, bucket);
    const refill = Math.floor((now() - bucket.at) / intervalMs);
    if (refill > 0 && bucket.tokens + refill >= burst) {
      bucket.tokens = burst;
      bucket.at = now();
    } else if (refill > 0) {
      bucket.tokens += refill;
      bucket.at += refill * intervalMs;
    }
    bucket.tokens -= 1;
    return bucket.tokens < 0 ? bucket.at + intervalMs * -bucket.tokens - now() : 0;
  };
}

describe('createChannelPacer', () => {
  it('lets a burst through, then spaces the posts of one channel; other channels are not held back', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 1000, burst: 3, ...time });
    // Five posts in flight at once in one channel: three go, the fourth and fifth take the next two slots.
    await Promise.all([1, 2, 3, 4, 5].map(() => pacer.pace('C1')));
    expect(time.waits).toEqual([1000, 2000]);
    await pacer.pace('C2');
    expect(time.waits).toEqual([1000, 2000]);
    time.advance(1000);
    await pacer.pace('C1');
    expect(time.waits).toEqual([1000, 2000, 2000]);
  });

  it('forgets channels gone quiet, so a bot that posts in a new channel per incident does not grow for good', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 1000, burst: 3, ...time });
    for (let n = 0; n < 10_000; n += 1) await pacer.pace(`C${n}`);
    expect(pacer.size).toBe(10_000);
    time.advance(3000);
    await pacer.pace('C-new');
    expect(pacer.size).toBe(1);
  });

  it('keeps a channel whose posts are still waiting for their slots', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer({ intervalMs: 1000, burst: 3, ...time });
    for (let n = 0; n < 6; n += 1) void pacer.pace('busy');
    time.advance(3000);
    await pacer.pace('other');
    expect(pacer.size).toBe(2);
    // Forgetting it here would have let this post go at once, beside the three still queued.
    await pacer.pace('busy');
    expect(time.waits.at(-1)).toBe(1000);
  });

  // A forgotten channel starts a fresh bucket on its next post, its refills counted from that post rather than on
  // the old bucket's beat: never sooner than the remembering pacer (Slack's limit holds), and less than one
  // interval later.
  it('never lets a post go sooner than a pacer that never forgets, nor later by a whole interval', async () => {
    const step = fc.record({ channel: fc.constantFrom('A', 'B', 'C', 'D'), pauseMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2000 }), fc.array(step, { maxLength: 60 }), async (burst, intervalMs, steps) => {
        const time = fakeTime();
        const pacer = createChannelPacer({ intervalMs, burst, ...time });
        const model = rememberingPacer(intervalMs, burst, time.now);
        for (const { channel, pauseMs } of steps) {
          time.advance(pauseMs);
          const remembered = model(channel);
          const asked = time.waits.length;
          await pacer.pace(channel);
          const wait = time.waits.length > asked ? (time.waits.at(-1) as number) : 0;
          expect(wait).toBeGreaterThanOrEqual(remembered);
          expect(wait).toBeLessThan(remembered + intervalMs);
        }
      }),
    );
  });
});
