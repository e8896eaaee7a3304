// `/incident maintenance`: every plan with its schedule, next and last run, and a "Run now" button for
// those the policy lets press it; the canary with its last result.
import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import type { MaintenancePlan } from '../../domain/maintenance-policy.js';
import { planOutcome, type PlanRun } from '../../domain/maintenance-run.js';
import type { MaintenanceOverview } from '../../app/maintenance.js';
import type { CanaryResult } from '../../app/ports.js';
import { inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { button, confirmDialog, context, divider, fallbackText, header, section } from './blocks.js';
import { ENTRY_EMOJI } from './maintenance-summary.js';
import { maintenanceWords } from './maintenance-words.js';
import { slackDate } from './slack-date.js';
import type { SlackMessage } from './view-types.js';

export const RUN_NOW_ACTION = 'maintenance_run_now';

export interface PlanListing {
  readonly plan: Pick<MaintenancePlan, 'id' | 'title' | 'runbook' | 'cron' | 'timeZone' | 'enabled' | 'entries'>;
  readonly next?: number;
  readonly last?: PlanRun;
}

export interface MaintenanceListInput {
  readonly plans: readonly PlanListing[];
  readonly canary?: { readonly cron: string; readonly timeZone?: string; readonly next?: number; readonly last?: CanaryResult; readonly baselineAt?: number };
  readonly mayRunNow: boolean;
  /** The policy's role for "Run now", named when the reader lacks it. */
  readonly runNowRole: string;
  readonly locale: Locale;
  readonly timeZone: string;
}

const OUTCOME_EMOJI = { running: ':arrows_counterclockwise:', succeeded: ':white_check_mark:', failed: ':x:' } as const;
const CANARY_EMOJI = { good: ':white_check_mark:', drift: ':warning:', failed: ':x:', baseline: ':new:' } as const;

export function maintenanceList(input: MaintenanceListInput): SlackMessage {
  const { locale, timeZone } = input;
  const w = maintenanceWords(locale);
  const when = (at: number | undefined) => (at === undefined ? w.never : slackDate(at, timeZone));
  const blocks: KnownBlock[] = [header(w.listTitle)];
  if (input.plans.length === 0) blocks.push(section(w.noPlans));
  for (const { plan, next, last } of input.plans) {
    const title = `*${inlineMrkdwn(plan.title[locale], 150)}*${plan.runbook ? ` (${plan.runbook})` : ''} ${inlineCode(plan.id, 40)}`;
    const schedule = `${inlineCode(plan.cron, 60)} ${plan.timeZone ?? timeZone}${plan.enabled ? '' : ` — ${w.disabled}`}`;
    const lastText = last === undefined ? w.never : `${OUTCOME_EMOJI[planOutcome(last)]} ${slackDate(last.startedAt, timeZone)} ${w.outcome[planOutcome(last)]}`;
    const accessory = input.mayRunNow
      ? button({
          text: w.runNow,
          actionId: RUN_NOW_ACTION,
          value: plan.id,
          confirm: confirmDialog({ title: w.runNow, text: w.runNowConfirm(plan.title[locale]), confirm: w.runNow, deny: w.cancel }),
        })
      : undefined;
    blocks.push(section(`${title}\n${schedule}\n${plan.entries.map((e) => inlineCode(e.command, 60)).join(' → ')}`, accessory));
    const lastEntries = last?.entries.map((e) => ENTRY_EMOJI[e.status]).join('') ?? '';
    blocks.push(context([`${w.nextRun}: ${plan.enabled ? when(next) : w.disabled}`, `${w.lastRun}: ${lastText} ${lastEntries}`]));
  }
  if (input.canary) {
    const { canary } = input;
    blocks.push(divider());
    const last = canary.last;
    const lastText = last === undefined ? w.never : `${CANARY_EMOJI[last.outcome]} ${slackDate(last.at, timeZone)} ${w.canary[last.outcome]}`;
    const accessory = input.mayRunNow ? button({ text: w.runNow, actionId: RUN_NOW_ACTION, value: 'canary' }) : undefined;
    blocks.push(section(`*${w.canaryTitle}* ${inlineCode('canary', 20)}\n${inlineCode(canary.cron, 60)} ${canary.timeZone ?? timeZone}`, accessory));
    blocks.push(
      context([
        `${w.nextRun}: ${when(canary.next)}`,
        `${w.lastRun}: ${lastText}`,
        ...(canary.baselineAt === undefined ? [] : [w.baselineFrom(slackDate(canary.baselineAt, timeZone))]),
      ]),
    );
  }
  if (!input.mayRunNow && input.plans.length > 0) blocks.push(context([w.runNowForbidden(input.runNowRole)]));
  return { text: fallbackText(w.listTitle), blocks: blocks.slice(0, 50) };
}

/** The listing from the use case's overview. */
export function maintenanceListFor(overview: MaintenanceOverview, locale: Locale, timeZone: string): SlackMessage {
  const { canary } = overview;
  return maintenanceList({
    plans: overview.plans,
    canary: {
      cron: canary.plan.cron,
      ...(canary.plan.timeZone === undefined ? {} : { timeZone: canary.plan.timeZone }),
      ...(canary.next === undefined ? {} : { next: canary.next }),
      ...(canary.last === undefined ? {} : { last: canary.last }),
      ...(canary.baselineAt === undefined ? {} : { baselineAt: canary.baselineAt }),
    },
    mayRunNow: overview.mayRunNow,
    runNowRole: overview.runNowRole,
    locale,
    timeZone,
  });
}
