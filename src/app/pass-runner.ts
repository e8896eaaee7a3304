// Runs a pass that looks for work a failure left behind, for as long as a bot is up: when something says it
// may be worth a look (the bot started, Redis answers again), at the time the last pass asked to look again,
// and on a slow period, because a failed write does not always come with a broken connection to notice. Two
// passes in one process never overlap: they would find the same leftovers and do each one twice over.

export interface PassRunnerOptions {
  /** One pass. Resolves with when to look again (epoch ms), when it saw something it could not judge yet. */
  readonly pass: (why: string) => Promise<number | undefined>;
  readonly now: () => number;
  /** A pass this often, whatever else asks for one. */
  readonly everyMs: number;
  /** A pass that failed: the next one (asked for, timed, or periodic) looks again. */
  readonly failed: (error: unknown, why: string) => void;
}

export interface PassRunner {
  /** A pass now, or, while one runs, one more right after it: what the running one read may be stale already. */
  run(why: string): void;
  /** No pass starts after this; resolves once the running one has ended. */
  stop(): Promise<void>;
}

export function startPassRunner(options: PassRunnerOptions): PassRunner {
  let running: Promise<void> | undefined;
  let next: string | undefined;
  let stopped = false;
  let again: NodeJS.Timeout | undefined;

  const start = (why: string): void => {
    running = Promise.resolve()
      .then(() => options.pass(why))
      .then(
        (at) => {
          // Each pass looks at everything, so only the latest "again" counts.
          clearTimeout(again);
          if (at === undefined || stopped) return;
          again = setTimeout(() => run('again'), Math.max(0, at - options.now()));
          again.unref();
        },
        (error: unknown) => options.failed(error, why),
      )
      .finally(() => {
        running = undefined;
        const queued = next;
        next = undefined;
        if (queued !== undefined && !stopped) start(queued);
      });
  };

  const run = (why: string): void => {
    if (stopped) return;
    if (running) next ??= why;
    else start(why);
  };

  const periodic = setInterval(() => run('periodic'), options.everyMs);
  periodic.unref();

  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(periodic);
      clearTimeout(again);
      while (running) await running;
    },
  };
}
