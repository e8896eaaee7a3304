// Polls until a probe yields a value; a bench that waits forever would hide the figure it exists for.
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000, everyMs = 5): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Something that says when it changed, e.g. the Slack emulator. */
export interface Changes {
  onChange(listener: () => void): () => void;
}

// Waits on a change instead of a timer: between changes the bench does nothing, so it neither adds to the
// latency it measures nor lags behind it by a polling interval.
export function waitForChange<T>(source: Changes, probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer);
      stop();
      settle();
    };
    const check = () => {
      try {
        const value = probe();
        if (value !== undefined) done(() => resolve(value));
      } catch (error) {
        done(() => reject(error as Error));
      }
    };
    const timer = setTimeout(() => done(() => reject(new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const stop = source.onChange(check);
    check();
  });
}
