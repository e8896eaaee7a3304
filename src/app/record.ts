// Records a person's action so that the answer is true: "saved" only once the intent is durable in Redis,
// "not saved" only when it can never be applied (the server refuses an append past its deadline, and an
// append whose reply came too late is revoked). Intents are folded in order by whichever replica holds the
// incident's fold lock; the one that answered waits a little for the outcome so it can say what happened.
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeIntent, type RecordedIntent } from '../domain/intent.js';
import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { Logger } from '../logger.js';
import { TIMEOUT, within } from './within.js';
import { parseOutcome, UNCONFIRMED_GRACE_MS, type Decide, type FoldPass, type IntentLog, type IntentOutcome } from './intent-port.js';

/** Redis did not take the action in time: nothing was recorded, and nothing will be. */
export interface NotSaved {
  readonly code: 'not_saved';
}

/** What the person is told: applied now, or saved and applied in a moment. */
export type Recorded = 'applied' | 'saved';

// Budgets from the moment the request arrived; Slack gives up on an answer after three seconds.
export const BUDGET = {
  /** The server refuses an append it executes later than this. */
  saveMs: 1_500,
  /** The replica stops waiting for the append's reply: the answer is "not saved" and the append is revoked. */
  giveUpMs: 2_000,
  /** The replica stops waiting for the fold: the answer is "saved". */
  answerMs: 2_400,
} as const;

/** A revoke is sent again this often, for as long as a pending intent waits before it is folded anyway. */
const REVOKE_EVERY_MS = 250;

export interface Recorder {
  record(incidentId: string, recorded: RecordedIntent, receivedAt: number): Promise<Result<Recorded, NotSaved | { readonly code: 'not_found' } | unknown>>;
  /** Folds every incident with waiting intents (those whose replica died after answering included). */
  sweep(): Promise<void>;
  /** Waits for the folds and revokes in flight; call after the server stopped taking requests. */
  drain(): Promise<void>;
}

export interface RecorderDeps {
  readonly intents: IntentLog;
  readonly decide: Decide;
  readonly logger: Logger;
  /** @pure false */
  readonly now: () => number;
  /** Re-render and re-time after a pass changed the record. */
  readonly afterFold: (incident: Incident, events: readonly TimelineEvent[]) => Promise<void>;
}

const notSaved: NotSaved = { code: 'not_saved' };

export function createRecorder(deps: RecorderDeps): Recorder {
  const { intents, logger } = deps;
  // One pass per incident at a time in this process; concurrent requests share it instead of queueing on the lock.
  const passes = new Map<string, Promise<FoldPass>>();
  const background = new Set<Promise<unknown>>();

  const track = (promise: Promise<unknown>): void => {
    const tracked = promise.catch((error: unknown) => logger.error({ err: error }, 'background intent work failed')).finally(() => background.delete(tracked));
    background.add(tracked);
  };

  function foldOnce(id: string): Promise<FoldPass> {
    let pass = passes.get(id);
    if (!pass) {
      pass = (async () => {
        const done = await intents.fold(id, deps.decide);
        if (done.state === 'folded' && done.incident) await deps.afterFold(done.incident, done.events);
        return done;
      })().finally(() => passes.delete(id));
      passes.set(id, pass);
    }
    return pass;
  }

  // Folds until the stream is empty or another replica holds the lock (its holder finishes the work).
  async function foldAll(id: string): Promise<void> {
    for (;;) {
      const pass = await foldOnce(id);
      if (pass.state !== 'folded' || !pass.more) return;
      if (pass.outcomes.size === 0) await sleep(20);
    }
  }

  // Waits on this process's passes; Redis is asked only when another replica may have folded the intent.
  async function awaitOutcome(id: string, key: string, until: number): Promise<IntentOutcome | undefined> {
    while (deps.now() < until) {
      const pass = await within(foldOnce(id), until - deps.now());
      if (pass === TIMEOUT) return undefined;
      if (pass.state === 'folded') {
        const mine = pass.outcomes.get(key);
        if (mine) return mine;
        if (pass.more) continue;
      }
      const stored = await within(intents.outcome(id, key), until - deps.now());
      if (stored === TIMEOUT) return undefined;
      const outcome = parseOutcome(stored);
      if (outcome) return outcome;
      if (stored === 'r') return undefined;
      await sleep(5 + Math.random() * 15);
    }
    return undefined;
  }

  // The reply came after the answer said "not saved": take the intent back before any folder applies it.
  function revokeLate(id: string, key: string, append: Promise<unknown>): void {
    track(
      (async () => {
        const appended = await append.catch(() => undefined);
        const status = (appended as { status?: string } | undefined)?.status;
        if (status !== 'ok' && status !== 'unreplicated') return;
        // Redis down, or the replicas lagging: sent again until it holds, for as long as a pending intent waits
        // before it is folded anyway (after that a revoke could only come too late).
        for (let attempt = 0; ; attempt += 1) {
          try {
            if (!(await intents.revoke(id, key))) logger.error({ incidentId: id, key }, 'an action answered "not saved" was folded before its revoke');
            return;
          } catch (error) {
            if ((attempt + 1) * REVOKE_EVERY_MS >= UNCONFIRMED_GRACE_MS) throw error;
            await sleep(REVOKE_EVERY_MS);
          }
        }
      })(),
    );
  }

  const toResult = (outcome: IntentOutcome | undefined): Result<Recorded, unknown> =>
    outcome === undefined ? ok('saved') : outcome.ok ? ok('applied') : err(outcome.error);

  return {
    async record(id, recorded, receivedAt) {
      const key = recorded.actor.key;
      const append = intents.append(id, key, encodeIntent(recorded), receivedAt + BUDGET.saveMs);
      let appended: Awaited<typeof append> | typeof TIMEOUT;
      try {
        appended = await within(append, receivedAt + BUDGET.giveUpMs - deps.now());
      } catch (error) {
        logger.warn({ err: (error as Error).message, incidentId: id }, 'could not save an action');
        revokeLate(id, key, append);
        return err(notSaved);
      }
      if (appended === TIMEOUT) {
        revokeLate(id, key, append);
        return err(notSaved);
      }
      if (appended.status === 'late') return err(notSaved);
      // Only the primary holds it: a failover now would lose an action answered "saved".
      if (appended.status === 'unreplicated') {
        revokeLate(id, key, append);
        return err(notSaved);
      }
      if (appended.status === 'missing') return err({ code: 'not_found' });
      if (appended.status === 'duplicate') {
        if (appended.state === 'r') return err(notSaved);
        const known = parseOutcome(appended.state);
        if (known) return toResult(known);
      } else {
        // Confirming is what lets folders apply it at once; it is sent before the fold on the same connection.
        track(intents.confirm(id, key));
      }
      const outcome = await awaitOutcome(id, key, receivedAt + BUDGET.answerMs).catch((error: unknown) => {
        logger.warn({ err: (error as Error).message, incidentId: id }, 'fold failed; the saved action waits for the next pass');
        return undefined;
      });
      track(foldAll(id));
      return toResult(outcome);
    },

    async sweep() {
      for (const id of await intents.unfolded()) await foldAll(id);
    },

    async drain() {
      while (background.size > 0 || passes.size > 0) await Promise.allSettled([...background, ...passes.values()]);
    },
  };
}
