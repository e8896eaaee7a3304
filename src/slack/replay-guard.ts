// Slack retries events and a replayed request carries the same ids: each request has exactly one effect.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Once } from '../app/ports.js';
import { SIGNATURE_WINDOW_S } from './receiver.js';
import { TIMEOUT, within } from '../app/within.js';

/** The identity of one Slack request: trigger_id for commands and interactions, event_id for events. */
export function requestIdentity(body: Record<string, unknown>): string | undefined {
  if (typeof body['event_id'] === 'string') return `event-${body['event_id']}`;
  if (typeof body['trigger_id'] === 'string') return `trigger-${body['trigger_id']}`;
  const actions = body['actions'];
  if (Array.isArray(actions) && typeof actions[0]?.action_ts === 'string') return `action-${actions[0].action_ts}`;
  return undefined;
}

// A request stamped at the future edge of the window is accepted until its stamp is at the past edge: two
// windows after the first delivery at most. The memory outlasts that (plus clock skew between replicas), so
// a replay is recognised for as long as its signature is accepted.
export const REPLAY_TTL_S = 2 * SIGNATURE_WINDOW_S + 300;

// A claim Redis does not answer within this is skipped: the listener then answers within Slack's three
// seconds ("not saved" when Redis is down), and the actions themselves are idempotent by request key.
const CLAIM_WAIT_MS = 700;

async function claimed(once: Once, identity: string): Promise<boolean> {
  const verdict = await within(once.claim(`slack-${identity}`, REPLAY_TTL_S), CLAIM_WAIT_MS).catch(() => TIMEOUT);
  return verdict !== false;
}

export function replayGuard(once: Once): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const identity = requestIdentity(args.body as unknown as Record<string, unknown>);
    if (identity && !(await claimed(once, identity))) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack().catch(() => undefined);
      return;
    }
    await args.next();
  };
}
