// `/incident declare` without arguments: the form that asks for what the command line would have given.
import { TITLE_MAX_LENGTH } from '../../domain/lifecycle.js';
import type { InputBlock, ModalView } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import type { Severity } from '../../domain/severity.js';
import { CALLBACK, INPUT } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { modal, severitySelect, textInput } from './modal-parts.js';
import { codeBlock } from '../mrkdwn.js';
import type { SlackMessage } from './view-types.js';
import { fallbackText, LIMIT, option, plain, section } from './blocks.js';

export interface DeclareModalInput {
  readonly locale: Locale;
  /**
   * private_metadata: the channel the command came from, so the answer can go back there (or, declared from
   * a message, that message as `encodeDeclareOrigin` wrote it).
   */
  readonly origin?: string;
  /** What the command line already gave. */
  readonly severity?: Severity;
  readonly title?: string;
  readonly description?: string;
  /** `yyyy-MM-dd HH:mm` in the team zone (a message's own time when declared from it). */
  readonly detectedAt?: string;
  readonly private?: boolean;
}

// Detected-at is free text (`HH:mm` or `yyyy-MM-dd HH:mm`, team zone): the listener parses it.
export function declareModal(input: DeclareModalInput): ModalView {
  const m = messages(input.locale).modal;
  const prefill = input;
  return modal({
    callbackId: CALLBACK.declare,
    title: m.declareTitle,
    submit: m.declareSubmit,
    close: m.cancel,
    privateMetadata: input.origin ?? '',
    blocks: [
      textInput({ id: INPUT.title, label: m.titleLabel, optional: false, maxLength: TITLE_MAX_LENGTH, placeholder: m.titlePlaceholder, ...(prefill.title === undefined ? {} : { initial: prefill.title }) }),
      severitySelect(INPUT.severity, m.severityLabel, input.locale, prefill.severity),
      textInput({ id: INPUT.detectedAt, label: m.detectedAtLabel, optional: true, maxLength: 16, placeholder: '2026-03-10 09:40', hint: m.detectedAtHint, ...(prefill.detectedAt === undefined ? {} : { initial: prefill.detectedAt }) }),
      textInput({ id: INPUT.description, label: m.descriptionLabel, optional: true, multiline: true, ...(prefill.description === undefined ? {} : { initial: prefill.description }) }),
      privateChoice(m.privateLabel, m.privateOption, prefill.private === true),
    ],
  });
}

/** A declaration's text too long for the form, given back whole to the person who typed it. */
export function draftKept(draft: string, locale: Locale): SlackMessage {
  const intro = messages(locale).done.draftKept;
  // A section holds 3,000 characters and a message 12,000 over its blocks: the text in pieces, as far as it goes.
  const pieces = Array.from({ length: Math.min(3, Math.ceil(draft.length / PIECE)) }, (_, i) => draft.slice(i * PIECE, (i + 1) * PIECE));
  return { text: fallbackText(intro), blocks: [section(intro), ...pieces.map((piece) => section(codeBlock(piece, LIMIT.section)))] };
}

const PIECE = 2_900;

/**
 * What the declare form shows once the incident is stored and Redis failed before the rest of its declaration:
 * that it stands, with its description and the message it came from (submitting again would declare a second
 * incident).
 */
export function declaredCutShortModal(input: { readonly incidentId: string; readonly locale: Locale }): ModalView {
  const m = messages(input.locale);
  return {
    type: 'modal',
    title: plain(m.modal.declareTitle, LIMIT.modalTitle),
    close: plain(m.modal.dismiss, LIMIT.modalTitle),
    blocks: [section(`:warning: ${m.done.declaredCutShort(input.incidentId)}`)],
  };
}

// One checkbox: ticked, the incident is private (§4.3 security).
function privateChoice(label: string, text: string, ticked: boolean): InputBlock {
  const choice = option(text, 'private');
  return {
    type: 'input',
    block_id: INPUT.private.block,
    optional: true,
    label: plain(label, 2000),
    element: { type: 'checkboxes', action_id: INPUT.private.action, options: [choice], ...(ticked ? { initial_options: [choice] } : {}) },
  };
}

/** The message a declaration starts from (the "Declare incident" message shortcut). */
export interface SourceMessage {
  readonly channel: string;
  readonly ts: string;
  readonly user: string;
  readonly text: string;
  readonly permalink?: string;
  /** What the modal's detected-at field showed: left as is, the detection time is the message's own. */
  readonly shown: string;
}

export interface DeclareOrigin {
  readonly channel?: string;
  /** The shortcut's response_url: the "declared, see #channel" answer reaches the person wherever they are. */
  readonly responseUrl?: string;
  readonly message?: SourceMessage;
}

/** The message's text kept in private_metadata (3000 characters with the rest): enough for the timeline. */
const SOURCE_TEXT_MAX = 2000;
const CUT = '…';

// The message's text as far as it fits in `budget` characters once JSON-escaped: a quote, backslash or line
// break takes two characters there (a control character six), so a pasted log can double in size.
function fitEscaped(text: string, budget: number): string {
  const points = Array.from(text);
  const escaped = (point: string) => JSON.stringify(point).length - 2;
  const whole = points.length <= SOURCE_TEXT_MAX && points.reduce((n, point) => n + escaped(point), 0) <= budget;
  if (whole) return text;
  const kept: string[] = [];
  let used = CUT.length;
  for (const point of points.slice(0, SOURCE_TEXT_MAX - 1)) {
    used += escaped(point);
    if (used > budget) break;
    kept.push(point);
  }
  return kept.join('') + CUT;
}

/**
 * The declare modal's private_metadata for a declaration from a message: always within Slack's 3,000
 * characters (views.open refuses more), the message's text cut to fit, with `…` where it was cut.
 */
export function encodeDeclareOrigin(origin: DeclareOrigin): string {
  if (origin.message === undefined) return origin.channel ?? '';
  const frame = JSON.stringify({ ...origin, message: { ...origin.message, text: '' } });
  const budget = LIMIT.metadata - frame.length;
  // Slack's ids and URLs are short; should they ever leave no room, the form still opens, without the message.
  if (budget < CUT.length) return origin.channel ?? '';
  return JSON.stringify({ ...origin, message: { ...origin.message, text: fitEscaped(origin.message.text, budget) } });
}

/** Reads private_metadata back: a bare channel id (the slash command) or the shortcut's JSON. */
export function decodeDeclareOrigin(metadata: string): DeclareOrigin {
  if (!metadata.startsWith('{')) return metadata === '' ? {} : { channel: metadata };
  try {
    const value = JSON.parse(metadata) as DeclareOrigin;
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
