// The bot's klaxon-slack queue consumer: one job at a time and in order, handed to the Slack adapter's effects.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { PermanentEffectError, type EffectJob } from '../app/ports.js';
import type { Logger } from '../logger.js';
import { bullPrefix, SLACK_QUEUE } from './queues.js';

export interface EffectWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly logger: Logger;
  readonly process: (job: EffectJob) => Promise<void>;
}

export function startEffectWorker(options: EffectWorkerOptions): Worker {
  const { logger } = options;
  const run = async (job: Job): Promise<void> => {
    try {
      await options.process({ name: job.name, data: job.data } as EffectJob);
    } catch (error) {
      if (!(error instanceof PermanentEffectError)) throw error;
      logger.error({ job: job.name, jobId: job.id, err: error.message }, 'slack effect refused for good; not retried');
      throw new UnrecoverableError(error.message);
    }
  };
  const worker = new Worker(SLACK_QUEUE, run, {
    connection: options.connection,
    prefix: bullPrefix(options.prefix),
    // One at a time keeps messages in order; Slack's own rate limits make more pointless anyway.
    concurrency: 1,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'slack effects worker error'));
  worker.on('failed', (job, error) => error instanceof UnrecoverableError || logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'slack effect failed; will retry'));
  return worker;
}
