// The bot's klaxon-slack queue consumer, handed to the Slack adapter's effects. Jobs of one incident (or one
// maintenance run) run one at a time in the order the worker took them; different incidents run side by side,
// so one channel's Retry-After or a slow Slack answer holds up only its own incident.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { PermanentEffectError, type EffectJob, type EffectRun } from '../app/ports.js';
import type { Logger } from '../logger.js';
import { bullPrefix, SLACK_QUEUE } from './queues.js';

export interface EffectWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly logger: Logger;
  readonly process: (job: EffectJob, run: EffectRun) => Promise<void>;
  /** How many incidents' effects run at once (default 16). */
  readonly concurrency?: number;
}

/** The incident (or maintenance run) whose messages a job writes: its lane, kept in order. */
export function laneOf(job: EffectJob): string | undefined {
  switch (job.name) {
    case 'run-event':
      return job.data.run.maintenance?.planRunId ?? job.data.run.incidentId;
    case 'maintenance-summary':
    case 'maintenance-canary':
      return job.data.runId;
    case 'monthly-summary':
      return `summary-${job.data.month}`;
    default:
      return job.data.incidentId;
  }
}

/** Runs work one after another per lane, each lane independently of the others. */
export function createLanes(): <T>(lane: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (lane, work) => {
    const current = (tails.get(lane) ?? Promise.resolve()).then(work, work);
    const tail = current.catch(() => undefined);
    tails.set(lane, tail);
    void tail.then(() => {
      if (tails.get(lane) === tail) tails.delete(lane);
    });
    return current;
  };
}

export function startEffectWorker(options: EffectWorkerOptions): Worker {
  const { logger } = options;
  const inLane = createLanes();
  const run = async (job: Job): Promise<void> => {
    const task = { name: job.name, data: job.data } as EffectJob;
    try {
      await inLane(laneOf(task) ?? String(job.id), () => options.process(task, { jobId: job.id, attempt: job.attemptsMade + 1 }));
    } catch (error) {
      if (!(error instanceof PermanentEffectError)) throw error;
      logger.error({ job: job.name, jobId: job.id, err: error.message }, 'slack effect refused for good; not retried');
      throw new UnrecoverableError(error.message);
    }
  };
  const worker = new Worker(SLACK_QUEUE, run, {
    connection: options.connection,
    prefix: bullPrefix(options.prefix),
    // The worker takes jobs in queue order and the lanes keep that order per incident.
    concurrency: options.concurrency ?? 16,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'slack effects worker error'));
  worker.on('failed', (job, error) => error instanceof UnrecoverableError || logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'slack effect failed; will retry'));
  return worker;
}
