// The incident channel's topic, from the incident's current state: severity and status words, then the title.
// A topic is mrkdwn in Slack clients, so the title is escaped like any user text (no live links, no @channel).
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';

// conversations.setTopic refuses more than 250 characters.
export const TOPIC_MAX = 250;

/**
 * @example channelTopic({ severity: 'high', status: 'resolved', title: 'DB & cache' }, 'ja') //=> '高・復旧済み｜DB &amp; cache'
 */
export function channelTopic(incident: Pick<Incident, 'severity' | 'status' | 'title'>, locale: Locale): string {
  const m = messages(locale);
  const head = m.topic(m.severity[incident.severity], m.status[incident.status]);
  return `${head}${inlineMrkdwn(incident.title, TOPIC_MAX - head.length)}`;
}
