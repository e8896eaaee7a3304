// Moving up the §11.1 ladder (L1 運用担当者 → L2 システム管理者 → L3 開発チーム): which level and who is paged.
import type { EscalationLevel, Incident, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import type { SlackMessage } from './view-types.js';

export interface EscalationNoticeInput {
  readonly incident: Incident;
  readonly level: EscalationLevel;
  /** People (U…) or user groups (S…) to page; empty when the policy names nobody for the level. */
  readonly who: readonly UserId[];
  readonly reason?: string;
  readonly locale: Locale;
}

export function escalationNotice(input: EscalationNoticeInput): SlackMessage {
  const m = messages(input.locale);
  const level = m.escalationLevel[input.level];
  const shown = input.who.slice(0, 30).map(userRef);
  const paging = shown.length === 0 ? m.alarm.nobodyToNotify : m.alarm.notify(shown.join(' '));
  const reason = input.reason === undefined ? '' : `\n${m.alarm.reason(fitMrkdwn(input.reason, 1000))}`;
  const about = `${SEVERITY_EMOJI[input.incident.severity]} ${input.incident.id} · ${inlineMrkdwn(input.incident.title, 200)}`;
  return {
    text: fallbackText(`${m.alarm.escalation(level)} ${paging}`),
    blocks: [section(`${m.alarm.escalation(level)}\n${paging}${reason}`), context([about])],
  };
}
