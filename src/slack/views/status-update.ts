// A status update (/incident update) as posted to the incident channel and the stakeholders.
import type { Incident, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import type { SlackMessage } from './view-types.js';

export interface StatusUpdateInput {
  readonly incident: Incident;
  readonly text: string;
  readonly by: UserId;
  readonly locale: Locale;
}

export function statusUpdate(input: StatusUpdateInput): SlackMessage {
  const { incident, locale } = input;
  const m = messages(locale);
  // A private incident's updates stay in its channel (postStatusUpdate); its title is left out all the same, so
  // this message leaks nothing wherever it is posted or forwarded.
  const named = incident.private === true ? '🔒' : inlineMrkdwn(incident.title, 200);
  const title = `${SEVERITY_EMOJI[incident.severity]} *${m.statusUpdate.title(incident.id)}* · ${named}`;
  return {
    text: fallbackText(m.statusUpdate.fallback(incident.id, inlineMrkdwn(input.text, 500, { mentions: true }))),
    blocks: [
      section(title),
      section(fitMrkdwn(input.text, 3000, { mentions: true })),
      context([`${m.statusUpdate.by(userRef(input.by))} · ${m.severity[incident.severity]} · ${m.status[incident.status]}`]),
    ],
  };
}
