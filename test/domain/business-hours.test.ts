import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, nextBusinessOpening, type BusinessCalendar } from '../../src/domain/business-hours.js';

const OFFICE: BusinessCalendar = { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' };
const SUNDAY_NIGHT: BusinessCalendar = { days: [7], open: '02:30', close: '04:00' };
const utc = (iso: string): number => Date.parse(iso);

describe('isWithinBusinessHours', () => {
  it.each([
    ['Asia/Tokyo', 'Monday 09:00 JST opens', '2026-01-05T00:00:00Z', OFFICE, true],
    ['Asia/Tokyo', 'Monday 17:59 JST', '2026-01-05T08:59:00Z', OFFICE, true],
    ['Asia/Tokyo', 'Monday 18:00 JST is closed', '2026-01-05T09:00:00Z', OFFICE, false],
    ['Asia/Tokyo', 'Saturday', '2026-01-03T03:00:00Z', OFFICE, false],
    ['Asia/Tokyo', 'a holiday (Thursday 1 Jan)', '2026-01-01T03:00:00Z', { ...OFFICE, holidays: ['2026-01-01'] }, false],
    ['Asia/Tokyo', 'Monday 08:59 JST is Sunday in UTC, still Monday locally', '2026-01-04T23:59:00Z', OFFICE, false],
    ['Europe/Berlin', 'Friday 09:00 CET before spring forward', '2026-03-27T08:00:00Z', OFFICE, true],
    ['Europe/Berlin', 'Friday 08:59 CET', '2026-03-27T07:59:00Z', OFFICE, false],
    ['Europe/Berlin', 'Monday 09:00 CEST after spring forward', '2026-03-30T07:00:00Z', OFFICE, true],
    ['Europe/Berlin', 'Monday 08:59 CEST', '2026-03-30T06:59:00Z', OFFICE, false],
    ['Europe/Berlin', 'Monday 09:00 CET after fall back', '2026-10-26T08:00:00Z', OFFICE, true],
    ['Europe/Berlin', 'the skipped hour does not exist: 01:59 CET is before 02:30', '2026-03-29T00:59:00Z', SUNDAY_NIGHT, false],
    ['Europe/Berlin', 'right after the gap, 03:00 CEST', '2026-03-29T01:00:00Z', SUNDAY_NIGHT, true],
    ['America/New_York', 'Monday 09:00 EDT after spring forward', '2026-03-09T13:00:00Z', OFFICE, true],
    ['America/New_York', 'Monday 08:00 EDT (09:00 in EST terms)', '2026-03-09T12:00:00Z', OFFICE, false],
    ['America/New_York', 'Monday 09:00 EST after fall back', '2026-11-02T14:00:00Z', OFFICE, true],
    ['America/New_York', 'Monday 08:00 EST', '2026-11-02T13:00:00Z', OFFICE, false],
  ] as const)('%s: %s', (zone, _what, at, calendar, expected) => {
    expect(isWithinBusinessHours(utc(at), calendar, zone)).toBe(expected);
  });
});

describe('nextBusinessOpening', () => {
  it.each([
    ['Asia/Tokyo', 'is now when open', '2026-01-05T02:00:00Z', OFFICE, '2026-01-05T02:00:00Z'],
    ['Asia/Tokyo', 'Saturday → Monday 09:00 JST', '2026-01-03T03:00:00Z', OFFICE, '2026-01-05T00:00:00Z'],
    ['Asia/Tokyo', 'skips holidays', '2025-12-31T10:00:00Z', { ...OFFICE, holidays: ['2026-01-01', '2026-01-02'] }, '2026-01-05T00:00:00Z'],
    ['Asia/Tokyo', 'before opening the same day', '2026-01-06T22:00:00Z', OFFICE, '2026-01-07T00:00:00Z'],
    ['Europe/Berlin', 'across spring forward: Monday 09:00 CEST', '2026-03-28T12:00:00Z', OFFICE, '2026-03-30T07:00:00Z'],
    ['Europe/Berlin', 'across fall back: Monday 09:00 CET', '2026-10-24T12:00:00Z', OFFICE, '2026-10-26T08:00:00Z'],
    ['Europe/Berlin', 'an opening in the skipped hour opens at the end of the gap', '2026-03-28T23:00:00Z', SUNDAY_NIGHT, '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', 'an opening in the repeated hour opens at its first reading', '2026-10-24T22:00:00Z', SUNDAY_NIGHT, '2026-10-25T00:30:00Z'],
    ['Europe/Berlin', 'the second reading of a repeated hour follows the gap in hours', '2026-10-25T01:10:00Z', SUNDAY_NIGHT, '2026-10-25T01:30:00Z'],
    ['America/New_York', 'across spring forward: Monday 09:00 EDT', '2026-03-06T23:30:00Z', OFFICE, '2026-03-09T13:00:00Z'],
    ['America/New_York', 'across fall back: Monday 09:00 EST', '2026-10-30T22:00:00Z', OFFICE, '2026-11-02T14:00:00Z'],
    ['America/New_York', 'an opening in the skipped hour', '2026-03-08T05:00:00Z', SUNDAY_NIGHT, '2026-03-08T07:00:00Z'],
  ] as const)('%s: %s', (zone, _what, at, calendar, expected) => {
    expect(new Date(nextBusinessOpening(utc(at), calendar, zone)).toISOString()).toBe(new Date(utc(expected)).toISOString());
  });

  it('is the first business minute at or after the instant, in any zone and season', () => {
    const zones = fc.constantFrom('Asia/Tokyo', 'Europe/Berlin', 'America/New_York');
    const calendars = fc.constantFrom<BusinessCalendar>(OFFICE, SUNDAY_NIGHT, { ...OFFICE, holidays: ['2026-03-30', '2026-11-02', '2026-12-25'] });
    const minutes = fc.integer({ min: 0, max: 366 * 24 * 60 }).map((m) => Date.UTC(2026, 0, 1) + m * 60_000);
    fc.assert(
      fc.property(minutes, calendars, zones, (at, calendar, zone) => {
        const opening = nextBusinessOpening(at, calendar, zone);
        expect(opening).toBeGreaterThanOrEqual(at);
        expect(isWithinBusinessHours(opening, calendar, zone)).toBe(true);
        if (opening > at) expect(isWithinBusinessHours(opening - 60_000, calendar, zone)).toBe(false);
      }),
      { numRuns: 500, seed: 20260329 },
    );
  });
});
