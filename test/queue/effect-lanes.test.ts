// The effects worker's lanes: work of one lane runs one at a time in the order given, whatever it takes or
// throws; another lane does not wait for it.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createLanes } from '../../src/queue/effect-worker.js';

describe('createLanes', () => {
  it('runs each lane in order, one at a time, failures included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ lane: fc.constantFrom('a', 'b', 'c'), ms: fc.nat(3), fails: fc.boolean() }), { maxLength: 30 }), async (jobs) => {
        const inLane = createLanes();
        const running = new Set<string>();
        const order: Record<string, number[]> = {};
        await Promise.allSettled(
          jobs.map((job, n) =>
            inLane(job.lane, async () => {
              expect(running.has(job.lane)).toBe(false);
              running.add(job.lane);
              (order[job.lane] ??= []).push(n);
              await new Promise((resolve) => setTimeout(resolve, job.ms));
              running.delete(job.lane);
              if (job.fails) throw new Error('failed');
            }),
          ),
        );
        for (const [lane, seen] of Object.entries(order)) expect(seen).toEqual(jobs.flatMap((j, n) => (j.lane === lane ? [n] : [])));
      }),
      { numRuns: 30 },
    );
  });

  it('runs work handed over out of order in the order it was queued, when it arrives in the same turn or while the lane is busy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ lane: fc.constantFrom('a', 'b'), queuedAt: fc.integer({ min: 0, max: 1_000 }) }), { minLength: 1, maxLength: 20 }), async (jobs) => {
        const inLane = createLanes();
        const order: Record<string, number[]> = {};
        // All handed over in one turn (as jobs fetched together are), in an order unrelated to when they were queued.
        await Promise.all(jobs.map((job) => inLane(job.lane, async () => void (order[job.lane] ??= []).push(job.queuedAt), job.queuedAt)));
        for (const [lane, seen] of Object.entries(order)) {
          expect(seen).toEqual(jobs.filter((j) => j.lane === lane).map((j) => j.queuedAt).sort((x, y) => x - y));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('starts an idle lane at the end of the turn, without waiting on a timer', async () => {
    // Timers frozen: a lane that waited on one would never start, and this test would time out.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    try {
      await expect(createLanes()('a', async () => 'started')).resolves.toBe('started');
    } finally {
      vi.useRealTimers();
    }
  }, 2_000);

  it('does not hold one lane behind another that is stuck', async () => {
    const inLane = createLanes();
    let release = () => {};
    void inLane('stuck', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(inLane('free', async () => 'done')).resolves.toBe('done');
    release();
  });
});
