// The response metrics read from the store: a month's table (or every month's), every incident's figures for
// the Prometheus histograms, and the monthly summary to the ops channel, fired once a month by a repeating
// clock job (one firing for all replicas; the summary's effect id names the month, so a retry posts once).
import type { Policy } from '../domain/policy.js';
import {
  measureIncident, monthOf, monthRange, previousMonth, responseMetrics, type IncidentMeasure, type MetricsRow, type Month,
} from '../domain/response-metrics.js';
import type { IncidentStore } from './ports.js';
import type { Services } from './services.js';

export interface StatsDeps {
  readonly store: Pick<IncidentStore, 'listDeclared'>;
  readonly policy: Policy;
  readonly timeZone: string;
}

/** The repeating job: 09:00 on the first of every month, in the team's zone. */
export const MONTHLY_SUMMARY = { id: 'monthly-summary', cron: '0 9 1 * *' } as const;

/** One month's rows (declared in that month in the team's zone), or every month's when none is given. */
export async function monthStats(deps: StatsDeps, month: Month | undefined, now: number): Promise<MetricsRow[]> {
  const range = month === undefined ? { from: 0, to: now + 1 } : monthRange(month, deps.timeZone);
  const incidents = await deps.store.listDeclared(range.from, range.to);
  return responseMetrics(incidents, deps.policy.sla, now, deps.timeZone);
}

/** Every incident's figures (ids and severities only), for the histograms. */
export async function allMeasures(deps: StatsDeps, now: number): Promise<IncidentMeasure[]> {
  const incidents = await deps.store.listDeclared(0, now + 1);
  return incidents.map((incident) => measureIncident(incident, deps.policy.sla[incident.severity], now, deps.timeZone));
}

export async function scheduleMonthlySummary(services: Services): Promise<void> {
  await services.clockJobs.repeat(MONTHLY_SUMMARY.id, MONTHLY_SUMMARY.cron, services.config.timeZone, { name: 'monthly-summary', data: {} });
}

/** A firing at `dueAt` summarises the month before it. */
export async function fireMonthlySummary(services: Services, dueAt: number): Promise<Month> {
  const month = previousMonth(monthOf(dueAt, services.config.timeZone));
  await services.effects.enqueue({ name: 'monthly-summary', data: { month } }, `monthly-summary-${month}`);
  return month;
}
