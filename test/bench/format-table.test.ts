import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bench/format-table.js';

describe('formatTable', () => {
  it('aligns names left and values right, one row per figure', () => {
    const table = formatTable([
      { name: 'short', value: 1.5, unit: 'ms', target: '< 50 ms' },
      { name: 'a longer name', value: 1234, unit: 'events/s' },
    ]);
    expect(table.split('\n')).toEqual([
      'figure         value  unit      target',
      '-------------  -----  --------  -------',
      'short            1.5  ms        < 50 ms',
      'a longer name   1234  events/s',
    ]);
  });
});
