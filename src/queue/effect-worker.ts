// The bot's klaxon-slack queue consumer, handed to the Slack adapter's effects. Jobs of one incident (or one
// maintenance run) run one at a time in the order they were queued; different incidents run side by side,
// so one channel's Retry-After or a slow Slack answer holds up only its own incident.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { PermanentEffectError, type EffectJob, type EffectRun } from '../app/ports.js';
import type { Logger } from '../logger.js';
import { effectBackoff, type EffectRetry } from './effect-backoff.js';
import { logFailedJob } from './log-failed-job.js';
import { bullPrefix, SLACK_QUEUE } from './queues.js';

export interface EffectWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly logger: Logger;
  readonly process: (job: EffectJob, run: EffectRun) => Promise<void>;
  /** How many incidents' effects run at once (default 16). */
  readonly concurrency?: number;
  /** When a failed job is tried again (default EFFECT_RETRY); tests shorten it. */
  readonly retry?: EffectRetry;
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
    case 'home':
      // One person's Home tab: drawn in the order asked, so an older overview never lands last.
      return `home-${job.data.userId}`;
    case 'homes':
      return 'homes';
    default:
      return job.data.incidentId;
  }
}

/**
 * Runs work one after another per lane, each lane independently of the others, in the order the work was
 * queued (`queuedAt`, ties in arrival order). BullMQ's worker fetches jobs on one connection, so their
 * replies come back in queue order; but a job fetched by the main loop and one fetched by a finishing job
 * (its successor) reach the processor through different numbers of promise steps, so two replies read in the
 * same turn of the event loop can be handed over in either order. An idle lane therefore starts at the end
 * of the turn and takes the earliest queued work first; work that arrives while the lane is busy is sorted
 * in too.
 */
export function createLanes(): <T>(lane: string, work: () => Promise<T>, queuedAt?: number) => Promise<T> {
  interface Pending {
    readonly queuedAt: number;
    readonly arrival: number;
    readonly start: () => Promise<void>;
  }
  const lanes = new Map<string, Pending[]>();
  let arrivals = 0;
  const drain = async (lane: string, pending: Pending[]) => {
    await new Promise((resolve) => setImmediate(resolve));
    while (pending.length > 0) {
      pending.sort((a, b) => a.queuedAt - b.queuedAt || a.arrival - b.arrival);
      await (pending.shift() as Pending).start();
    }
    lanes.delete(lane);
  };
  return (lane, work, queuedAt = Number.NEGATIVE_INFINITY) =>
    new Promise((resolve, reject) => {
      const start = () => work().then(resolve, reject);
      const entry: Pending = { queuedAt, arrival: (arrivals += 1), start };
      const pending = lanes.get(lane);
      if (pending) return void pending.push(entry);
      const fresh = [entry];
      lanes.set(lane, fresh);
      void drain(lane, fresh);
    });
}

export function startEffectWorker(options: EffectWorkerOptions): Worker {
  const { logger } = options;
  const inLane = createLanes();
  const run = async (job: Job): Promise<void> => {
    const task = { name: job.name, data: job.data } as EffectJob;
    try {
      // Attempts started counts what attempts made does not: a run cut short by a crash (a stalled job), and the
      // runs before an operator's retry reset the attempts. Any of them may have posted.
      const attempt = Math.max(job.attemptsMade + 1, job.attemptsStarted);
      await inLane(laneOf(task) ?? String(job.id), () => options.process(task, { jobId: job.id, attempt }), job.timestamp);
    } catch (error) {
      if (!(error instanceof PermanentEffectError)) throw error;
      logger.error({ job: job.name, jobId: job.id, err: error.message }, 'slack effect refused for good; not retried');
      throw new UnrecoverableError(error.message);
    }
  };
  const worker = new Worker(SLACK_QUEUE, run, {
    connection: options.connection,
    prefix: bullPrefix(options.prefix),
    // The lanes put each incident's jobs back in queue order (see createLanes).
    concurrency: options.concurrency ?? 16,
    settings: { backoffStrategy: effectBackoff(options.retry) },
  });
  worker.on('error', (error) => logger.error({ err: error }, 'slack effects worker error'));
  const logFailure = logFailedJob(logger, 'slack effect');
  worker.on('failed', (job, error) => error instanceof UnrecoverableError || logFailure(job, error));
  return worker;
}
