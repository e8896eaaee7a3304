// Building blocks shared by the modals: bounded titles, inputs whose ids come from ids.ts.
import type { InputBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import type { Locale } from '../../domain/locale.js';
import { SEVERITIES, type Severity } from '../../domain/severity.js';
import type { InputId } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { fitPlain } from '../mrkdwn.js';
import { LIMIT, option, plain } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';

// A modal shell: title/submit/close within 24 characters, private_metadata within 3000.
export function modal(spec: {
  readonly callbackId: string;
  readonly title: string;
  readonly submit: string;
  readonly close: string;
  readonly privateMetadata: string;
  readonly blocks: ModalView['blocks'];
}): ModalView {
  if (spec.privateMetadata.length > LIMIT.metadata) throw new Error('private_metadata too long');
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    title: plain(spec.title, LIMIT.modalTitle),
    submit: plain(spec.submit, LIMIT.modalTitle),
    close: plain(spec.close, LIMIT.modalTitle),
    private_metadata: spec.privateMetadata,
    blocks: spec.blocks,
  };
}

// A text input; the initial value is cut to the input's own maximum.
export function textInput(spec: {
  readonly id: InputId;
  readonly label: string;
  readonly optional: boolean;
  readonly multiline?: boolean;
  readonly maxLength?: number;
  readonly initial?: string;
  readonly placeholder?: string;
  readonly hint?: string;
}): InputBlock {
  const maxLength = spec.maxLength ?? LIMIT.input;
  const initial = spec.initial === undefined || spec.initial.trim() === '' ? undefined : fitPlain(spec.initial, maxLength);
  return {
    type: 'input',
    block_id: spec.id.block,
    optional: spec.optional,
    label: plain(spec.label, 2000),
    ...(spec.hint === undefined ? {} : { hint: plain(spec.hint, 2000) }),
    element: {
      type: 'plain_text_input',
      action_id: spec.id.action,
      multiline: spec.multiline ?? false,
      max_length: maxLength,
      ...(initial === undefined ? {} : { initial_value: initial }),
      ...(spec.placeholder === undefined ? {} : { placeholder: plain(spec.placeholder, LIMIT.placeholder) }),
    },
  };
}

// The four severities as options, labelled in the locale with their colour.
export function severityOptions(locale: Locale): PlainTextOption[] {
  const m = messages(locale);
  return SEVERITIES.map((s) => option(`${SEVERITY_EMOJI[s]} ${m.severity[s]} (${s})`, s));
}

// A required severity select, optionally preselected.
export function severitySelect(id: InputId, label: string, locale: Locale, initial?: Severity): InputBlock {
  const options = severityOptions(locale);
  const chosen = options.find((o) => o.value === initial);
  const element: StaticSelect = {
    type: 'static_select',
    action_id: id.action,
    options,
    ...(chosen === undefined ? {} : { initial_option: chosen }),
  };
  return { type: 'input', block_id: id.block, label: plain(label, 2000), element };
}
