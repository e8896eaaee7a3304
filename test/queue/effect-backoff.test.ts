// The Slack effects' retry schedule: through a Slack outage a job is tried at most every five minutes for
// well over a day; an unexpected failure still gives up after ten attempts.
import { describe, expect, it } from 'vitest';
import { EffectNotReadyError, SlackDownEffectError } from '../../src/app/ports.js';
import { EFFECT_RETRY, effectBackoff } from '../../src/queue/effect-backoff.js';

const HOUR = 3_600_000;

/** Attempts a job queued at 0 whose every attempt fails with `error` after `attemptMs`: the waits until it is given up. */
function schedule(error: Error, attemptMs: number): { waits: number[]; givenUpAt: number } {
  let clock = 0;
  const backoff = effectBackoff(EFFECT_RETRY);
  const waits: number[] = [];
  for (let attemptsMade = 1; attemptsMade < 100_000; attemptsMade += 1) {
    clock += attemptMs;
    const wait = backoff(attemptsMade, 'klaxon-slack-effect', error) as number;
    if (wait === -1) return { waits, givenUpAt: clock };
    waits.push(wait);
    clock += wait;
  }
  throw new Error('never given up');
}

describe('effectBackoff', () => {
  for (const [what, error] of [
    ['Slack is down', new SlackDownEffectError('render: Slack chat.update still failing after 9 attempts')],
    ['the effect waits for one that waits for Slack', new EffectNotReadyError('incident inc-1 has no channel yet')],
  ] as const) {
    it(`keeps trying for more than a day, at most five minutes apart, while ${what}`, () => {
      // Attempts that fail at once (connection refused) and ones that spend the call's 150 s of retries.
      for (const attemptMs of [0, 150_000]) {
        const { waits, givenUpAt } = schedule(error, attemptMs);
        expect(Math.max(...waits)).toBe(5 * 60_000);
        expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
        const waited = waits.reduce((sum, w) => sum + w, 0);
        expect(waited).toBeGreaterThanOrEqual(48 * HOUR);
        expect(waited).toBeLessThan(48 * HOUR + 5 * 60_000);
        expect(givenUpAt).toBeGreaterThanOrEqual(48 * HOUR);
      }
    });
  }

  it('gives up an unexpected failure after its tenth attempt, as before', () => {
    const { waits } = schedule(new Error('incident inc-1 not found'), 0);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256].map((s) => s * 1000));
  });
});
