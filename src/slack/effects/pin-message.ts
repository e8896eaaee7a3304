// A pinned message onto the timeline (listeners/reactions.ts queued it): read from Slack, recorded at its own
// time under the pin's key, so a retried job, or a second 📌 on the same message, records it once.
import { apply } from '../../app/apply.js';
import type { EffectJob } from '../../app/ports.js';
import { pinMessage } from '../../domain/incident-records.js';
import type { EffectContext } from './effect-context.js';

/** The pin's key: its job's id and its timeline event's, so one message is pinned once however often. */
export const pinKey = (channel: string, ts: string): string => `pin-${channel}-${ts}`;

export async function pinFromReaction(ctx: EffectContext, data: Extract<EffectJob, { name: 'pin' }>['data']): Promise<void> {
  const found = await ctx.slack.reactions.get({ channel: data.channel, timestamp: data.ts, full: true });
  const message = found.message;
  if (!message?.text) return;
  const originalAt = Math.round(Number(message.ts ?? data.ts) * 1000);
  const key = pinKey(data.channel, data.ts);
  const pinned = { text: message.text, author: message.user ?? data.itemUser ?? 'unknown', originalAt };
  await apply(ctx.services, data.incidentId, (i) => pinMessage(i, pinned, { by: data.by, at: data.at, key }), key);
}
