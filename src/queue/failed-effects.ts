// The Slack effects BullMQ keeps in its failed jobs (never removed on their own): what an operator sees in
// `klaxon effects` and `klaxon doctor`, and tries again once the cause (an outage past the retry window, a
// channel klaxon was not invited to) is gone. A retried job starts its attempts afresh and renders from the
// incident as stored when it runs.
import { Queue, type ConnectionOptions } from 'bullmq';
import type { EffectJob } from '../app/ports.js';
import { laneOf } from './effect-worker.js';
import { bullPrefix, SLACK_QUEUE } from './queues.js';

export interface FailedEffect {
  readonly id: string;
  readonly name: string;
  /** The incident (or maintenance run, or Home tab) whose messages it writes. */
  readonly lane: string | undefined;
  readonly failedAt: number | undefined;
  readonly attempts: number;
  readonly reason: string;
}

export interface FailedEffects {
  list(): Promise<FailedEffect[]>;
  /** Moves every failed effect back to the queue; answers those it moved. */
  retry(): Promise<FailedEffect[]>;
  close(): Promise<void>;
}

export function failedEffects(connection: ConnectionOptions, prefix: string): FailedEffects {
  const queue = new Queue(SLACK_QUEUE, { connection, prefix: bullPrefix(prefix) });
  queue.on('error', () => undefined);
  const failed = async () => (await queue.getFailed()).filter((job) => job !== undefined);
  const describe = (job: Awaited<ReturnType<typeof failed>>[number]): FailedEffect => ({
    id: String(job.id),
    name: job.name,
    lane: laneOf({ name: job.name, data: job.data } as EffectJob),
    failedAt: job.finishedOn,
    attempts: job.attemptsMade,
    reason: job.failedReason,
  });
  return {
    list: async () => (await failed()).map(describe).sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0)),
    async retry() {
      const retried: FailedEffect[] = [];
      for (const job of await failed()) {
        await job.retry('failed', { resetAttemptsMade: true });
        retried.push(describe(job));
      }
      return retried;
    },
    close: () => queue.close(),
  };
}

/** "status-update of inc-7": what an effect is, for a person. */
export const effectLabel = (effect: FailedEffect): string => (effect.lane === undefined ? effect.name : `${effect.name} of ${effect.lane}`);
