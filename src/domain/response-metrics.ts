// How fast the team responds (runbook §1.2), month by month and by severity: the time from declaration to the
// first response (acknowledge), to recovery and to the close, and the share of the two targets met. Pure: the
// incidents, the targets, the zone that draws month lines and the instant "now" are parameters. Only ids and
// severities enter the figures, never titles, so they may be shown to anyone.
import { TZDate } from '@date-fns/tz';
import type { Incident, Instant } from './incident.js';
import { SEVERITIES, type Severity } from './severity.js';
import { metTarget, type SlaTargets } from './sla.js';
import { formatInstant } from './time.js';

/** `yyyy-MM`. */
export type Month = string;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (text: string): boolean => MONTH.test(text);
export const monthOf = (at: Instant, timeZone: string): Month => formatInstant(at, timeZone, 'yyyy-MM');

/** The month's first instant and the next month's, in the team's zone. */
export function monthRange(month: Month, timeZone: string): { readonly from: Instant; readonly to: Instant } {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return { from: new TZDate(y, m - 1, 1, timeZone).getTime(), to: new TZDate(y, m, 1, timeZone).getTime() };
}

/** The month before `month`. */
export function previousMonth(month: Month): Month {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** One incident's figures; a target is judged once reached or once its due instant has passed. */
export interface IncidentMeasure {
  readonly incidentId: string;
  readonly severity: Severity;
  readonly month: Month;
  readonly acknowledgeMs?: number;
  readonly recoverMs?: number;
  readonly closeMs?: number;
  readonly responseMet?: boolean;
  readonly recoveryMet?: boolean;
}

function judged(takenMs: number | undefined, targetMinutes: number, elapsedMs: number): boolean | undefined {
  if (takenMs !== undefined) return metTarget(takenMs, targetMinutes);
  return metTarget(elapsedMs, targetMinutes) ? undefined : false;
}

export function measureIncident(incident: Incident, targets: SlaTargets, now: Instant, timeZone: string): IncidentMeasure {
  const from = incident.declaredAt;
  const acknowledgeMs = incident.status === 'declared' ? undefined : incident.acknowledgedAt - from;
  const recoverMs = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt - from : undefined;
  const closeMs = incident.status === 'closed' ? incident.closedAt - from : undefined;
  const responseMet = judged(acknowledgeMs, targets.responseMinutes, now - from);
  const recoveryMet = judged(recoverMs, targets.recoveryMinutes, now - from);
  return {
    incidentId: incident.id,
    severity: incident.severity,
    month: monthOf(from, timeZone),
    ...(acknowledgeMs === undefined ? {} : { acknowledgeMs }),
    ...(recoverMs === undefined ? {} : { recoverMs }),
    ...(closeMs === undefined ? {} : { closeMs }),
    ...(responseMet === undefined ? {} : { responseMet }),
    ...(recoveryMet === undefined ? {} : { recoveryMet }),
  };
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface MetricsRow {
  readonly month: Month;
  /** `all`: every severity of the month together. */
  readonly severity: Severity | 'all';
  readonly incidents: number;
  readonly acknowledgeMedianMs?: number;
  readonly recoverMedianMs?: number;
  readonly closeMedianMs?: number;
  readonly responseMet: number;
  readonly responseJudged: number;
  readonly recoveryMet: number;
  readonly recoveryJudged: number;
  /** (response met + recovery met) / (targets judged); undefined when none was judged yet. */
  readonly targetsMetShare?: number;
}

function row(month: Month, severity: Severity | 'all', measures: readonly IncidentMeasure[]): MetricsRow {
  const values = (pick: (m: IncidentMeasure) => number | undefined): number[] => measures.flatMap((m) => (pick(m) === undefined ? [] : [pick(m) as number]));
  const count = (pick: (m: IncidentMeasure) => boolean | undefined, value: boolean): number => measures.filter((m) => pick(m) === value).length;
  const responseMet = count((m) => m.responseMet, true);
  const recoveryMet = count((m) => m.recoveryMet, true);
  const responseJudged = responseMet + count((m) => m.responseMet, false);
  const recoveryJudged = recoveryMet + count((m) => m.recoveryMet, false);
  const judgedTotal = responseJudged + recoveryJudged;
  const ack = median(values((m) => m.acknowledgeMs));
  const recover = median(values((m) => m.recoverMs));
  const close = median(values((m) => m.closeMs));
  return {
    month,
    severity,
    incidents: measures.length,
    ...(ack === undefined ? {} : { acknowledgeMedianMs: ack }),
    ...(recover === undefined ? {} : { recoverMedianMs: recover }),
    ...(close === undefined ? {} : { closeMedianMs: close }),
    responseMet,
    responseJudged,
    recoveryMet,
    recoveryJudged,
    ...(judgedTotal === 0 ? {} : { targetsMetShare: (responseMet + recoveryMet) / judgedTotal }),
  };
}

/**
 * One row per month and severity that had incidents, months in order, then an `all` row per month.
 * @example responseMetrics(incidents, policy.sla, now, 'Asia/Tokyo') //=> [{ month: '2026-03', severity: 'critical', incidents: 2, … }, …]
 */
export function responseMetrics(
  incidents: readonly Incident[],
  sla: Readonly<Record<Severity, SlaTargets>>,
  now: Instant,
  timeZone: string,
): MetricsRow[] {
  const measures = incidents.map((incident) => measureIncident(incident, sla[incident.severity], now, timeZone));
  const months = [...new Set(measures.map((m) => m.month))].sort();
  return months.flatMap((month) => {
    const ofMonth = measures.filter((m) => m.month === month);
    const bySeverity = SEVERITIES.flatMap((severity) => {
      const group = ofMonth.filter((m) => m.severity === severity);
      return group.length === 0 ? [] : [row(month, severity, group)];
    });
    return [...bySeverity, row(month, 'all', ofMonth)];
  });
}
