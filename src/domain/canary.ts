// The golden-run canary: a pinned reference backtest whose results must not move. This is the pure part —
// reading the metrics the backtest system writes, comparing them with the last good run within the
// policy's tolerance, and the before/after table a drift incident shows.
import { z } from 'zod';
import type { Instant } from './incident.js';
import type { Locale } from './locale.js';
import { CANARY_METRICS, type CanaryMetric, type CanaryTolerance, type NumericCanaryMetric } from './maintenance-policy.js';
import { err, ok, type Result } from './result.js';

export interface CanaryMetrics {
  readonly totalReturn?: number;
  readonly maxDrawdown?: number;
  readonly sharpeRatio?: number;
  readonly tradeCount?: number;
  /** sha256 (hex) of the normalised trade list (see normaliseTradeList). */
  readonly tradeListDigest?: string;
}

/** The last good run klaxon keeps: what later runs are compared with. */
export interface CanaryBaseline {
  readonly metrics: CanaryMetrics;
  readonly at: Instant;
  readonly runId: string;
  /** The host's reproducibility snapshot taken with it (commit, config digests, package versions). */
  readonly snapshot?: string;
}

/** Where the backtest system's files put each metric (its performance_metrics.json keys). */
const PERFORMANCE_KEYS: readonly (readonly [NumericCanaryMetric, string])[] = [
  ['totalReturn', 'total_return'],
  ['maxDrawdown', 'max_drawdown'],
  ['sharpeRatio', 'sharpe_ratio'],
];

