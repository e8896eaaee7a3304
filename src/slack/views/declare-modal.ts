// `/incident declare` without arguments: the form that asks for what the command line would have given.
import { TITLE_MAX_LENGTH } from '../../domain/lifecycle.js';
import type { ModalView } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import type { Severity } from '../../domain/severity.js';
import { CALLBACK, INPUT } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { modal, severitySelect, textInput } from './modal-parts.js';
import { codeBlock } from '../mrkdwn.js';
import type { SlackMessage } from './view-types.js';
import { fallbackText, LIMIT, section } from './blocks.js';

export interface DeclareModalInput {
  readonly locale: Locale;
  /** The channel the command came from (private_metadata), so the answer can go back there. */
  readonly origin?: string;
  /** What the command line already gave. */
  readonly severity?: Severity;
  readonly title?: string;
  readonly description?: string;
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
      textInput({ id: INPUT.detectedAt, label: m.detectedAtLabel, optional: true, maxLength: 16, placeholder: '2026-03-10 09:40', hint: m.detectedAtHint }),
      textInput({ id: INPUT.description, label: m.descriptionLabel, optional: true, multiline: true, ...(prefill.description === undefined ? {} : { initial: prefill.description }) }),
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
