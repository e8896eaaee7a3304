// Slack retries events and a replayed request carries the same ids: each request has exactly one effect.
import { randomUUID } from 'node:crypto';
import type { Once } from '../app/ports.js';
import { SIGNATURE_WINDOW_S } from './receiver.js';
import { TIMEOUT, within } from '../app/within.js';

/** The identity of one Slack request: trigger_id for commands and interactions, event_id for events. */
export function requestIdentity(body: Record<string, unknown>): string | undefined {
  if (typeof body['event_id'] === 'string') return ownCopy(`event-${body['event_id']}`);
  if (typeof body['trigger_id'] === 'string') return ownCopy(`trigger-${body['trigger_id']}`);
  const actions = body['actions'];
  if (Array.isArray(actions) && typeof actions[0]?.action_ts === 'string') return ownCopy(`action-${actions[0].action_ts}`);
  return undefined;
}

// A slash command's fields are slices of the raw form body (node:querystring does not copy a field that needs
// no decoding), and V8 keeps a slice's whole parent alive. The identity is remembered for REPLAY_TTL_S, so
// without a copy each remembered command would keep its whole body (up to 4,000 characters of text) in memory.
const ownCopy = (text: string): string => Buffer.from(text, 'utf16le').toString('utf16le');

// A request stamped at the future edge of the window is accepted until its stamp is at the past edge: two
// windows after the first delivery at most. The memory outlasts that (plus clock skew between replicas), so
// a replay is recognised for as long as its signature is accepted.
export const REPLAY_TTL_S = 2 * SIGNATURE_WINDOW_S + 300;

// A claim Redis does not answer within this is skipped: the listener then answers within Slack's three
// seconds ("not saved" when Redis is down), and the actions themselves are idempotent by request key.
const CLAIM_WAIT_MS = 700;

// The first level, in this process: a replay this replica has already seen is dropped without asking Redis
// (a captured request replayed in a loop costs no round trip), and two copies arriving together are told
// apart before either reaches Redis. Redis stays the authority across replicas. Bounded: the oldest are
// forgotten first, and a forgotten one is still caught by Redis.
const LOCAL_CAPACITY = 50_000;

/** Identities seen here in the last REPLAY_TTL_S, oldest first (a Map keeps insertion order). */
export function recentRequests(now: () => number = Date.now, capacity = LOCAL_CAPACITY) {
  // Expiry in whole seconds: a small integer V8 keeps in the map's slot, where milliseconds since 1970 need a
  // heap number of their own per entry.
  const seen = new Map<string, number>();
  return {
    /** False when the identity was seen within the TTL; otherwise remembers it and returns true. */
    first(identity: string): boolean {
      const at = Math.floor(now() / 1000);
      for (const [oldest, expires] of seen) {
        if (expires > at && seen.size < capacity) break;
        seen.delete(oldest);
      }
      const expires = seen.get(identity);
      if (expires !== undefined && expires > at) return false;
      seen.delete(identity);
      seen.set(identity, at + REPLAY_TTL_S);
      return true;
    },
    forget(identity: string): void {
      seen.delete(identity);
    },
    get size(): number {
      return seen.size;
    },
  };
}

type Claims = Pick<Once, 'claim' | 'hold' | 'release' | 'swap'>;

/**
 * What a copy of a request is: the first (handled), a replay (acknowledged, dropped), or a copy of an event whose
 * first copy is still being handled (`busy`: answered as not taken, so that Slack sends it again later).
 */
export type Verdict = 'first' | 'replay' | 'busy';

// An event's claim says whether it is being handled or was: a copy that comes while the first is still being
// handled (Slack sends one at 3 s without waiting for the answer) must not be acknowledged as a replay, as the
// first may yet fail. Held for HANDLING_S while handled (a replica that died holding it lets go then), and
// marked DONE for the replay window once handled.
const HANDLING_S = 30;
const HANDLING = 'handling-';
const DONE = 'done';

// What a copy this process has seen already gets, at once: `start` tells the front door by it that nothing else
// should be started for the copy.
const SEEN_HERE: Promise<Verdict> = Promise.resolve('replay');

function claimed(once: Claims, local: ReturnType<typeof recentRequests>, identity: string): Promise<Verdict> {
  return local.first(identity) ? claimedInRedis(once, local, identity) : SEEN_HERE;
}

