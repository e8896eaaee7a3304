// Modal submissions: declare, post an update, close with the §9.1 report fields.
import { mayChangeIncident } from '../../app/authorise.js';
import type { ViewStateValue } from '@slack/bolt';
import { apply } from '../../app/apply.js';
import { RecordedButCutShort } from '../../app/cut-short.js';
import { declare } from '../../app/declare.js';
import { postStatusUpdate } from '../../app/post-status-update.js';
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import { closeIncident } from '../../domain/lifecycle.js';
import { missingReportFields, REPORT_FIELDS } from '../../domain/report-fields.js';
import { parseTeamTime } from '../../domain/time.js';
import { parseSeverity } from '../../domain/severity.js';
import { parseFollowUp, teamDay, type FollowUpDraft } from '../../domain/follow-up-items.js';
import { err, ok, type Result } from '../../domain/result.js';
import { followUpWords } from '../views/follow-up-words.js';
import { messages } from '../i18n/messages.js';
import { explain, type Problem } from '../explain.js';
import { CALLBACK, INPUT, reportInput, type InputId } from '../ids.js';
import { needsUnverifiedReason } from '../views/close-modal.js';
import { declaredCutShortModal, decodeDeclareOrigin } from '../views/declare-modal.js';
import { actorFrom } from './context.js';

type Values = Record<string, Record<string, ViewStateValue>>;

const read = (values: Values, id: InputId): string | undefined => {
  const state = values[id.block]?.[id.action];
  const value = state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};


