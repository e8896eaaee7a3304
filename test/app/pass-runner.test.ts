// The look for what a failure left behind: never two at once in one bot (they would both queue what they
// found), one more after the running one when asked during it, again when a pass asks, on a period, and none
// once the bot stops.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startPassRunner, type PassRunner } from '../../src/app/pass-runner.js';
import { eventually } from '../support/eventually.js';

// A pass that waits for its gate to open, and records each start and how many ran at once.
function gatedPass(answers: readonly (number | undefined | Error)[] = []) {
  const seen = { started: [] as string[], atOnce: 0, most: 0 };
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  return {
    seen,
    close: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    open: () => open(),
    pass: async (why: string): Promise<number | undefined> => {
      const answer = answers[seen.started.length];
      seen.started.push(why);
      seen.atOnce += 1;
      seen.most = Math.max(seen.most, seen.atOnce);
      try {
        await gate;
        if (answer instanceof Error) throw answer;
        return answer;
      } finally {
        seen.atOnce -= 1;
      }
    },
  };
}

let runner: PassRunner | undefined;
afterEach(async () => runner?.stop());

describe('the pass runner', () => {
  it('runs one pass at a time: what is asked for during a pass is one more pass after it', async () => {
    const p = gatedPass();
    p.close();
    runner = startPassRunner({ pass: p.pass, now: Date.now, everyMs: 60_000, failed: () => undefined });
    runner.run('start');
    await eventually(() => p.seen.started.length === 1, 'the first pass');
    runner.run('redis back');
    runner.run('redis back');
    runner.run('periodic');
    await sleep(50);
    expect(p.seen.started).toEqual(['start']);
    p.open();
    await eventually(() => p.seen.started.length === 2 && p.seen.atOnce === 0, 'the one pass after it');
    await sleep(50);
    expect(p.seen.started).toEqual(['start', 'redis back']);
    expect(p.seen.most).toBe(1);
  });

  it('looks again when a pass asks to, and on its period; a failed pass is reported and the next one runs', async () => {
    const failures: string[] = [];
    const p = gatedPass([Date.now() + 100, new Error('Redis is away')]);
    runner = startPassRunner({ pass: p.pass, now: Date.now, everyMs: 300, failed: (error, why) => failures.push(`${why}: ${(error as Error).message}`) });
    runner.run('start');
    await eventually(() => p.seen.started.length >= 3, 'a pass again, then on the period');
    expect(p.seen.started.slice(0, 3)).toEqual(['start', 'again', 'periodic']);
    expect(failures).toEqual(['again: Redis is away']);
  });

  it('starts no pass once stopped, and its stop waits for the running one', async () => {
    const p = gatedPass([Date.now() + 50]);
    p.close();
    runner = startPassRunner({ pass: p.pass, now: Date.now, everyMs: 100, failed: () => undefined });
    runner.run('start');
    runner.run('redis back');
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    p.open();
    await stopping;
    expect(p.seen.atOnce).toBe(0);
    runner.run('redis back');
    await sleep(300);
    expect(p.seen.started).toEqual(['start']);
  });
});
