// The intent stream as the use cases see it: defined here, implemented by the Redis adapter (src/store).
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { TimelineEvent } from '../domain/timeline.js';

/**
 * What appending found: written, a repeat of a request already appended (with its state), too late, no
 * incident, or written but not yet on the replicas it must reach (a failover could lose it: revoke it).
 */
export type Appended = { readonly status: 'ok' | 'late' | 'missing' | 'unreplicated' } | { readonly status: 'duplicate'; readonly state: string };

/** An intent's outcome once folded: applied with the ids of its events, or refused with the domain's error. */
export type IntentOutcome = { readonly ok: true; readonly events: readonly string[] } | { readonly ok: false; readonly error: unknown };

/** Applies one stored intent to the incident as it is then; a refusal is an outcome, not a failure. */
export type Decide = (
  incident: Incident,
  intentJson: string,
) => Result<{ readonly incident: Incident; readonly events: readonly TimelineEvent[] }, unknown>;

/** What one fold pass did. `waiting`: stopped at an intent whose replica has not confirmed it yet. */
export type FoldPass =
  | { readonly state: 'busy' | 'idle' | 'waiting' | 'missing' }
  | {
      readonly state: 'folded';
      readonly outcomes: ReadonlyMap<string, IntentOutcome>;
      /** The record after the pass, when some intent changed it, and every event the pass wrote. */
      readonly incident?: Incident;
      readonly events: readonly TimelineEvent[];
      /** More entries may follow (the pass read a full batch or stopped at an unconfirmed one). */
      readonly more: boolean;
    };

/**
 * How long an intent nobody confirmed or revoked waits before it is folded anyway (its replica died after
 * answering "saved"); so also how long a revoke may keep trying to reach the replicas.
 */
export const UNCONFIRMED_GRACE_MS = 30_000;

export interface IntentLog {
  append(id: string, key: string, intentJson: string, deadlineMs: number): Promise<Appended>;
  /** The replica answered "saved": the intent may be folded at once. */
  confirm(id: string, key: string): Promise<void>;
  /** The replica answered "not saved" and the append landed anyway: returns false when it was folded already. */
  revoke(id: string, key: string): Promise<boolean>;
  /** The state of an intent ('p', 'c', 'r'), its outcome once folded, or undefined when unknown. */
  outcome(id: string, key: string): Promise<string | undefined>;
  fold(id: string, decide: Decide): Promise<FoldPass>;
  /** Incidents with intents not folded yet. */
  unfolded(): Promise<string[]>;
}

export function parseOutcome(state: string | undefined): IntentOutcome | undefined {
  return state?.startsWith('{') ? (JSON.parse(state) as IntentOutcome) : undefined;
}

