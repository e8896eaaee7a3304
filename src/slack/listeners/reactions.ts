// A 📌 reaction on a message in an incident channel puts that message on the timeline at its original time.
// Slack has its answer before a listener runs, so the pin is handed to a job at once (effects/pin-message.ts):
// the message is read from Slack and recorded there, and a failure is retried instead of losing the pin.
import type { App } from '@slack/bolt';
import type { Services } from '../../app/services.js';
import { pinKey } from '../effects/pin-message.js';
import { incidentOfChannel } from './context.js';

const PIN_REACTIONS = new Set(['pushpin', 'round_pushpin']);

export function registerReactions(app: App, services: Services): void {
  app.event('reaction_added', async ({ event }) => {
    if (!PIN_REACTIONS.has(event.reaction) || event.item.type !== 'message') return;
    const incident = await incidentOfChannel(services, event.item.channel);
    if (!incident) return;
    const { channel, ts } = event.item;
    const data = { incidentId: incident.id, channel, ts, by: event.user, at: services.now(), ...(event.item_user ? { itemUser: event.item_user } : {}) };
    await services.effects.enqueue({ name: 'pin', data }, pinKey(channel, ts));
  });
}
