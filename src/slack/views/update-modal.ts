// The Post update button: one text box whose content goes to the channel and the stakeholders.
import type { ModalView } from '@slack/types';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { CALLBACK, INPUT } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { context } from './blocks.js';
import { modal, textInput } from './modal-parts.js';

export interface UpdateModalInput {
  readonly incident: Incident;
  readonly locale: Locale;
  readonly prefill?: string;
}

export function updateModal(input: UpdateModalInput): ModalView {
  const m = messages(input.locale).modal;
  return modal({
    callbackId: CALLBACK.update,
    title: m.updateTitle,
    submit: m.updateSubmit,
    close: m.cancel,
    privateMetadata: input.incident.id,
    blocks: [
      context([`${input.incident.id} · ${inlineMrkdwn(input.incident.title, 500)}`]),
      textInput({ id: INPUT.updateText, label: m.updateLabel, optional: false, multiline: true, hint: m.updateHint, ...(input.prefill === undefined ? {} : { initial: input.prefill }) }),
    ],
  });
}
