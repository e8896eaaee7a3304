// The header's severity menu, as a form with a reason: the change is recorded and the clocks recomputed.
import type { ModalView } from '@slack/types';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { Severity } from '../../domain/severity.js';
import { CALLBACK, INPUT } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { context } from './blocks.js';
import { modal, severitySelect, textInput } from './modal-parts.js';

export interface SeverityModalInput {
  readonly incident: Incident;
  readonly locale: Locale;
  /** Preselected (e.g. the option picked in the header's menu); defaults to the current severity. */
  readonly proposed?: Severity;
}

export function severityModal(input: SeverityModalInput): ModalView {
  const m = messages(input.locale);
  return modal({
    callbackId: CALLBACK.severity,
    title: m.modal.severityTitle,
    submit: m.modal.submit,
    close: m.modal.cancel,
    privateMetadata: input.incident.id,
    blocks: [
      context([m.modal.severityCurrent(m.severity[input.incident.severity])]),
      severitySelect(INPUT.newSeverity, m.modal.severityLabel2, input.locale, input.proposed ?? input.incident.severity),
      textInput({ id: INPUT.severityReason, label: m.modal.severityReason, optional: true, multiline: true, maxLength: 1000 }),
    ],
  });
}