export function registerModals(app: Listeners, services: Services): void {
  const { locale } = services.config;
  const words = messages(locale).fieldErrors;

  // The close form's follow-ups, one per line as `/incident followup` reads them; the first bad line is named.
  function readFollowUps(text: string | undefined, by: string): Result<FollowUpDraft[], string> {
    const today = teamDay(services.now(), services.config.timeZone);
    const drafts: FollowUpDraft[] = [];
    for (const [n, line] of (text ?? '').split('\n').entries()) {
      if (line.trim() === '') continue;
      const draft = parseFollowUp(line, { by, today, kind: 'follow_up' });
      if (!draft.ok) return err(followUpWords(locale).lineError(n + 1, followUpWords(locale).parseError(draft.error)));
      drafts.push(draft.value);
    }
    return ok(drafts);
  }

  app.view(CALLBACK.declare, async ({ ack, view, body }) => {
    const values = view.state.values as Values;
    const severity = parseSeverity(read(values, INPUT.severity) ?? '');
    const title = read(values, INPUT.title);
    const errors: Record<string, string> = {};
    if (!severity.ok) errors[INPUT.severity.block] = words.chooseSeverity;
    if (!title) errors[INPUT.title.block] = words.giveTitle;
    const origin = decodeDeclareOrigin(view.private_metadata);
    const source = origin.message;
    const detectedText = read(values, INPUT.detectedAt);
    // Left as the shortcut filled it in, the detection time is the message's own, to the millisecond.
    const detected =
      detectedText === undefined
        ? undefined
        : source !== undefined && detectedText === source.shown
          ? ok(Math.round(Number(source.ts) * 1000))
          : parseTeamTime(detectedText, services.config.timeZone, services.now());
    if (detected && !detected.ok) {
      errors[INPUT.detectedAt.block] = detected.error === 'future' ? words.future : words.timeFormat;
    }
    if (!severity.ok || !title || (detected && !detected.ok)) return ack({ response_action: 'errors', errors });
    const key = `view-${view.id}`;
    const ticked = values[INPUT.private.block]?.[INPUT.private.action]?.selected_options ?? [];
    const description = read(values, INPUT.description);
    const declaring = declare(services, {
      severity: severity.value, title, source: 'slack', by: body.user.id, key,
      ...(ticked.length > 0 ? { private: true } : {}),
      ...(description === undefined ? {} : { description }),
      ...(source === undefined ? {} : { message: { text: source.text, author: source.user, originalAt: Math.round(Number(source.ts) * 1000) } }),
      ...(detected?.ok ? { detectedAt: detected.value } : {}),
      ...(origin.channel ? { origin: { channel: origin.channel, user: body.user.id, ...(origin.responseUrl ? { responseUrl: origin.responseUrl } : {}) } } : {}),
    });
    const declared = await declaring.catch((error: unknown) => (error instanceof RecordedButCutShort && error.recorded.kind === 'declaration' ? error.recorded : Promise.reject(error)));
    // Stored, then cut short: the form says so instead of staying open to be submitted again (a second incident).
    if ('kind' in declared) {
      services.logger.warn({ incident: declared.incidentId, user: body.user.id }, 'declaration recorded, then cut short: a later look finishes it');
      return ack({ response_action: 'update', view: declaredCutShortModal({ incidentId: declared.incidentId, locale }) });
    }
    if (!declared.ok) return ack({ response_action: 'errors', errors: { [INPUT.title.block]: declared.error.message } });
    await ack();
  });

  app.view(CALLBACK.update, async ({ ack, view, body }) => {
    const text = read(view.state.values as Values, INPUT.updateText);
    if (!text) return ack({ response_action: 'errors', errors: { [INPUT.updateText.block]: words.writeUpdate } });
    await ack();
    const incidentId = view.private_metadata;
    await postStatusUpdate(services, incidentId, text, actorFrom(services, body.user.id, `view-${view.id}`));
  });

  app.view(CALLBACK.close, async ({ ack, view, body }) => {
    const values = view.state.values as Values;
    const incidentId = view.private_metadata;
    const incident = await services.store.get(incidentId);
    // Slack shows errors only next to an input: the summary is in every form of the close modal.
    if (!incident) return ack({ response_action: 'errors', errors: { [reportInput('summary').block]: explain({ code: 'not_found' }, locale).text } });
    const fields: Record<string, string> = { ...(incident.report as Record<string, string>) };
    for (const field of REPORT_FIELDS) {
      const value = read(values, reportInput(field));
      if (value) fields[field] = value;
    }
    const missing = missingReportFields(incident.severity, fields);
    if (missing.length > 0) {
      const required = words.required;
      return ack({ response_action: 'errors', errors: Object.fromEntries(missing.map((f) => [reportInput(f).block, required])) });
    }
    // Checked again on submit: the modal may have been opened by someone who has since lost the role.
    const allowed = await mayChangeIncident(services, incident, body.user.id, 'close', '/incident close');
    if (!allowed.ok) return ack({ response_action: 'errors', errors: { [reportInput('summary').block]: explain(allowed.error, locale).text } });
    const unverifiedReason = read(values, INPUT.unverifiedReason);
    if (needsUnverifiedReason(incident) && unverifiedReason === undefined) {
      return ack({ response_action: 'errors', errors: { [INPUT.unverifiedReason.block]: explain({ code: 'verification_required', message: '' }, locale).text } });
    }
    const drafts = readFollowUps(read(values, INPUT.followUps), body.user.id);
    if (!drafts.ok) return ack({ response_action: 'errors', errors: { [INPUT.followUps.block]: drafts.error } });
    const key = `close-${view.id}`;
    const options = { ...(unverifiedReason === undefined ? {} : { unverifiedReason }), actionItems: drafts.value };
    const close = () => apply(services, incidentId, (i) => closeIncident(i, fields, actorFrom(services, body.user.id, key), options), key);
    let result = await close();
    // A re-submission racing the first one can see the incident closed before the first one's idempotency
    // record; one more try reads that record and counts as the same close.
    if (!result.ok && result.error.code === 'closed') result = await close();
    if (!result.ok) {
      const message = explain(result.error as Problem, locale).text;
      return ack({ response_action: 'errors', errors: { [reportInput(missing[0] ?? 'summary').block]: message } });
    }
    // Queued before the modal closes: a close the person saw accepted has its report on the way. (A process
    // that dies in between leaves the report owed; the next bot to start queues it.)
    await services.effects.enqueue({ name: 'report', data: { incidentId, by: body.user.id } }, `report-${incidentId}`);
    await ack();
  });
}
