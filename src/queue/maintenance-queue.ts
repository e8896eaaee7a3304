// The klaxon-maintenance queue: one BullMQ job scheduler per maintenance plan (and one for the canary).
// Schedulers live in Redis, so they survive restarts; every replica upserts the same ones at start-up, which
// changes nothing when they are already there. A firing is one job with a deterministic id
// (`repeat:<scheduler>:<due millis>`), taken by exactly one replica's worker; its handler is idempotent on
// top of that (the run id comes from the due time), so a stalled and re-delivered firing starts nothing twice.
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { ScheduleSpec } from '../app/ports.js';
import type { Logger } from '../logger.js';
import { bullPrefix } from './queues.js';

export const MAINTENANCE_QUEUE = 'klaxon-maintenance';

export interface FireData {
  readonly planId: string;
}

const schedulerId = (planId: string): string => `plan-${planId}`;
const planOf = (id: string): string | undefined => (id.startsWith('plan-') ? id.slice('plan-'.length) : undefined);

/**
 * Makes the queue's schedulers exactly the given ones: new or changed plans are upserted, plans no longer in
 * the policy are removed.
 */
export async function syncSchedulers(queue: Queue, specs: readonly ScheduleSpec[]): Promise<void> {
  const wanted = new Set(specs.map((s) => schedulerId(s.planId)));
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    if (existing.key !== undefined && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const spec of specs) {
    await queue.upsertJobScheduler(
      schedulerId(spec.planId),
      { pattern: spec.cron, tz: spec.timeZone },
      {
        name: 'fire',
        data: { planId: spec.planId } satisfies FireData,
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 30 * 86_400 }, removeOnFail: { age: 30 * 86_400 } },
      },
    );
  }
}

/** When each plan fires next (epoch ms), from the schedulers in Redis. */
export async function nextFirings(queue: Queue): Promise<Map<string, number>> {
  const next = new Map<string, number>();
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const planId = planOf(scheduler.key);
    if (planId !== undefined && scheduler.next !== undefined) next.set(planId, scheduler.next);
  }
  return next;
}

// The instant the firing was due (not when a worker got to it): the same for every delivery of it.
export function dueAt(job: Job<FireData>): number {
  if (typeof job.opts.prevMillis === 'number') return job.opts.prevMillis;
  const fromId = Number(job.id?.split(':').at(-1));
  return Number.isFinite(fromId) ? fromId : job.timestamp;
}

export interface MaintenanceWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly logger: Logger;
  readonly fire: (planId: string, dueAt: number) => Promise<void>;
}

export function maintenanceQueue(connection: ConnectionOptions, prefix: string): Queue {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix: bullPrefix(prefix) });
  queue.on('error', () => undefined);
  return queue;
}

export function startMaintenanceWorker(options: MaintenanceWorkerOptions): Worker<FireData> {
  const worker = new Worker<FireData>(
    MAINTENANCE_QUEUE,
    async (job) => {
      await options.fire(job.data.planId, dueAt(job));
    },
    { connection: options.connection, prefix: bullPrefix(options.prefix), concurrency: 2 },
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'maintenance worker error'));
  worker.on('failed', (job, error) => options.logger.warn({ jobId: job?.id, err: error.message }, 'maintenance firing failed'));
  return worker;
}
