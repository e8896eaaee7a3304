// `/incident close`: the §9.1 report fields, full form for critical/high and short form for medium/low.
import type { ModalView } from '@slack/types';
import type { Incident, ReportFields } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { reportFieldsFor, reportForm, type ReportField } from '../../domain/report-fields.js';
import { isMajor } from '../../domain/severity.js';
import { CALLBACK, INPUT, reportInput } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { context } from './blocks.js';
import { followUpWords } from './follow-up-words.js';
import { modal, textInput } from './modal-parts.js';

// A major incident whose post-recovery verification has not passed closes only with a reason.
export const needsUnverifiedReason = (incident: Incident): boolean => isMajor(incident.severity) && !incident.checklist.system_verified.done;

export interface CloseModalInput {
  readonly incident: Incident;
  /** Fields the report still lacks: these are required; the others are optional and prefilled. */
  readonly missingFields: readonly ReportField[];
  readonly prefill: Partial<ReportFields>;
  readonly locale: Locale;
}

export function closeModal(input: CloseModalInput): ModalView {
  const { incident, locale } = input;
  const m = messages(locale);
  const form = reportForm(incident.severity) === 'full' ? m.modal.fullForm : m.modal.shortForm;
  const inputs = reportFieldsFor(incident.severity).map((field) => {
    const missing = input.missingFields.includes(field);
    const initial = input.prefill[field] ?? incident.report[field];
    return textInput({
      id: reportInput(field),
      label: m.reportField[field],
      optional: !missing,
      multiline: true,
      ...(missing ? { hint: m.modal.missingHint } : {}),
      ...(initial === undefined ? {} : { initial }),
    });
  });
  const f = followUpWords(locale);
  inputs.push(textInput({ id: INPUT.followUps, label: f.closeField, optional: true, multiline: true, hint: f.closeHint }));
  if (needsUnverifiedReason(incident)) {
    inputs.push(textInput({ id: INPUT.unverifiedReason, label: m.modal.unverifiedLabel, optional: false, multiline: true, hint: m.modal.unverifiedHint }));
  }
  return modal({
    callbackId: CALLBACK.close,
    title: m.modal.closeTitle,
    submit: m.modal.closeSubmit,
    close: m.modal.cancel,
    privateMetadata: incident.id,
    blocks: [context([`${m.modal.closeIntro(incident.id, form)} ${inlineMrkdwn(incident.title, 500)}`]), ...inputs],
  });
}
