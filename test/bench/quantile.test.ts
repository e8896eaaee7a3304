import { describe, expect, it } from 'vitest';
import { latencyFigures, quantile } from '../../bench/quantile.js';

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('latencyFigures', () => {
  it('reports p50, p99 and max of unsorted samples in ms, with the targets given', () => {
    const figures = latencyFigures('ack', [30, 10, 20.123], { p99: '< 300 ms' });
    expect(figures).toEqual([
      { name: 'ack p50', value: 20.12, unit: 'ms' },
      { name: 'ack p99', value: 30, unit: 'ms', target: '< 300 ms' },
      { name: 'ack max', value: 30, unit: 'ms' },
    ]);
  });
});
