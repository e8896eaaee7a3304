import { describe, expect, it } from 'vitest';
import { alertLevel } from '../../src/alerts/alert-level.js';

describe('alertLevel', () => {
  it.each([
    ['critical', 'critical'],
    ['FATAL', 'critical'],
    ['high', 'high'],
    ['error', 'high'],
    ['medium', 'medium'],
    [' Warning ', 'medium'],
    ['warn', 'medium'],
    ['low', 'low'],
    ['info', 'info'],
    ['debug', 'info'],
    ['none', 'info'],
  ] as const)('maps %j to %s', (word, level) => {
    expect(alertLevel(word)).toBe(level);
  });

  it('takes an unknown or missing word as a warning, so the alert still reaches people', () => {
    expect(alertLevel('catastrophic-ish')).toBe('medium');
    expect(alertLevel(undefined)).toBe('medium');
  });
});
