// Slack retries events and a replayed request carries the same ids: each request has exactly one effect.
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
  const seen = new Map<string, number>();
  return {
    /** False when the identity was seen within the TTL; otherwise remembers it and returns true. */
    first(identity: string): boolean {
      const at = now();
      for (const [oldest, expires] of seen) {
        if (expires > at && seen.size < capacity) break;
        seen.delete(oldest);
      }
      const expires = seen.get(identity);
      if (expires !== undefined && expires > at) return false;
      seen.delete(identity);
      seen.set(identity, at + REPLAY_TTL_S * 1000);
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

type Claims = Pick<Once, 'claim' | 'unclaim'>;

async function claimed(once: Claims, local: ReturnType<typeof recentRequests>, identity: string): Promise<boolean> {
  if (!local.first(identity)) return false;
  const verdict = await within(once.claim(`slack-${identity}`, REPLAY_TTL_S), CLAIM_WAIT_MS).catch(() => TIMEOUT);
  // Unanswered: let a later copy ask Redis again, as it would have without this memory.
  if (verdict === TIMEOUT) local.forget(identity);
  return verdict !== false;
}

export interface ReplayGuard {
  /** Starts the claim of a signed request's body, so its Redis round trip runs while Bolt works on the request. */
  readonly start: (body: object) => void;
  /** Whether a request goes on: a replay is acknowledged (unanswered, so Slack stops resending) and goes no further. */
  readonly admits: (args: { readonly body: unknown; readonly ack?: () => Promise<void> }) => Promise<boolean>;
  /**
   * Lets go of a request whose handling failed, here and in Redis, so that its next copy is handled: Slack sends
   * an event it got no success for again, with the same event_id. Redis not answering leaves that claim to expire.
   */
  readonly forget: (body: unknown) => Promise<void>;
}

// The HTTP front door starts the claim as soon as the signature holds; Socket Mode has no front door, and the
// claim starts when the request reaches the guard.
export function createReplayGuard(once: Claims, now: () => number = Date.now): ReplayGuard {
  const local = recentRequests(now);
  const started = new WeakMap<object, Promise<boolean>>();
  const claim = (body: unknown): Promise<boolean> => {
    const identity = requestIdentity(body as Record<string, unknown>);
    return identity ? claimed(once, local, identity) : Promise.resolve(true);
  };
  return {
    start: (body) => void started.set(body, claim(body)),
    admits: async ({ body, ack }) => {
      const early = typeof body === 'object' && body !== null ? started.get(body) : undefined;
      if (await (early ?? claim(body))) return true;
      if (ack) await ack().catch(() => undefined);
      return false;
    },
    forget: async (body) => {
      const identity = requestIdentity(body as Record<string, unknown>);
      if (!identity) return;
      local.forget(identity);
      await within(once.unclaim(`slack-${identity}`), CLAIM_WAIT_MS).catch(() => undefined);
    },
  };
}
