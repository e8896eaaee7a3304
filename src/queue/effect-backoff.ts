// When a failed Slack effect is tried again, and when it is given up. BullMQ asks the worker's strategy for
// every job whose backoff type is SLACK_BACKOFF; the schedule lives in the worker rather than in each job, so
// tests can shorten it. A Slack refusal never gets here (the worker fails it at once, UnrecoverableError).
import type { BackoffStrategy } from 'bullmq';
import { EffectNotReadyError, SlackDownEffectError } from '../app/ports.js';

/** The backoff type Slack effect jobs carry; the effects worker answers it with `effectBackoff`. */
export const SLACK_BACKOFF = 'klaxon-slack-effect';

export interface EffectRetry {
  /** The wait after the first failure; it doubles with each attempt, up to `capMs`. */
  readonly baseMs: number;
  readonly capMs: number;
  /**
   * How long in all a job that failed because Slack was down (or waits for one that does) waits between its
   * attempts before it is given up: Slack outages have lasted hours, and the job is something klaxon
   * acknowledged. Counted in waits, not since the job was queued, so an operator's retry gets the whole span.
   */
  readonly transientForMs: number;
  /** How many attempts a job that failed for any other (unexpected) reason gets in all. */
  readonly attempts: number;
}

export const EFFECT_RETRY: EffectRetry = { baseMs: 1000, capMs: 5 * 60_000, transientForMs: 48 * 3_600_000, attempts: 10 };

/** The delay before a job's next attempt after `attemptsMade` attempts, or -1 to keep it in the failed jobs. */
export function effectBackoff(retry: EffectRetry = EFFECT_RETRY): BackoffStrategy {
  const wait = (attemptsMade: number) => Math.min(retry.capMs, Math.round(retry.baseMs * 2 ** (attemptsMade - 1)));
  // The attempts whose waits add up to transientForMs: each wait is at least the previous one.
  let transientAttempts = 1;
  for (let waited = 0; waited < retry.transientForMs; transientAttempts += 1) waited += wait(transientAttempts);
  return (attemptsMade, _type, error) => {
    const waitOut = error instanceof SlackDownEffectError || error instanceof EffectNotReadyError;
    return attemptsMade >= (waitOut ? transientAttempts : retry.attempts) ? -1 : wait(attemptsMade);
  };
}
