// A run's root message in the channel: queued, started, its progress, then its outcome (the result is in the thread).
import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import type { RunOutcome } from '../../domain/run-result.js';
import { messages } from '../i18n/messages.js';
import { codeBlock, inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { LIMIT, fallbackText, section } from './blocks.js';
import { OUTCOME_EMOJI } from './outcome-emoji.js';
import type { SlackMessage } from './view-types.js';

export type RunProgressState = 'queued' | 'started' | { readonly lines: readonly string[] } | { readonly outcome: RunOutcome };

export interface RunProgressInput {
  readonly commandId: string;
  readonly title: string;
  readonly host: string;
  readonly state: RunProgressState;
  readonly locale: Locale;
}

// The first line of every run message: what runs where.
export const runHeadline = (emoji: string, title: string, commandId: string, host: string, state: string, locale: Locale): string =>
  `${emoji} *${inlineMrkdwn(title, 300)}* ${inlineCode(commandId, 200)} · ${messages(locale).run.on(inlineMrkdwn(host, 100))} · ${state}`;

export function runProgress(input: RunProgressInput): SlackMessage {
  const m = messages(input.locale).run;
  const { state } = input;
  const [emoji, label] =
    state === 'queued' ? [':hourglass:', m.queued]
    : state === 'started' ? [':arrow_forward:', m.started]
    : 'outcome' in state ? [OUTCOME_EMOJI[state.outcome], messages(input.locale).outcome[state.outcome]]
    : [':gear:', m.running];
  const blocks: KnownBlock[] = [section(runHeadline(emoji, input.title, input.commandId, input.host, label, input.locale))];
  if (typeof state === 'object' && 'lines' in state && state.lines.length > 0) {
    blocks.push(section(codeBlock(state.lines.slice(-200).join('\n'), LIMIT.section, 'tail')));
  }
  return { text: fallbackText(m.fallback(inlineMrkdwn(input.title, 300), label)), blocks };
}
