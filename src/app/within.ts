// Waits for a promise no longer than a budget: what the answer path uses so Slack hears back in time.
// A plain timer, cleared when the promise settles: it runs on every Slack request (the replay claim), where
// an AbortController and a timers/promises sleep per call cost more than the wait they guard.

export const TIMEOUT = Symbol('timeout');

/** The promise's value, or TIMEOUT once `ms` have passed (the promise keeps running; its rejection is handled). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  promise.catch(() => undefined);
  if (ms <= 0) return Promise.resolve(TIMEOUT);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMEOUT), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
