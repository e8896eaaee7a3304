// Modal submissions: declare, post an update, close with the §9.1 report fields.
import type { App, ViewStateValue } from '@slack/bolt';
import { apply } from '../../app/apply.js';
import { declare } from '../../app/declare.js';
import type { Services } from '../../app/services.js';
import type { ReportFields } from '../../domain/incident.js';
import { closeIncident, postUpdate, requiredReportFields } from '../../domain/lifecycle.js';
import { parseSeverity } from '../../domain/severity.js';
import { explain, type Problem } from '../explain.js';
import { CALLBACK, INPUT, reportInput, type InputId } from '../ids.js';
import { statusUpdate } from '../views/status-update.js';
import { actorFrom } from './context.js';

type Values = Record<string, Record<string, ViewStateValue>>;

const read = (values: Values, id: InputId): string | undefined => {
  const state = values[id.block]?.[id.action];
  const value = state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

const REPORT_FIELDS: readonly (keyof ReportFields)[] = ['summary', 'detectionMethod', 'impact', 'actions', 'rootCause', 'prevention', 'followUp'];

export function registerModals(app: App, services: Services): void {
  const { locale } = services.config;

  app.view(CALLBACK.declare, async ({ ack, view, body, client }) => {
    const values = view.state.values as Values;
    const severity = parseSeverity(read(values, INPUT.severity) ?? '');
    const title = read(values, INPUT.title);
    const errors: Record<string, string> = {};
    if (!severity.ok) errors[INPUT.severity.block] = locale === 'ja' ? '重要度を選んでください' : 'Choose a severity';
    if (!title) errors[INPUT.title.block] = locale === 'ja' ? 'タイトルを入力してください' : 'Give it a title';
    if (!severity.ok || !title) return ack({ response_action: 'errors', errors });
    const origin = view.private_metadata || undefined;
    const declared = await declare(services, {
      severity: severity.value, title, source: 'slack', by: body.user.id, key: `view-${view.id}`,
      ...(origin ? { origin: { channel: origin, user: body.user.id } } : {}),
    });
    if (!declared.ok) return ack({ response_action: 'errors', errors: { [INPUT.title.block]: declared.error.message } });
    await ack();
    services.logger.debug({ incident: declared.value.id, via: 'modal' }, 'declared from the modal');
    void client;
  });

  app.view(CALLBACK.update, async ({ ack, view, body }) => {
    const text = read(view.state.values as Values, INPUT.updateText);
    if (!text) return ack({ response_action: 'errors', errors: { [INPUT.updateText.block]: locale === 'ja' ? '本文を入力してください' : 'Write the update' } });
    await ack();
    const incidentId = view.private_metadata;
    const key = `view-${view.id}`;
    const result = await apply(services, incidentId, (i) => postUpdate(i, text, actorFrom(services, body.user.id, key)), key);
    if (!result.ok || result.value.duplicate) return;
    await services.store.setLink(incidentId, 'latestUpdate', JSON.stringify({ text, by: body.user.id, at: services.now() }));
    const message = statusUpdate({ incident: result.value.incident, text, by: body.user.id, locale });
    await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'incident', message } }, `update-incident-${view.id}`);
    await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'stakeholders', message } }, `update-stakeholders-${view.id}`);
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
    const missing = requiredReportFields(incident.severity).filter((f) => !fields[f]);
    if (missing.length > 0) {
      const required = locale === 'ja' ? '必須項目です' : 'Required for this severity';
      return ack({ response_action: 'errors', errors: Object.fromEntries(missing.map((f) => [reportInput(f).block, required])) });
    }
    const key = `close-${view.id}`;
    const close = () => apply(services, incidentId, (i) => closeIncident(i, fields, actorFrom(services, body.user.id, key)), key);
    let result = await close();
    // A re-submission racing the first one can see the incident closed before the first one's idempotency
    // record; one more try reads that record and counts as the same close.
    if (!result.ok && result.error.code === 'closed') result = await close();
    if (!result.ok) {
      const message = explain(result.error as Problem, locale).text;
      return ack({ response_action: 'errors', errors: { [reportInput(missing[0] ?? 'summary').block]: message } });
    }
    await ack();
    await services.producers.enqueueSlack({ name: 'report', data: { incidentId, by: body.user.id } }, `report-${incidentId}`);
  });
}
