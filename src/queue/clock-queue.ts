// The klaxon-clocks queue: one delayed job per clock alarm and per escalation checkpoint of an open incident.
// A job is a wake-up, not a command: its processor recomputes what is due from the stored incident.
import { Worker, type ConnectionOptions, type JobsOptions, type Queue } from 'bullmq';
import type { ClockJobs } from '../app/ports.js';
import type { ClockOutcome, FiredClockJob } from '../app/clocks.js';
import type { Logger } from '../logger.js';
import { logFailedJob } from './log-failed-job.js';
import { bullPrefix, CLOCK_QUEUE } from './queues.js';

const THIRTY_DAYS_S = 30 * 86_400;

export const CLOCK_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Fired jobs are kept so that re-scheduling an incident (every transition, every start-up) re-adds none of them.
  removeOnComplete: { age: THIRTY_DAYS_S },
  removeOnFail: { age: THIRTY_DAYS_S },
};

// Every transition plans the incident's clocks again, and the plan seldom changes: re-adding a job whose id
// Redis has is a no-op that still costs a script per job (six per transition of a critical incident, in the
// same moments as the run a click just queued). Ids this process added are not sent again for an hour, and
// are all forgotten when the connection closes: a Redis that comes back may have come back without them.
export const ADDED_REMEMBERED_MS = 3_600_000;
const ADDED_REMEMBERED_MAX = 10_000;

/** The ClockJobs port on the klaxon-clocks queue; `now` times the delays. */
export function createClockJobs(queue: Queue, now: () => number): ClockJobs {
  // Insertion order is age order: the oldest ids are the first to go.
  const added = new Map<string, number>();
  queue.on('ioredis:close', () => added.clear());
  const isFresh = (jobId: string, at: number) => {
    const addedAt = added.get(jobId);
    return addedAt !== undefined && at - addedAt < ADDED_REMEMBERED_MS;
  };
  return {
    async add(planned) {
      const at = now();
      const missing = planned.filter((p) => !isFresh(p.jobId, at));
      if (missing.length === 0) return;
      await queue.addBulk(
        missing.map((p) => ({ name: p.job.name, data: p.job.data, opts: { ...CLOCK_JOB_OPTIONS, jobId: p.jobId, delay: Math.max(0, p.dueAt - at) } })),
      );
      for (const p of missing) {
        added.delete(p.jobId);
        added.set(p.jobId, at);
      }
      for (const jobId of added.keys()) {
        if (added.size <= ADDED_REMEMBERED_MAX && isFresh(jobId, at)) break;
        added.delete(jobId);
      }
    },
    async repeat(id, cron, timeZone, job) {
      // A scheduler's firing has the id `repeat:<id>:<due millis>`: one job per firing, whichever replica adds it.
      await queue.upsertJobScheduler(id, { pattern: cron, tz: timeZone }, { name: job.name, data: job.data, opts: CLOCK_JOB_OPTIONS });
    },
  };
}

export interface ClockProcessorOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly logger: Logger;
  readonly handle: (job: FiredClockJob) => Promise<ClockOutcome>;
}

/** Runs the clock jobs in the bot process; several bot replicas share them through the queue. */
export function startClockProcessor(options: ClockProcessorOptions): Worker {
  const { logger, handle } = options;
  const worker = new Worker(
    CLOCK_QUEUE,
    async (job) => {
      const outcome = await handle({ id: String(job.id), name: job.name, data: job.data as unknown });
      logger.debug({ jobId: job.id, outcome }, 'clock job done');
      return outcome;
    },
    { connection: options.connection, prefix: bullPrefix(options.prefix), concurrency: 2 },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'clock worker error'));
  worker.on('failed', logFailedJob(logger, 'clock job'));
  return worker;
}
