// A change of the incident that everyone must see (severity, recovery, close, reopen), as one line with who
// made it: posted in the incident channel and, with a link to that channel, to the stakeholders.
import { isAutomaticActor } from '../../domain/actors.js';
import type { ChangeEvent } from '../../app/ports.js';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import type { SlackMessage } from './view-types.js';

export interface ChangeNoticeInput {
  readonly incident: Incident;
  readonly event: ChangeEvent;
  /** The incident channel, named in the stakeholders' copy so they can follow it there. */
  readonly channelId?: string;
  /** The stakeholders' copy: of a private incident it names no title, channel or reason (runbook §4.3). */
  readonly forStakeholders?: boolean;
  readonly locale: Locale;
}

export function changeNotice(input: ChangeNoticeInput): SlackMessage {
  const { incident, event, locale } = input;
  const m = messages(locale);
  const who = isAutomaticActor(event.by) ? 'klaxon' : userRef(event.by);
  const hidden = incident.private === true && input.forStakeholders === true;
  const line = (() => {
    switch (event.type) {
      case 'severity_changed':
        return `${SEVERITY_EMOJI[event.to]} ${m.change.severity(who, m.severity[event.from], m.severity[event.to])}`;
      case 'resolved':
        return `:white_check_mark: ${m.change.resolved(who)}`;
      case 'closed':
        return `:lock: ${m.change.closed(who)}`;
      case 'reopened':
        return `:repeat: ${hidden ? m.change.reopenedPrivate(who) : m.change.reopened(who, inlineMrkdwn(event.reason, 500))}`;
    }
  })();
  const about = hidden
    ? `🔒 ${SEVERITY_EMOJI[incident.severity]} ${incident.id}`
    : `${SEVERITY_EMOJI[incident.severity]} ${incident.id} · ${inlineMrkdwn(incident.title, 200)}${input.channelId ? ` · <#${input.channelId}>` : ''}`;
  return { text: fallbackText(`${incident.id}: ${line}`), blocks: [section(line), context([about])] };
}
