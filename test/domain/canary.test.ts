import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canaryLine, canaryVerdict, compareCanary, formatDriftTable, normaliseTradeList, parseCanaryOutput, parsePerformanceMetrics, type CanaryMetrics,
} from '../../src/domain/canary.js';
import { defaultCanary } from '../../src/domain/maintenance-policy.js';

const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);
const good: CanaryMetrics = { totalReturn: 0.1234, maxDrawdown: 0.0456, sharpeRatio: 1.25, tradeCount: 12, tradeListDigest: DIGEST_A };

describe('reading the backtest system’s files', () => {
  it('takes total_return, max_drawdown and sharpe_ratio from performance_metrics.json, Python NaN included', () => {
    const text = '\uFEFF{\n  "total_return": 0.1234,\n  "annualized_return": 0.0,\n  "sharpe_ratio": NaN,\n  "max_drawdown": -Infinity,\n  "win_rate": 0.5\n}';
    expect(parsePerformanceMetrics(text)).toEqual({ ok: true, value: { totalReturn: 0.1234 } });
  });

  it.each([['not json', 'performance metrics are not JSON'], ['[1, 2]', 'performance metrics are not a JSON object']])('refuses %j', (text, why) => {
    const parsed = parsePerformanceMetrics(text);
    expect(parsed.ok ? '' : parsed.error).toContain(why);
  });

  it('normalises the trade list so only a change of trade changes it', () => {
    const windows = '\uFEFFsymbol,entry_date,pnl\r\n8306.T,2024-01-05,1200\r\n8306.T,2024-02-01,-300\r\n\r\n';
    const unix = 'symbol,entry_date,pnl\n8306.T,2024-01-05,1200\n8306.T,2024-02-01,-300\n';
    expect(normaliseTradeList(windows)).toEqual({ canonical: unix, rows: 2 });
    expect(normaliseTradeList(unix)).toEqual(normaliseTradeList(windows));
    expect(normaliseTradeList('symbol,pnl\n')).toEqual({ canonical: 'symbol,pnl\n', rows: 0 });
    expect(normaliseTradeList('')).toEqual({ canonical: '', rows: 0 });
  });

  it('reads back the metrics line, the last one winning', () => {
    const output = `${canaryLine({ tradeCount: 1 })}\nmore output\n${canaryLine(good)}\n`;
    expect(parseCanaryOutput(output)).toEqual({ ok: true, value: good });
  });

  it.each([
    ['no line', 'nothing here', 'the golden run printed no metrics line'],
    ['broken JSON', 'klaxon-canary-metrics: {', 'the metrics line is not JSON'],
    ['a wrong field', 'klaxon-canary-metrics: {"tradeCount":-1}', 'the metrics line is malformed'],
    ['an unknown field', 'klaxon-canary-metrics: {"profit":1}', 'the metrics line is malformed'],
  ])('refuses %s', (_what, output, why) => {
    const parsed = parseCanaryOutput(output);
    expect(parsed.ok ? '' : parsed.error).toContain(why);
  });
});

describe('compareCanary', () => {
  const tolerance = defaultCanary.tolerance;

  it('finds no drift in an identical run', () => {
    const result = compareCanary(good, good, tolerance);
    expect(result.drifted).toBe(false);
    expect(result.rows.map((r) => r.metric)).toEqual(['totalReturn', 'maxDrawdown', 'sharpeRatio', 'tradeCount', 'tradeListDigest']);
  });

  it.each([
    ['total return within tolerance', { totalReturn: 0.1234 + 0.0001 }, []],
    ['total return beyond tolerance', { totalReturn: 0.1236 }, ['totalReturn']],
    ['one trade more', { tradeCount: 13 }, ['tradeCount']],
    ['the same count, other trades', { tradeListDigest: DIGEST_B }, ['tradeListDigest']],
    ['a metric that went missing', { sharpeRatio: undefined }, ['sharpeRatio']],
  ] as const)('%s', (_what, change, drifted) => {
    const result = compareCanary(good, { ...good, ...change }, tolerance);
    expect(result.rows.filter((r) => r.drifted).map((r) => r.metric)).toEqual(drifted);
    expect(result.drifted).toBe(drifted.length > 0);
  });

  it('compares only what the tolerance names, and skips what neither run has', () => {
    const result = compareCanary({ tradeCount: 3 }, { tradeCount: 3, totalReturn: 5 }, { tradeCount: 0, sharpeRatio: 0.1 });
    expect(result.rows.map((r) => r.metric)).toEqual(['tradeCount']);
  });

  it('is symmetric and never drifts a run from itself', () => {
    const metrics = fc.record({ totalReturn: fc.double({ min: -1, max: 1, noNaN: true }), tradeCount: fc.nat(1000) }, { requiredKeys: [] });
    fc.assert(
      fc.property(metrics, metrics, (a, b) => {
        expect(compareCanary(a, a, tolerance).drifted).toBe(false);
        expect(compareCanary(a, b, tolerance).drifted).toBe(compareCanary(b, a, tolerance).drifted);
      }),
    );
  });
});

describe('formatDriftTable', () => {
  it('shows before, after, difference and tolerance, drifted rows marked', () => {
    const rows = compareCanary(good, { ...good, totalReturn: 0.1534, tradeCount: 14, tradeListDigest: DIGEST_B }, defaultCanary.tolerance).rows;
    expect(formatDriftTable(rows, 'en')).toBe(
      [
        'Metric        Last good     This run      Difference  Tolerance',
        'Total return  0.1234        0.1534        +0.03       ±0.0001    ⚠',
        'Max drawdown  0.0456        0.0456        0           ±0.0001    ✓',
        'Sharpe ratio  1.25          1.25          0           ±0.001     ✓',
        'Trades        12            14            +2          ±0         ⚠',
        'Trade list    aaaaaaaaaaaa  bbbbbbbbbbbb              exact      ⚠',
      ].join('\n'),
    );
  });

  it('lines up Japanese labels by display width', () => {
    const table = formatDriftTable(compareCanary({ tradeCount: 1 }, { tradeCount: 2 }, { tradeCount: 0 }).rows, 'ja');
    expect(table.split('\n')).toEqual(['指標    前回正常  今回  差  許容差', '取引数  1         2     +1  ±0      ⚠']);
  });
});

describe('canaryVerdict', () => {
  const baseline = { metrics: good, at: 1, runId: 'r0' };
  it.each([
    ['no metrics', { ok: false as const, error: 'the golden run printed no metrics line' }, baseline, 'failed'],
    ['the first metrics', { ok: true as const, value: good }, undefined, 'baseline'],
    ['the same metrics', { ok: true as const, value: good }, baseline, 'good'],
    ['one trade more', { ok: true as const, value: { ...good, tradeCount: 13 } }, baseline, 'drift'],
  ])('%s → %s', (_what, metrics, base, verdict) => {
    expect(canaryVerdict(metrics, base, defaultCanary.tolerance).verdict).toBe(verdict);
  });
});
