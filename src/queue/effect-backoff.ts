// When a failed Slack effect is tried again. BullMQ asks the worker's strategy for every job whose backoff
// type is SLACK_BACKOFF; the schedule lives in the worker rather than in each job, so tests can shorten it.
import type { BackoffStrategy } from 'bullmq';

/** The backoff type Slack effect jobs carry; the effects worker answers it with `effectBackoff`. */
export const SLACK_BACKOFF = 'klaxon-slack-effect';

export interface EffectRetry {
  /** The wait after the first failure; it doubles with each attempt. */
  readonly baseMs: number;
}

export const EFFECT_RETRY: EffectRetry = { baseMs: 1000 };

/** The delay before a job's next attempt, after `attemptsMade` attempts. */
export function effectBackoff(retry: EffectRetry = EFFECT_RETRY): BackoffStrategy {
  return (attemptsMade) => Math.round(retry.baseMs * 2 ** (attemptsMade - 1));
}
