// The stakeholders' view of an incident: one message re-rendered in place as it changes.
import type { KnownBlock } from '@slack/types';
import type { Incident, Instant, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, fields, header, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';
import { isChannelId } from '../channel-id.js';

export interface StatusUpdateRef {
  readonly text: string;
  readonly by: UserId;
  readonly at: Instant;
}

export interface AnnouncementInput {
  readonly incident: Incident;
  /** The incident channel (a Slack channel id). */
  readonly channelId: string;
  readonly latestUpdate?: StatusUpdateRef;
  readonly locale: Locale;
  readonly timeZone: string;
}

const channelRef = (id: string): string => (isChannelId(id) ? `<#${id}>` : inlineMrkdwn(id, 100));

export function announcement(input: AnnouncementInput): SlackMessage {
  if (input.incident.private === true) return privateAnnouncement(input);
  const { incident, locale, timeZone, latestUpdate } = input;
  const m = messages(locale);
  const blocks: KnownBlock[] = [
    header(`${SEVERITY_EMOJI[incident.severity]} ${m.announcement.title(incident.id)}: ${incident.title}`),
    fields([
      `*${m.header.severity}*\n${SEVERITY_EMOJI[incident.severity]} ${m.severity[incident.severity]}`,
      `*${m.header.status}*\n${m.status[incident.status]}`,
      `*${m.announcement.channel}*\n${channelRef(input.channelId)}`,
      `*${m.announcement.declaredAt}*\n${slackDate(incident.declaredAt, timeZone)}`,
    ]),
  ];
  if (latestUpdate === undefined) {
    blocks.push(section(`*${m.announcement.latestUpdate}*\n${m.announcement.noUpdate}`));
  } else {
    blocks.push(
      section(`*${m.announcement.latestUpdate}*\n${fitMrkdwn(latestUpdate.text, 2800, { mentions: true })}`),
      context([m.announcement.updateBy(userRef(latestUpdate.by), slackDate(latestUpdate.at, timeZone))]),
    );
  }
  const text = m.announcement.fallback(incident.id, inlineMrkdwn(incident.title, 200), m.severity[incident.severity], m.status[incident.status]);
  return { text: fallbackText(text), blocks };
}

// A private incident (§4.3): stakeholders learn that one is open, how bad and who leads, and nothing else — no
// title, no channel, no update text.
function privateAnnouncement(input: AnnouncementInput): SlackMessage {
  const { incident, locale, timeZone } = input;
  const m = messages(locale);
  const lead = incident.roles.commander === undefined ? m.announcement.nobody : userRef(incident.roles.commander);
  const text = m.announcement.privateOpen(m.severity[incident.severity], lead);
  return {
    text: fallbackText(`🔒 ${text}`),
    blocks: [
      section(`🔒 ${SEVERITY_EMOJI[incident.severity]} *${text}*`),
      fields([
        `*${m.header.status}*\n${m.status[incident.status]}`,
        `*${m.announcement.declaredAt}*\n${slackDate(incident.declaredAt, timeZone)}`,
      ]),
    ],
  };
}