// Python's json.dump writes NaN and ±Infinity as bare words (a zero-volatility run has no Sharpe ratio).
const PYTHON_NON_FINITE = /(?<=[:,[]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g;

/**
 * Reads the numbers of a performance_metrics.json (total_return, max_drawdown, sharpe_ratio); a NaN or
 * infinite value is left out, as is any key the file lacks.
 * @example parsePerformanceMetrics('{"total_return": 0.12, "sharpe_ratio": NaN}') //=> { ok: true, value: { totalReturn: 0.12 } }
 */
export function parsePerformanceMetrics(text: string): Result<CanaryMetrics, string> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '').replace(PYTHON_NON_FINITE, 'null'));
  } catch (error) {
    return err(`performance metrics are not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return err('performance metrics are not a JSON object');
  const record = data as Record<string, unknown>;
  const metrics: Record<string, number> = {};
  for (const [metric, key] of PERFORMANCE_KEYS) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) metrics[metric] = value;
  }
  return ok(metrics);
}

/**
 * The trade list (all_transactions.csv) in a form that only changes when a trade does: byte-order mark,
 * line endings and trailing blank lines dropped. `rows` counts the trades (the lines after the header).
 * @example normaliseTradeList('\uFEFFsymbol,pnl\r\n8306.T,1200\r\n\r\n') //=> { canonical: 'symbol,pnl\n8306.T,1200\n', rows: 1 }
 */
export function normaliseTradeList(text: string): { readonly canonical: string; readonly rows: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return { canonical: lines.length === 0 ? '' : `${lines.join('\n')}\n`, rows: Math.max(0, lines.length - 1) };
}

/** The one output line the golden-run command ends with; klaxon reads the metrics from it. */
export const CANARY_LINE_PREFIX = 'klaxon-canary-metrics: ';

const metricsSchema = z.strictObject({
  totalReturn: z.number().optional(),
  maxDrawdown: z.number().optional(),
  sharpeRatio: z.number().optional(),
  tradeCount: z.number().int().nonnegative().optional(),
  tradeListDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export const canaryLine = (metrics: CanaryMetrics): string => `${CANARY_LINE_PREFIX}${JSON.stringify(metrics)}`;

/**
 * The metrics of a golden run from its output (the last metrics line wins; the output's tail is always kept).
 * @example parseCanaryOutput('…\nklaxon-canary-metrics: {"tradeCount":4}\n') //=> { ok: true, value: { tradeCount: 4 } }
 */
export function parseCanaryOutput(output: string): Result<CanaryMetrics, string> {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(CANARY_LINE_PREFIX));
  if (line === undefined) return err('the golden run printed no metrics line');
  try {
    const parsed = metricsSchema.safeParse(JSON.parse(line.slice(CANARY_LINE_PREFIX.length)));
    return parsed.success ? ok(parsed.data) : err(`the metrics line is malformed: ${parsed.error.issues[0]?.message ?? ''}`);
  } catch {
    return err('the metrics line is not JSON');
  }
}

export interface DriftRow {
  readonly metric: CanaryMetric;
  readonly before: number | string | undefined;
  readonly after: number | string | undefined;
  /** after − before, for numbers both runs have. */
  readonly difference?: number;
  /** The allowed absolute difference, or 'exact' for the trade list digest. */
  readonly tolerance: number | 'exact';
  readonly drifted: boolean;
}

export interface CanaryComparison {
  readonly drifted: boolean;
  readonly rows: readonly DriftRow[];
}

// Differences within a few ulps of the tolerance are rounding in the subtraction, not drift.
const EPSILON = 1e-12;

/**
 * Compares a run with the last good one, metric by metric, for the metrics the tolerance names. A metric
 * one run has and the other lacks has drifted; one neither has is not compared.
 * @example compareCanary({ tradeCount: 4 }, { tradeCount: 5 }, { tradeCount: 0 }).drifted //=> true
 */
export function compareCanary(before: CanaryMetrics, after: CanaryMetrics, tolerance: CanaryTolerance): CanaryComparison {
  const rows: DriftRow[] = [];
  for (const metric of CANARY_METRICS) {
    const allowed = tolerance[metric];
    if (allowed === undefined || allowed === false) continue;
    const [b, a] = [before[metric], after[metric]];
    if (b === undefined && a === undefined) continue;
    if (metric === 'tradeListDigest') {
      rows.push({ metric, before: b, after: a, tolerance: 'exact', drifted: b !== a });
      continue;
    }
    const limit = allowed as number;
    if (typeof b !== 'number' || typeof a !== 'number') {
      rows.push({ metric, before: b, after: a, tolerance: limit, drifted: true });
      continue;
    }
    const difference = a - b;
    rows.push({ metric, before: b, after: a, difference, tolerance: limit, drifted: Math.abs(difference) > limit + EPSILON });
  }
  return { drifted: rows.some((r) => r.drifted), rows };
}

const LABELS: Readonly<Record<CanaryMetric, Readonly<Record<Locale, string>>>> = {
  totalReturn: { en: 'Total return', ja: '総収益率' },
  maxDrawdown: { en: 'Max drawdown', ja: '最大ドローダウン' },
  sharpeRatio: { en: 'Sharpe ratio', ja: 'シャープレシオ' },
  tradeCount: { en: 'Trades', ja: '取引数' },
  tradeListDigest: { en: 'Trade list', ja: '取引一覧' },
};

const HEADINGS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Metric', 'Last good', 'This run', 'Difference', 'Tolerance', ''],
  ja: ['指標', '前回正常', '今回', '差', '許容差', ''],
};

const number = (value: number): string => (Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, ''));
const shown = (value: number | string | undefined): string =>
  value === undefined ? '—' : typeof value === 'number' ? number(value) : value.slice(0, 12);

// East Asian wide characters take two columns in Slack's monospace font.
const width = (text: string): number => [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));

/**
 * The before/after table as monospace text (a Slack code block keeps its columns).
 * @example formatDriftTable(compareCanary({ tradeCount: 4 }, { tradeCount: 5 }, { tradeCount: 0 }).rows, 'en')
 */
export function formatDriftTable(rows: readonly DriftRow[], locale: Locale): string {
  const table = [
    HEADINGS[locale],
    ...rows.map((r) => [
      LABELS[r.metric][locale],
      shown(r.before),
      shown(r.after),
      r.difference === undefined ? '' : `${r.difference > 0 ? '+' : ''}${number(r.difference)}`,
      r.tolerance === 'exact' ? (locale === 'ja' ? '完全一致' : 'exact') : `±${number(r.tolerance)}`,
      r.drifted ? '⚠' : '✓',
    ]),
  ];
  const widths = HEADINGS[locale].map((_, column) => Math.max(...table.map((row) => width(row[column] ?? ''))));
  return table.map((row) => row.map((cell, column) => pad(cell, widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

export type CanaryVerdict =
  | { readonly verdict: 'failed'; readonly error: string }
  | { readonly verdict: 'baseline' }
  | { readonly verdict: 'good' | 'drift'; readonly comparison: CanaryComparison };

/**
 * What a golden run means: no metrics is a failed canary; the first metrics become the reference; after
 * that, a drift beyond the tolerance or a match.
 * @example canaryVerdict({ tradeCount: 4 }, undefined, tolerance) //=> { verdict: 'baseline' }
 */
export function canaryVerdict(metrics: Result<CanaryMetrics, string>, baseline: CanaryBaseline | undefined, tolerance: CanaryTolerance): CanaryVerdict {
  if (!metrics.ok) return { verdict: 'failed', error: metrics.error };
  if (baseline === undefined) return { verdict: 'baseline' };
  const comparison = compareCanary(baseline.metrics, metrics.value, tolerance);
  return { verdict: comparison.drifted ? 'drift' : 'good', comparison };
}

/** The link under which the open drift incident is found: later drifts join it instead of opening more. */
export const CANARY_DRIFT_LINK = 'canary:drift';
