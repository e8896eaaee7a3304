// Waits for a promise no longer than a budget: what the answer path uses so Slack hears back in time.
import { setTimeout as sleep } from 'node:timers/promises';

export const TIMEOUT = Symbol('timeout');

/** The promise's value, or TIMEOUT once `ms` have passed (the promise keeps running; its rejection is handled). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  promise.catch(() => undefined);
  if (ms <= 0) return TIMEOUT;
  const controller = new AbortController();
  try {
    return await Promise.race([promise, sleep(ms, TIMEOUT, { signal: controller.signal })]);
  } finally {
    controller.abort();
  }
}
