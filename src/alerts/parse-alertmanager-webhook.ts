// Prometheus Alertmanager's webhook (version 4): a group of alerts per request, each with its fingerprint.
import { z } from 'zod';
import type { Instant } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import { alertLevel } from './alert-level.js';
import { parseAlertTime } from './alert-time.js';
import { firstIssue } from './first-issue.js';
import { alertTitle, fingerprintOf, type IncomingAlert } from './incoming-alert.js';

const labels = z.record(z.string(), z.string());
const status = z.enum(['firing', 'resolved']);

const schema = z.looseObject({
  version: z.literal('4', { error: 'only webhook version "4" is understood' }).optional(),
  receiver: z.string().max(200).optional(),
  status,
  alerts: z
    .array(
      z.looseObject({
        status,
        labels,
        annotations: labels.optional(),
        startsAt: z.string().max(64),
        endsAt: z.string().max(64).optional(),
        fingerprint: z.string().max(200).optional(),
        generatorURL: z.string().optional(),
      }),
    )
    .min(1, 'the webhook carries no alerts')
    .max(1000),
});

// Alertmanager before 0.20 sent no fingerprint; the sorted label set identifies an alert just as well.
const labelFingerprint = (set: Readonly<Record<string, string>>): string =>
  Object.keys(set)
    .sort()
    .map((name) => `${name}=${set[name]}`)
    .join(',');

/**
 * Validates and normalises every alert of one Alertmanager notification.
 * @example parseAlertmanagerWebhook({ version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'Down' }, startsAt: '…' }] }, ctx)
 */
export function parseAlertmanagerWebhook(body: unknown, context: { readonly timeZone: string; readonly now: Instant }): Result<IncomingAlert[], string> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return err(firstIssue(parsed.error));
  const sender = `alertmanager/${parsed.data.receiver?.trim() || 'default'}`;
  const alerts: IncomingAlert[] = [];
  for (const [n, alert] of parsed.data.alerts.entries()) {
    const startsAt = parseAlertTime(alert.startsAt, context.timeZone);
    if (!startsAt.ok) return err(`alerts.${n}.startsAt: ${startsAt.error}`);
    const endsAt = alert.endsAt ? parseAlertTime(alert.endsAt, context.timeZone) : undefined;
    const resolvedAt = endsAt?.ok && endsAt.value > startsAt.value ? endsAt.value : context.now;
    const annotations = alert.annotations ?? {};
    const name = alert.labels['alertname'];
    const summary = annotations['summary'] ?? annotations['title'] ?? annotations['description'];
    const fingerprint = alert.fingerprint?.trim() ? fingerprintOf('am', alert.fingerprint.trim()) : fingerprintOf('am', labelFingerprint(alert.labels), 'labels');
    alerts.push({
      sender,
      fingerprint,
      occurrence: alert.startsAt,
      alertId: alert.fingerprint?.trim() || fingerprint,
      origin: `alertmanager/${name ?? 'alert'}`,
      title: alertTitle([name && summary ? `${name}: ${summary}` : (summary ?? name)]),
      level: alertLevel(alert.labels['severity']),
      status: alert.status,
      at: alert.status === 'resolved' ? resolvedAt : startsAt.value,
    });
  }
  return ok(alerts);
}
