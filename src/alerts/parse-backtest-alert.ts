// The backtest system's AlertManager webhook: one alert per request, in its own JSON shape.
import { z } from 'zod';
import type { Instant } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import { alertLevel } from './alert-level.js';
import { parseAlertTime } from './alert-time.js';
import { alertTitle, fingerprintOf, type IncomingAlert } from './incoming-alert.js';
import { firstIssue } from './first-issue.js';

const word = (max: number) => z.string().max(max);
const time = z.union([z.string().max(64), z.number()]);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const schema = z.looseObject({
  alert: z.looseObject({
    alert_id: z.union([word(200).trim().min(1), z.number().transform(String)]),
    rule_id: optional(word(200)),
    title: optional(word(2000)),
    message: optional(word(20_000)),
    level: word(40),
    category: optional(word(200)),
    source: optional(word(200)),
    timestamp: optional(time),
    status: optional(word(40)),
    metadata: optional(z.record(z.string(), z.unknown())),
  }),
  timestamp: optional(time),
  source: optional(word(200)),
});

const STATUSES: Readonly<Record<string, IncomingAlert['status']>> = {
  active: 'firing', firing: 'firing', triggered: 'firing', open: 'firing', new: 'firing',
  resolved: 'resolved', cleared: 'resolved', closed: 'resolved', ok: 'resolved', inactive: 'resolved',
  acknowledged: 'ignored', suppressed: 'ignored', silenced: 'ignored',
};

/**
 * Validates and normalises one backtest alert; the error is a one-line reason for the 400 answer.
 * @example parseBacktestAlert({ alert: { alert_id: 'a1', rule_id: 'error_rate', title: 'Errors', level: 'critical' } }, ctx)
 */
export function parseBacktestAlert(body: unknown, context: { readonly timeZone: string; readonly now: Instant }): Result<IncomingAlert[], string> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return err(firstIssue(parsed.error));
  const { alert, source } = parsed.data;
  const statusWord = (alert.status ?? 'active').trim().toLowerCase();
  const status = STATUSES[statusWord];
  if (!status) return err(`alert.status: ${JSON.stringify(statusWord)} is not one of ${Object.keys(STATUSES).join(', ')}`);
  const stamp = alert.timestamp ?? parsed.data.timestamp;
  const at = stamp === undefined ? ok(context.now) : parseAlertTime(stamp, context.timeZone);
  if (!at.ok) return err(`alert.timestamp: ${at.error}`);
  const component = (alert.source ?? source ?? '').trim();
  const rule = (alert.rule_id ?? '').trim() || alert.alert_id;
  return ok([
    {
      sender: (source ?? alert.source ?? '').trim() || 'backtest',
      fingerprint: fingerprintOf('bt', component, rule),
      occurrence: alert.alert_id,
      alertId: alert.alert_id,
      origin: component ? `${component}/${rule}` : rule,
      title: alertTitle([alert.title, alert.message?.split('\n')[0], rule]),
      level: alertLevel(alert.level),
      status,
      at: at.value,
    },
  ]);
}
