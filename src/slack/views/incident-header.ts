// The pinned header of an incident channel: what, how bad, who leads, both §1.2 clocks, and what to do next.
import type { ActionsBlockElement, KnownBlock, Overflow, UsersSelect } from '@slack/types';
import type { Incident, UserId } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { SEVERITIES } from '../../domain/severity.js';
import type { Clocks } from '../../domain/sla.js';
import { ACTION, BLOCK } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { actions, button, confirmDialog, fallbackText, fields, header, option, plain, section } from './blocks.js';
import { clockLine } from './clock-line.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export interface IncidentHeaderInput {
  readonly incident: Incident;
  readonly clocks: Clocks;
  readonly timeZone: string;
  readonly locale: Locale;
  /** Overrides incident.roles.commander (e.g. right after an assignment). */
  readonly commander?: UserId;
}

// Recording the recovery stops the recovery clock and tells the stakeholders: a stray click must not do it.
const resolveButton = (m: ReturnType<typeof messages>['header'], value: string, primary: boolean) =>
  button({
    text: m.resolve, actionId: ACTION.resolve, value, ...(primary ? { style: 'primary' as const } : {}),
    confirm: confirmDialog({ title: m.resolveConfirmTitle, text: m.resolveConfirmText, confirm: m.resolveConfirmYes, deny: m.resolveConfirmNo }),
  });

function headerActions(incident: Incident, locale: Locale): ActionsBlockElement[] {
  const m = messages(locale).header;
  const value = incident.id;
  const update = button({ text: m.postUpdate, actionId: ACTION.postUpdate, value });
  switch (incident.status) {
    case 'declared':
      return [button({ text: m.acknowledge, actionId: ACTION.acknowledge, value, style: 'primary' }), update, resolveButton(m, value, false)];
    case 'acknowledged':
      return [update, resolveButton(m, value, true)];
    case 'resolved':
      return [update, button({ text: m.close, actionId: ACTION.close, value, style: 'primary' })];
    case 'closed':
      return [];
  }
}

function severityMenu(incident: Incident, locale: Locale): Overflow {
  const m = messages(locale);
  return {
    type: 'overflow',
    action_id: ACTION.severityMenu,
    options: SEVERITIES.filter((s) => s !== incident.severity).map((s) =>
      option(`${SEVERITY_EMOJI[s]} ${m.header.changeSeverityTo(m.severity[s])}`, s)),
  };
}

// Re-rendered in place on every change (chat.update), so it carries the whole current state.
export function incidentHeader(input: IncidentHeaderInput): SlackMessage {
  const { incident, clocks, timeZone, locale } = input;
  const m = messages(locale);
  const commander = input.commander ?? incident.roles.commander;
  const severity = `${SEVERITY_EMOJI[incident.severity]} *${m.severity[incident.severity]}*`;
  const blocks: KnownBlock[] = [
    header(`${SEVERITY_EMOJI[incident.severity]} ${incident.id}: ${incident.title}`),
    fields([
      `*${m.header.severity}*\n${severity}`,
      `*${m.header.status}*\n${m.status[incident.status]}`,
      `*${m.header.commander}*\n${commander === undefined ? m.header.nobody : userRef(commander)}`,
      `*${m.header.host}*\n${incident.host === undefined ? m.header.anyHost : inlineMrkdwn(incident.host, 100)}`,
      `*${m.header.declared}*\n${slackDate(incident.declaredAt, timeZone)}`,
    ]),
    section(`${clockLine(clocks.response, timeZone, locale, 'kept')}\n${clockLine(clocks.recovery, timeZone, locale, 'kept')}`),
  ];
  const buttons = headerActions(incident, locale);
  if (buttons.length > 0) {
    blocks.push(actions([...buttons, severityMenu(incident, locale)], BLOCK.headerActions));
    // Who leads: take it yourself, or hand it to someone (the policy decides who may).
    const usersSelect: UsersSelect = { type: 'users_select', action_id: ACTION.assignCommander, placeholder: plain(m.header.assignCommander, 150) };
    blocks.push(actions([button({ text: m.header.takeLead, actionId: ACTION.takeLead, value: incident.id }), usersSelect], BLOCK.headerLead));
  }
  const text = m.header.fallback(incident.id, inlineMrkdwn(incident.title, 200), m.severity[incident.severity], m.status[incident.status]);
  return { text: fallbackText(text), blocks };
}

