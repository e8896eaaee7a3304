// Slack retries events and a replayed request carries the same ids: each request has exactly one effect.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Once } from '../app/ports.js';
import { SIGNATURE_WINDOW_S } from './receiver.js';

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

export function replayGuard(once: Once): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const identity = requestIdentity(args.body as unknown as Record<string, unknown>);
    if (identity && !(await once.claim(`slack-${identity}`, REPLAY_TTL_S))) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack().catch(() => undefined);
      return;
    }
    await args.next();
  };
}
