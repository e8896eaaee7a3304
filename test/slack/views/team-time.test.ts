import { describe, expect, it } from 'vitest';
import { slackDate } from '../../../src/slack/views/slack-date.js';
import { teamTime } from '../../../src/slack/views/team-time.js';

describe('teamTime', () => {
  it.each([
    [Date.UTC(2026, 2, 10, 1, 15), 'Asia/Tokyo', '2026-03-10 10:15 JST'],
    [Date.UTC(2026, 2, 8, 6, 59), 'America/New_York', '2026-03-08 01:59 EST'],
    [Date.UTC(2026, 2, 8, 7, 0), 'America/New_York', '2026-03-08 03:00 EDT'],
    [Date.UTC(2026, 10, 1, 5, 30), 'America/New_York', '2026-11-01 01:30 EDT'],
    [Date.UTC(2026, 10, 1, 6, 30), 'America/New_York', '2026-11-01 01:30 EST'],
    [Date.UTC(2026, 0, 1, 0, 0), 'UTC', '2026-01-01 00:00 UTC'],
    // Labelled as the report labels them: a letter name where a locale the runtime knows has one, else the offset.
    [Date.UTC(2026, 0, 1, 0, 0), 'Asia/Kolkata', '2026-01-01 05:30 UTC+5:30'],
    [Date.UTC(2026, 6, 15, 9, 0), 'Europe/London', '2026-07-15 10:00 BST'],
    [Date.UTC(2026, 6, 15, 9, 0), 'Europe/Berlin', '2026-07-15 11:00 CEST'],
    [Date.UTC(2026, 0, 1, 0, 0), 'Asia/Kathmandu', '2026-01-01 05:45 UTC+5:45'],
  ])('%i in %s → %s', (at, zone, expected) => {
    expect(teamTime(at, zone)).toBe(expected);
  });

  it('names the zone at the instant, not for the year', () => {
    expect(teamTime(Date.UTC(2026, 0, 15), 'America/New_York', 'HH:mm')).toBe('19:00 EST');
    expect(teamTime(Date.UTC(2026, 6, 15), 'America/New_York', 'HH:mm')).toBe('20:00 EDT');
  });
});

describe('slackDate', () => {
  it('gives Slack the epoch seconds and the team-zone time as fallback', () => {
    expect(slackDate(Date.UTC(2026, 2, 10, 1, 15, 30, 999), 'Asia/Tokyo')).toBe(
      '<!date^1773105330^{date_short_pretty} {time}|2026-03-10 10:15 JST>',
    );
  });
});
