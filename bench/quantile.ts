// Nearest-rank quantiles over latency samples, and the p50/p99/max figures every latency bench reports.
import type { BenchFigure } from './figure.js';

/** The nearest-rank quantile (0..1) of samples sorted ascending; NaN for no samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface LatencyTargets {
  readonly p50?: string;
  readonly p99?: string;
  readonly max?: string;
}

/** p50, p99 and max in ms of `samples` under the name `name`. */
export function latencyFigures(name: string, samples: readonly number[], targets: LatencyTargets = {}): BenchFigure[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const figure = (label: keyof LatencyTargets, value: number): BenchFigure => ({
    name: `${name} ${label}`,
    value: round2(value),
    unit: 'ms',
    ...(targets[label] !== undefined ? { target: targets[label] } : {}),
  });
  return [figure('p50', quantile(sorted, 0.5)), figure('p99', quantile(sorted, 0.99)), figure('max', sorted.at(-1) ?? Number.NaN)];
}
