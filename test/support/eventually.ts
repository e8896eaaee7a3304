// Waiting on events, not sleeps: poll until the system shows what a test expects, or fail saying what it waited for.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value that is not undefined/false, or fails with what it last saw. */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  // A look that never answers (a read waiting on a Redis that is away) fails the wait too, saying so.
  const unanswered = Symbol('unanswered');
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof unanswered>((resolve) => {
      timer = setTimeout(() => resolve(unanswered), Math.max(0, deadline - Date.now()) + 1_000);
    });
    const value = await Promise.race([probe(), late]).finally(() => clearTimeout(timer));
    if (value === unanswered) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: its last look never answered`);
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
