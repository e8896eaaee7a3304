import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCron } from '../../src/domain/cron.js';

describe('checkCron', () => {
  it.each([
    ['0 6 * * 1', '0 6 * * 1'],
    ['0 7 1 * *', '0 7 1 * *'],
    ['*/2 * * * *', '*/2 * * * *'],
    ['*/5 * * * * *', '*/5 * * * * *'],
    ['0  9-18/3 * jan-mar mon,wed,fri', '0 9-18/3 * jan-mar mon,wed,fri'],
    ['0 0 ? * 7', '0 0 ? * 7'],
  ])('accepts %j', (pattern, normalised) => {
    expect(checkCron(pattern)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    ['0 25 * * *', 'hour: "25" is not in 0–23'],
    ['0 6 * *', 'expected 5 fields (minute hour day month weekday) or 6 with seconds first, got 4'],
    ['60 * * * *', 'minute: "60" is not in 0–59'],
    ['0 6 0 * *', 'day of month: "0" is not in 1–31'],
    ['*/0 * * * *', 'minute: "*/0": the step must be a whole number above 0'],
    ['0 6 * * 5-1', 'day of week: "5-1" runs backwards'],
    ['0 6 * * mon,', 'day of week: an empty list element'],
    ['0 6 * * funday', 'day of week: "funday" is not in 0–7 or a name'],
    ['@weekly', 'expected 5 fields (minute hour day month weekday) or 6 with seconds first, got 1'],
    ['? 6 * * *', 'minute: "?" is not in 0–59'],
  ])('refuses %j: %s', (pattern, why) => {
    expect(checkCron(pattern)).toEqual({ ok: false, error: why });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof checkCron(text).ok === 'boolean'));
  });
});
