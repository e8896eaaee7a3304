// The effect worker on a real Redis and a real BullMQ worker: each incident's jobs run one at a time and in
// the order they were queued, while the queue backs up and finishing jobs fetch their successors.
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { EffectJob } from '../../src/app/ports.js';
import { startEffectWorker } from '../../src/queue/effect-worker.js';
import { bullPrefix, SLACK_QUEUE } from '../../src/queue/queues.js';
import { bullTestSetup } from './fixtures.js';

const { prefix, connection, logger } = bullTestSetup('effects');

const LANES = ['inc-1', 'inc-2', 'inc-3', 'inc-4', 'inc-5'];
const ROUNDS = 40;

// A job's queue time is BullMQ's millisecond timestamp: each round starts in a later millisecond, so one
// incident's jobs never share one.
async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
}

describe('startEffectWorker', () => {
  it('runs each incident’s jobs one at a time in the order they were queued', async () => {
    const queue = new Queue(SLACK_QUEUE, { connection, prefix: bullPrefix(prefix) });
    const ran = new Map<string, number[]>();
    const running = new Set<string>();
    const overlaps: string[] = [];
    let done = 0;
    let finished = () => {};
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const process = async (job: EffectJob) => {
      const { incidentId, seq } = job.data as { incidentId: string; seq: number };
      if (running.has(incidentId)) overlaps.push(`${incidentId} #${seq}`);
      running.add(incidentId);
      // Uneven work, so the queue backs up and finishing jobs fetch the next ones while the main loop fetches too.
      await new Promise((resolve) => setTimeout(resolve, (seq * 7 + incidentId.length * 3) % 9));
      (ran.get(incidentId) ?? ran.set(incidentId, []).get(incidentId))?.push(seq);
      running.delete(incidentId);
      if ((done += 1) === LANES.length * ROUNDS) finished();
    };
    const worker = startEffectWorker({ connection, prefix, logger, process });
    try {
      for (let seq = 0; seq < ROUNDS; seq++) {
        await nextMillisecond();
        // One round's jobs are added together: several arrive in the same turn, in the same reply chunk.
        await Promise.all(LANES.map((incidentId) => queue.add('render', { incidentId, seq })));
      }
      await allDone;
      expect(overlaps).toEqual([]);
      for (const lane of LANES) expect(ran.get(lane)).toEqual(Array.from({ length: ROUNDS }, (_, i) => i));
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 60_000);
});
