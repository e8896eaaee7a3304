// One scenario's steps with their time boxes: a Run button per catalogue command, manual steps as text.
import type { Button, KnownBlock } from '@slack/types';
import type { CommandSpec } from '../../domain/catalogue.js';
import type { Instant } from '../../domain/incident.js';
import { pick, type Locale } from '../../domain/locale.js';
import type { Playbook, PlaybookStep } from '../../domain/playbook.js';
import { ACTION } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { LIMIT, button, confirmDialog, context, fallbackText, header, section } from './blocks.js';
import { teamTime } from './team-time.js';
import type { CommandLookup, SlackMessage } from './view-types.js';

export interface PlaybookStepsInput {
  readonly playbook: Playbook;
  readonly commands: CommandLookup;
  readonly locale: Locale;
  readonly timeZone: string;
  /** When the playbook was started: time boxes then also show a wall-clock deadline. */
  readonly startedAt?: Instant;
}

// The Run button: read-only runs at once, mutating asks to confirm, destructive also says it needs more.
export function runButton(spec: CommandSpec, locale: Locale): Button {
  const m = messages(locale).playbook;
  const value = JSON.stringify({ commandId: spec.id });
  if (spec.risk === 'read-only') return button({ text: m.run, actionId: ACTION.runCommand, value, style: 'primary' });
  const destructive = spec.risk === 'destructive';
  // Asking for approval runs nothing yet: the dialog says so, and who decides.
  const asks = spec.requiresApproval === true;
  const title = pick(spec.title, locale);
  const risk = messages(locale).risk[spec.risk];
  const confirm = confirmDialog({
    title: asks ? m.confirmApprovalTitle : m.confirmTitle,
    text: asks ? m.confirmApprovalText(title, risk) : m.confirmText(title, risk),
    confirm: asks ? m.confirmApprovalYes : m.confirmYes,
    deny: m.confirmNo,
    danger: destructive,
  });
  const text = asks ? m.runNeedsApproval : destructive ? m.runNeedsRole : m.run;
  return button({ text, actionId: ACTION.runCommand, value, confirm, ...(destructive ? { style: 'danger' as const } : {}) });
}

function commandBlock(commandId: string, lookup: CommandLookup, locale: Locale): KnownBlock {
  const m = messages(locale);
  const spec = lookup(commandId);
  if (spec === undefined) return context([`:warning: ${m.playbook.unknownCommand(inlineCode(commandId, 200))}`]);
  const notes = [
    inlineCode(spec.id, 200),
    m.risk[spec.risk],
    spec.minSeverity === undefined ? '' : m.playbook.minSeverity(m.severity[spec.minSeverity]),
  ].filter(Boolean);
  // How the command departs from the runbook's text, so nobody is surprised by what really runs.
  const departure = spec.departure === undefined ? '' : `\n:information_source: ${inlineMrkdwn(pick(spec.departure, locale), 600)}`;
  return section(`*${inlineMrkdwn(pick(spec.title, locale), 300)}*\n${notes.join(' · ')}${departure}`, runButton(spec, locale));
}

function stepBlock(step: PlaybookStep, index: number, input: PlaybookStepsInput): KnownBlock {
  const m = messages(input.locale).playbook;
  const box =
    step.withinMinutes === undefined
      ? ''
      : ` · ${m.within(step.withinMinutes)}${
          input.startedAt === undefined ? '' : m.by(teamTime(input.startedAt + step.withinMinutes * 60_000, input.timeZone, 'HH:mm'))
        }`;
  const manual = step.manual === undefined ? '' : `\n:raised_hand: ${m.manual}: ${fitMrkdwn(pick(step.manual, input.locale), 2000)}`;
  return section(`*${index + 1}. ${inlineMrkdwn(pick(step.title, input.locale), 300)}*${box}${manual}`);
}

// Posted when a scenario is picked (or offered directly); at most 50 blocks, the rest summarised.
export function playbookSteps(input: PlaybookStepsInput): SlackMessage {
  const { playbook, locale } = input;
  const m = messages(locale);
  const title = pick(playbook.title, locale);
  const symptoms = (playbook.symptoms ?? []).map((s) => pick(s, locale));
  const intro = [`${inlineMrkdwn(playbook.runbook, 50)}`, ...(symptoms.length > 0 ? [`${m.playbook.symptoms}: ${inlineMrkdwn(symptoms.join(' / '), 1500)}`] : [])];
  const blocks: KnownBlock[] = [header(title), context(intro)];
  const budget = LIMIT.messageBlocks - 1;
  let shown = 0;
  for (const [index, step] of playbook.steps.entries()) {
    if (blocks.length + 1 + step.commands.length > budget) break;
    blocks.push(stepBlock(step, index, input), ...step.commands.map((id) => commandBlock(id, input.commands, locale)));
    shown += 1;
  }
  if (shown < playbook.steps.length) blocks.push(context([m.playbook.moreSteps(playbook.steps.length - shown)]));
  return { text: fallbackText(m.playbook.fallback(inlineMrkdwn(title, 300))), blocks };
}
