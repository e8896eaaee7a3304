// One maintenance run as one message in the ops channel, updated in place as its entries finish; each
// entry's output and files go into the message's thread.
import type { KnownBlock } from '@slack/types';
import type { Bilingual, Locale } from '../../domain/locale.js';
import { planOutcome, type EntryStatus, type PlanRun } from '../../domain/maintenance-run.js';
import { formatDuration } from '../../domain/time.js';
import { inlineCode, inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, header, section } from './blocks.js';
import { maintenanceWords } from './maintenance-words.js';
import { OUTCOME_EMOJI } from './outcome-emoji.js';
import { slackDate } from './slack-date.js';
import type { CommandLookup, SlackMessage } from './view-types.js';

export const ENTRY_EMOJI: Readonly<Record<EntryStatus, string>> = {
  pending: ':white_circle:',
  queued: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  ...OUTCOME_EMOJI,
  refused: ':no_entry:',
  unknown: ':grey_question:',
};

const PLAN_EMOJI = { running: ':wrench:', succeeded: ':white_check_mark:', failed: ':rotating_light:' } as const;

export interface MaintenanceSummaryInput {
  readonly run: PlanRun;
  readonly title: Bilingual;
  readonly runbook?: string;
  readonly commandOf: CommandLookup;
  readonly locale: Locale;
  readonly timeZone: string;
  /** The incident channel a failed run opened or joined. */
  readonly incidentChannel?: string;
}

export function maintenanceSummary(input: MaintenanceSummaryInput): SlackMessage {
  const { run, locale, timeZone } = input;
  const w = maintenanceWords(locale);
  const outcome = planOutcome(run);
  const title = `${input.title[locale]}${input.runbook ? ` (${input.runbook})` : ''}`;
  const trigger =
    run.trigger.kind === 'schedule' ? w.scheduled : run.trigger.kind === 'manual' ? w.runNowBy(userRef(run.trigger.by)) : w.verificationOf(run.trigger.incidentId);
  const lines = run.entries.map((entry) => {
    const spec = input.commandOf(entry.command);
    const name = spec ? inlineMrkdwn(spec.title[locale], 120) : inlineCode(entry.command, 80);
    const facts = [
      w.entry[entry.status],
      ...(entry.durationMs === undefined ? [] : [formatDuration(entry.durationMs)]),
      ...(entry.exitCode === undefined || entry.exitCode === null || entry.exitCode === 0 ? [] : [w.exitCode(entry.exitCode)]),
      ...(entry.reason === undefined ? [] : [inlineMrkdwn(entry.reason, 200)]),
    ];
    return `${ENTRY_EMOJI[entry.status]} ${name} ${inlineCode(entry.command, 80)} — ${facts.join(' · ')}`;
  });
  const blocks: KnownBlock[] = [
    header(`${title} — ${w.outcome[outcome]}`),
    section(lines.join('\n')),
    context([
      `${PLAN_EMOJI[outcome]} ${trigger}`,
      `${w.host}: ${inlineCode(run.host, 64)}`,
      `${w.started}: ${slackDate(run.startedAt, timeZone)}`,
      ...(run.finishedAt === undefined ? [] : [`${w.finished}: ${slackDate(run.finishedAt, timeZone)}`]),
      ...(run.log === undefined ? [] : [`${ENTRY_EMOJI[run.log]} ${w.logLine}`]),
      ...(input.incidentChannel === undefined ? [] : [w.incident(`<#${input.incidentChannel}>`)]),
    ]),
  ];
  return { text: fallbackText(`${PLAN_EMOJI[outcome]} ${inlineMrkdwn(title, 200)}: ${w.outcome[outcome]}`), blocks };
}
