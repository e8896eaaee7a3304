// One rule for a BullMQ job's failure in the log: a wait for another job is not a fault (debug), a failure
// that will be tried again is a warning, and the last attempt is an error, with where the job is kept.
import type { Job } from 'bullmq';
import { EffectNotReadyError } from '../app/ports.js';
import type { Logger } from '../logger.js';

/** The `failed` listener for a worker whose jobs are `what` (e.g. "slack effect"). */
export function logFailedJob(logger: Logger, what: string) {
  return (job: Job | undefined, error: Error): void => {
    const fields = { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message };
    // finishedOn is set only when BullMQ moved the job to the failed jobs (out of attempts, or its backoff said stop).
    if (job?.finishedOn !== undefined) logger.error(fields, `${what} failed on its last attempt; kept in the failed jobs`);
    else if (error instanceof EffectNotReadyError) logger.debug(fields, `${what} waits for another; will retry`);
    else logger.warn(fields, `${what} failed; will retry`);
  };
}
