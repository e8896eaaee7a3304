// The response metrics as a plain-text table for a terminal (`klaxon stats`): aligned columns, medians as
// people say durations, and the targets met as counts and a share.
import type { MetricsRow } from './response-metrics.js';
import { formatDuration } from './time.js';

export const METRICS_COLUMNS = ['month', 'severity', 'incidents', 'acknowledge', 'recover', 'close', 'response met', 'recovery met', 'targets met'] as const;

const optional = (ms: number | undefined): string => (ms === undefined ? '—' : formatDuration(ms));
const share = (value: number | undefined): string => (value === undefined ? '—' : `${Math.round(value * 100)} %`);

/** One row's cells in METRICS_COLUMNS order (durations are medians). */
export function metricsCells(row: MetricsRow): string[] {
  return [
    row.month,
    row.severity,
    String(row.incidents),
    optional(row.acknowledgeMedianMs),
    optional(row.recoverMedianMs),
    optional(row.closeMedianMs),
    `${row.responseMet}/${row.responseJudged}`,
    `${row.recoveryMet}/${row.recoveryJudged}`,
    share(row.targetsMetShare),
  ];
}

/** The rows as an aligned table with a header, or a sentence when there is nothing to show. */
export function metricsTable(rows: readonly MetricsRow[]): string {
  if (rows.length === 0) return 'No incidents in this period.\n';
  const table = [[...METRICS_COLUMNS], ...rows.map(metricsCells)];
  const widths = METRICS_COLUMNS.map((_, i) => Math.max(...table.map((cells) => [...(cells[i] ?? '')].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(table[0] ?? []), ...table.slice(1).map(line)].join('\n')}\n(acknowledge, recover, close: median time from the declaration)\n`;
}
