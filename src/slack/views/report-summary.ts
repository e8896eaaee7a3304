// What the stakeholders get when an incident closes: the §9 key facts against the §1.2 targets, and where the
// full report is.
import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { isMajor } from '../../domain/severity.js';
import { DEFAULT_SLA, type SlaTargets } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { context, fallbackText, fields, header, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';
import { isChannelId } from '../channel-id.js';

export interface ReportSummaryInput {
  readonly incident: Incident;
  /** The incident channel the report was uploaded to, when there is one. */
  readonly channelId?: string;
  readonly fileName: string;
  readonly locale: Locale;
  readonly timeZone: string;
  /** The policy's targets; runbook §1.2 by default. */
  readonly targets?: SlaTargets;
}

export function reportSummary(input: ReportSummaryInput): SlackMessage {
  const { incident, locale } = input;
  const m = messages(locale);
  const targets = input.targets ?? DEFAULT_SLA[incident.severity];
  const since = (at: number | undefined): string => (at === undefined ? m.reportSummary.notReached : m.duration(at - incident.declaredAt));
  const acknowledgedAt = incident.status === 'declared' ? undefined : incident.acknowledgedAt;
  const resolvedAt = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;
  const facts = [
    `*${m.header.severity}*\n${SEVERITY_EMOJI[incident.severity]} ${m.severity[incident.severity]}`,
    `*${m.announcement.declaredAt}*\n${slackDate(incident.declaredAt, input.timeZone)}`,
    `*${m.reportSummary.timeToResponse}*\n${m.reportSummary.against(since(acknowledgedAt), m.duration(targets.responseMinutes * 60_000))}`,
    `*${m.reportSummary.timeToRecovery}*\n${m.reportSummary.against(since(resolvedAt), m.duration(targets.recoveryMinutes * 60_000))}`,
  ];
  const written = (isMajor(incident.severity) ? (['summary', 'impact', 'rootCause', 'prevention'] as const) : (['summary', 'actions', 'followUp'] as const))
    .filter((field) => (incident.report[field] ?? '').trim() !== '')
    .map((field) => section(`*${m.reportField[field]}*\n${fitMrkdwn(incident.report[field] ?? '', 2500)}`));
  const channel = input.channelId !== undefined && isChannelId(input.channelId) ? ` · ${m.reportSummary.inChannel(`<#${input.channelId}>`)}` : '';
  const blocks: KnownBlock[] = [
    header(`${m.reportSummary.title(incident.id)}: ${incident.title}`),
    fields(facts),
    ...written,
    context([`${m.reportSummary.report(inlineCode(input.fileName, 200))}${channel}`]),
  ];
  return { text: fallbackText(m.reportSummary.fallback(incident.id, inlineMrkdwn(incident.title, 300))), blocks };
}
