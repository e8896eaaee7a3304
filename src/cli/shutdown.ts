// Stops the parts of a command in order, but never hangs: a part stuck on an unreachable Redis or Slack is
// abandoned after a deadline and the command exits non-zero.
import type { Logger } from '../logger.js';

export async function shutdown(logger: Logger, steps: readonly (() => Promise<unknown>)[], deadlineMs = 20_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const ordered = (async () => {
    for (const step of steps) await step();
    return 'done' as const;
  })();
  try {
    const outcome = await Promise.race([ordered, deadline]);
    if (outcome === 'late') {
      logger.error({ deadlineMs }, 'shutdown did not finish in time; exiting anyway');
      return 1;
    }
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
