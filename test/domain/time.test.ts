import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationJa, formatInstant, parseTeamTime, shortZoneName, zoneAbbreviation } from '../../src/domain/time.js';

const now = Date.UTC(2026, 2, 10, 3, 0); // 2026-03-10 12:00 in Tokyo

describe('parseTeamTime', () => {
  it.each([
    ['2026-03-10 09:40', 'Asia/Tokyo', Date.UTC(2026, 2, 10, 0, 40)],
    ['09:40', 'Asia/Tokyo', Date.UTC(2026, 2, 10, 0, 40)],
    ['13:30', 'Asia/Tokyo', Date.UTC(2026, 2, 9, 4, 30)], // still ahead today, so yesterday
    ['2026-03-08 01:30', 'America/New_York', Date.UTC(2026, 2, 8, 6, 30)], // EST, before the spring change
    ['2026-03-08 03:30', 'America/New_York', Date.UTC(2026, 2, 8, 7, 30)], // EDT, after it
  ])('reads %s in %s', (text, zone, expected) => {
    expect(parseTeamTime(text, zone, now)).toEqual({ ok: true, value: expected });
  });

  it.each([['yesterday'], ['25:00'], ['2026-13-01 10:00'], ['2026-02-30 10:00'], ['']])('refuses %j', (text) => {
    expect(parseTeamTime(text, 'Asia/Tokyo', now)).toEqual({ ok: false, error: 'format' });
  });

  it('refuses a moment in the future', () => {
    expect(parseTeamTime('2026-03-11 09:00', 'Asia/Tokyo', now)).toEqual({ ok: false, error: 'future' });
  });
});

describe('formatting', () => {
  it('shows instants in the team zone and durations as people say them', () => {
    expect(formatInstant(Date.UTC(2026, 0, 5, 0, 30), 'Asia/Tokyo')).toBe('2026-01-05 09:30');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(formatDuration(42 * 60_000)).toBe('42 min');
    expect(formatDuration(35_000)).toBe('35 s');
  });

  it.each([
    [65 * 60_000, '1時間5分'],
    [60 * 60_000, '1時間'],
    [42 * 60_000, '42分'],
    [35_000, '35秒'],
    [72 * 3_600_000, '3日'],
    [50 * 3_600_000, '2日2時間'],
    [-5 * 60_000, '-5分'],
  ])('writes %i ms in Japanese as %s', (ms, expected) => {
    expect(formatDurationJa(ms)).toBe(expected);
  });
});

describe('shortZoneName', () => {
  it('names the zone at each instant, with one formatter kept per locale and zone', () => {
    expect(shortZoneName(Date.UTC(2026, 0, 15), 'America/New_York', 'en-US')).toBe('EST');
    expect(shortZoneName(Date.UTC(2026, 6, 15), 'America/New_York', 'en-US')).toBe('EDT');
    expect(shortZoneName(Date.UTC(2026, 6, 15), 'Asia/Kolkata', 'en-US')).toBe('GMT+5:30');
    expect(shortZoneName(Date.UTC(2026, 6, 15), 'Asia/Tokyo', 'ja-JP')).toBe('JST');
  });
});

describe('zoneAbbreviation', () => {
  // One rule for every time klaxon shows (Slack and the report): a letter name where one of a few locales knows
  // one, else the offset from UTC.
  it.each([
    ['Asia/Tokyo', Date.UTC(2026, 6, 15), 'JST'],
    ['America/New_York', Date.UTC(2026, 0, 15), 'EST'],
    ['America/New_York', Date.UTC(2026, 6, 15), 'EDT'],
    ['Europe/London', Date.UTC(2026, 0, 15), 'GMT'],
    ['Europe/London', Date.UTC(2026, 6, 15), 'BST'],
    ['Europe/Berlin', Date.UTC(2026, 6, 15), 'CEST'],
    ['UTC', Date.UTC(2026, 6, 15), 'UTC'],
    ['Asia/Kolkata', Date.UTC(2026, 6, 15), 'UTC+5:30'],
    ['Asia/Kathmandu', Date.UTC(2026, 6, 15), 'UTC+5:45'],
    ['Australia/Sydney', Date.UTC(2026, 6, 15), 'UTC+10'],
  ])('%s at %i → %s', (zone, at, expected) => {
    expect(zoneAbbreviation(zone, at)).toBe(expected);
  });
});