async function claimedInRedis(once: Claims, local: ReturnType<typeof recentRequests>, identity: string): Promise<Verdict> {
  const verdict = await within(once.claim(`slack-${identity}`, REPLAY_TTL_S), CLAIM_WAIT_MS).catch(() => TIMEOUT);
  // Unanswered: let a later copy ask Redis again, as it would have without this memory.
  if (verdict === TIMEOUT) local.forget(identity);
  return verdict === false ? 'replay' : 'first';
}

export interface ReplayGuard {
  /**
   * Starts the claim of a signed request's body, so its Redis round trip runs while Bolt works on the request.
   * False for a copy this process has seen already: a replay, to which nothing else should be started.
   */
  readonly start: (body: object) => boolean;
  /** What this copy of a request is (its claim, started here if the front door did not start it). */
  readonly verdict: (body: unknown) => Promise<Verdict>;
  /** Whether a request goes on: a replay is acknowledged (unanswered, so Slack stops resending) and goes no further. */
  readonly admits: (args: { readonly body: unknown; readonly ack?: () => Promise<void> }) => Promise<boolean>;
  /**
   * An event this copy was the first of is handled (marked so for the replay window) or failed (let go, here
   * and in Redis, so that Slack's next copy is handled). Redis not answering leaves the hold to expire.
   */
  readonly settled: (body: unknown, handled: boolean) => Promise<void>;
}

// The HTTP front door starts the claim as soon as the signature holds; Socket Mode has no front door, and the
// claim starts when the request reaches the guard.
export function createReplayGuard(once: Claims, now: () => number = Date.now): ReplayGuard {
  const local = recentRequests(now);
  const started = new WeakMap<object, Promise<Verdict>>();
  // Events being handled here, and the hold each first copy took in Redis (its owner token).
  const handling = new Set<string>();
  const holds = new WeakMap<object, { readonly identity: string; readonly token: string }>();

  async function eventClaimed(body: object, identity: string): Promise<Verdict> {
    if (handling.has(identity)) return 'busy';
    if (!local.first(identity)) return 'replay';
    handling.add(identity);
    const token = `${HANDLING}${randomUUID()}`;
    holds.set(body, { identity, token });
    const holder = await within(once.hold(`slack-${identity}`, token, HANDLING_S), CLAIM_WAIT_MS).catch(() => TIMEOUT);
    // Unanswered: handled, as any request is then; a later copy asks Redis again.
    if (typeof holder !== 'string') {
      local.forget(identity);
      return 'first';
    }
    if (holder === token) return 'first';
    handling.delete(identity);
    holds.delete(body);
    // Handled (or claimed by a bot from before these holds, which handled it at once): a replay.
    if (!holder.startsWith(HANDLING)) return 'replay';
    // Another replica is handling it: a later copy asks Redis again.
    local.forget(identity);
    return 'busy';
  }

  const claim = (body: unknown): Promise<Verdict> => {
    const identity = requestIdentity(body as Record<string, unknown>);
    if (!identity) return Promise.resolve('first');
    return identity.startsWith('event-') && typeof body === 'object' && body !== null ? eventClaimed(body, identity) : claimed(once, local, identity);
  };
  const verdict = (body: unknown): Promise<Verdict> => {
    if (typeof body !== 'object' || body === null) return claim(body);
    const early = started.get(body) ?? claim(body);
    started.set(body, early);
    return early;
  };
  return {
    start: (body) => verdict(body) !== SEEN_HERE,
    verdict,
    // The verdict started for this copy (by the front door, or asked for in front of Bolt) is used once: the
    // same object handed in again is a new copy.
    admits: async ({ body, ack }) => {
      const early = typeof body === 'object' && body !== null ? started.get(body) : undefined;
      if (early) started.delete(body as object);
      const seen = await (early ?? claim(body));
      if (seen === 'first') return true;
      // A busy copy reaches here only without answerEventsWhenHandled in front, which answers it as not taken.
      if (ack && seen === 'replay') await ack().catch(() => undefined);
      return false;
    },
    settled: async (body, handled) => {
      const hold = typeof body === 'object' && body !== null ? holds.get(body) : undefined;
      if (!hold) return;
      holds.delete(body as object);
      handling.delete(hold.identity);
      if (!handled) local.forget(hold.identity);
      const key = `slack-${hold.identity}`;
      const write = handled ? once.swap(key, hold.token, DONE, REPLAY_TTL_S) : once.release(key, hold.token);
      await within(write, CLAIM_WAIT_MS).catch(() => undefined);
    },
  };
}
