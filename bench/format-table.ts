// The figures as an aligned plain-text table: name, value, unit, target.
import type { BenchFigure } from './figure.js';

export function formatTable(figures: readonly BenchFigure[]): string {
  const rows = [['figure', 'value', 'unit', 'target'], ...figures.map((f) => [f.name, String(f.value), f.unit, f.target ?? ''])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
