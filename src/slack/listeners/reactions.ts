// A 📌 reaction on a message in an incident channel puts that message on the timeline at its original time.
import type { App } from '@slack/bolt';
import { apply } from '../../app/apply.js';
import type { Services } from '../../app/services.js';
import type { SlackApi } from '../slack-api.js';
import { pinMessage } from '../../domain/incident-records.js';
import { actorFrom, incidentOfChannel } from './context.js';

const PIN_REACTIONS = new Set(['pushpin', 'round_pushpin']);

export function registerReactions(app: App, services: Services, slack: SlackApi): void {
  app.event('reaction_added', async ({ event }) => {
    if (!PIN_REACTIONS.has(event.reaction) || event.item.type !== 'message') return;
    const incident = await incidentOfChannel(services, event.item.channel);
    if (!incident) return;
    const found = await slack.reactions.get({
      channel: event.item.channel,
      timestamp: event.item.ts,
      full: true,
    });
    const message = found.message;
    if (!message?.text) return;
    const originalAt = Math.round(Number(message.ts ?? event.item.ts) * 1000);
    const key = `pin-${event.item.channel}-${event.item.ts}`;
    await apply(
      services,
      incident.id,
      (i) => pinMessage(i, { text: message.text as string, author: message.user ?? event.item_user ?? 'unknown', originalAt }, actorFrom(services, event.user, key)),
      key,
    );
  });
}
