// A finished run in its thread: outcome, exit code, duration and the output's head and tail in code blocks.
import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import type { RunResult } from '../../domain/run-result.js';
import { messages } from '../i18n/messages.js';
import { codeBlock, inlineMrkdwn } from '../mrkdwn.js';
import { LIMIT, context, fallbackText, fields, section } from './blocks.js';
import { OUTCOME_EMOJI } from './outcome-emoji.js';
import { runHeadline } from './run-progress.js';
import type { SlackMessage } from './view-types.js';

export interface RunResultInput {
  readonly title: string;
  readonly host: string;
  readonly result: RunResult;
  readonly locale: Locale;
}


// How many characters of the original a code block shows (entities and inserted zero-width spaces undone).
const shownLength = (block: string): number =>
  block.slice(4, -4).replace(/&(amp|lt|gt);/g, '_').replace(/\u200b/g, '').replace(/^…|…$/g, '').length;

function outputBlocks(output: string, locale: Locale): KnownBlock[] {
  const m = messages(locale).run;
  if (output.trim() === '') return [context([m.noOutput])];
  const whole = codeBlock(output, LIMIT.section);
  if (shownLength(whole) >= output.replace(/\n+$/, '').length) return [section(whole)];
  const half = Math.floor(output.length / 2);
  const mid = /[\uD800-\uDBFF]/.test(output.charAt(half - 1)) ? half - 1 : half;
  const headLabel = `*${m.outputHead}*\n`;
  const tailLabel = `*${m.outputTail}*\n`;
  const head = codeBlock(output.slice(0, mid), LIMIT.section - headLabel.length, 'head');
  const tail = codeBlock(output.slice(mid), LIMIT.section - tailLabel.length, 'tail');
  const omitted = Math.max(0, output.length - shownLength(head) - shownLength(tail));
  return [
    section(headLabel + head),
    ...(omitted > 0 ? [context([m.omitted(omitted)])] : []),
    section(tailLabel + tail),
  ];
}

export function runResult(input: RunResultInput): SlackMessage {
  const { result, locale } = input;
  const m = messages(locale);
  const outcome = m.outcome[result.outcome];
  const facts = [
    `*${m.run.exitCode}*\n${result.exitCode === null ? '—' : String(result.exitCode)}`,
    `*${m.run.duration}*\n${m.duration(result.durationMs)}`,
    ...(result.signal === undefined ? [] : [`*${m.run.signal}*\n${inlineMrkdwn(result.signal, 50)}`]),
  ];
  const notes = [
    ...(result.truncatedBytes > 0 ? [m.run.truncatedAtSource(result.truncatedBytes)] : []),
    ...(result.files.length > 0 ? [m.run.filesAttached(result.files.length)] : []),
    `${m.run.digest} \`${inlineMrkdwn(result.outputDigest.slice(0, 12), 20)}\``,
  ];
  const blocks: KnownBlock[] = [
    section(runHeadline(OUTCOME_EMOJI[result.outcome], input.title, result.commandId, input.host, `*${outcome}*`, locale)),
    fields(facts),
    ...outputBlocks(result.output, locale),
    context(notes),
  ];
  return { text: fallbackText(m.run.fallback(inlineMrkdwn(input.title, 300), outcome)), blocks };
}
