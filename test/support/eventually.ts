// Waiting on events, not sleeps: poll until the system shows what a test expects, or fail saying what it waited for.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value that is not undefined/false, or fails with what it last saw. */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(25);
  }
}

/** Retries `check` (an assertion that throws) until it passes; after the timeout its last failure is the test's. */
export async function untilPasses<T>(check: () => T, timeoutMs = 3_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await pause(20);
    }
  }
}
