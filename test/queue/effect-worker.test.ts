// The effect worker on a real Redis and a real BullMQ worker: each incident's jobs run one at a time and in
// the order they were queued, while the queue backs up and finishing jobs fetch their successors.
import { PassThrough } from 'node:stream';
import { Queue } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { EffectNotReadyError, type EffectJob } from '../../src/app/ports.js';
import { createLogger } from '../../src/logger.js';
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

  it('logs a wait for another effect at debug, a failure at warn, and the last failed attempt at error', async () => {
    const lines: { level: number; msg: string }[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
    });
    const queue = new Queue(SLACK_QUEUE, { connection, prefix: bullPrefix(prefix) });
    const tries = new Map<string, number>();
    // 'waiting' and 'flaky' fail their first try only; 'broken' fails both of its two.
    const process = async (job: EffectJob) => {
      const { kind } = job.data as { kind: string };
      const attempt = (tries.get(kind) ?? 0) + 1;
      tries.set(kind, attempt);
      if (kind === 'waiting' && attempt === 1) throw new EffectNotReadyError('incident inc-w has no channel yet');
      if (kind === 'broken' || attempt === 1) throw new Error('slack answered 500');
    };
    const worker = startEffectWorker({ connection, prefix, logger: createLogger({ level: 'debug', pretty: false, destination }), process });
    try {
      const retry = { attempts: 2, backoff: { type: 'fixed', delay: 20 } };
      await queue.add('render', { incidentId: 'inc-w', kind: 'waiting' }, retry);
      await queue.add('render', { incidentId: 'inc-f', kind: 'flaky' }, retry);
      await queue.add('render', { incidentId: 'inc-b', kind: 'broken' }, retry);
      await vi.waitFor(() => {
        expect(lines.filter((line) => line.msg.startsWith('slack effect'))).toHaveLength(4);
        expect([...tries].sort()).toEqual([['broken', 2], ['flaky', 2], ['waiting', 2]]);
      }, { timeout: 10_000 });
      const failures = lines.filter((line) => line.msg.startsWith('slack effect'));
      const said = (level: number) => failures.filter((line) => line.level === level).map((line) => line.msg);
      expect(said(20)).toEqual(['slack effect waits for another; will retry']);
      expect(said(40).sort()).toEqual(['slack effect failed; will retry', 'slack effect failed; will retry']);
      expect(said(50)).toEqual(['slack effect failed on its last attempt; kept in the failed jobs']);
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 30_000);
});
