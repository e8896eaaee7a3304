// A 📌 reaction on a message in an incident channel puts that message on the timeline at its original time.
// The listener only queues a job (effects/pin-message.ts), and Slack has its answer once it is queued (a
// failure here is answered as one, and Slack sends the event again): the message is read from Slack and
// recorded in the job, whose failures are retried instead of losing the pin.
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import { pinKey } from '../effects/pin-message.js';
import { incidentOfChannel } from '../incident-of-channel.js';

const PIN_REACTIONS = new Set(['pushpin', 'round_pushpin']);

export function registerReactions(app: Listeners, services: Services): void {
  app.event('reaction_added', async ({ event }) => {
    if (!PIN_REACTIONS.has(event.reaction) || event.item.type !== 'message') return;
    const incident = await incidentOfChannel(services.store, event.item.channel);
    if (!incident) return;
    const { channel, ts } = event.item;
    const data = { incidentId: incident.id, channel, ts, by: event.user, at: services.now(), ...(event.item_user ? { itemUser: event.item_user } : {}) };
    await services.effects.enqueue({ name: 'pin', data }, pinKey(channel, ts));
  });
}
