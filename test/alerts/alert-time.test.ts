import { describe, expect, it } from 'vitest';
import { parseAlertTime } from '../../src/alerts/alert-time.js';

const TOKYO = 'Asia/Tokyo';

describe('parseAlertTime', () => {
  it('reads RFC 3339 with a zone as that instant', () => {
    expect(parseAlertTime('2026-01-15T01:00:00Z', TOKYO)).toEqual({ ok: true, value: Date.UTC(2026, 0, 15, 1) });
    expect(parseAlertTime('2026-01-15T10:00:00.5+09:00', TOKYO)).toEqual({ ok: true, value: Date.UTC(2026, 0, 15, 1, 0, 0, 500) });
    expect(parseAlertTime('2026-01-15T01:00:00.123456789Z', TOKYO)).toEqual({ ok: true, value: Date.UTC(2026, 0, 15, 1, 0, 0, 123) });
  });

  it("reads Python's zone-less isoformat() in the team's zone", () => {
    expect(parseAlertTime('2026-01-15T10:00:00.123456', TOKYO)).toEqual({ ok: true, value: Date.UTC(2026, 0, 15, 1, 0, 0, 123) });
    expect(parseAlertTime('2026-01-15 10:00', 'UTC')).toEqual({ ok: true, value: Date.UTC(2026, 0, 15, 10) });
  });

  it('reads epoch seconds and milliseconds, as numbers or digits', () => {
    const at = Date.UTC(2026, 0, 15, 1);
    expect(parseAlertTime(at / 1000, TOKYO)).toEqual({ ok: true, value: at });
    expect(parseAlertTime(at, TOKYO)).toEqual({ ok: true, value: at });
    expect(parseAlertTime(String(at / 1000), TOKYO)).toEqual({ ok: true, value: at });
  });

  it('refuses what is not a time, with a reason', () => {
    for (const bad of ['yesterday', '2026-13-01T00:00:00', '2026-01-15T25:00:00', '', -5, Number.NaN]) {
      const parsed = parseAlertTime(bad, TOKYO);
      expect(parsed.ok, String(bad)).toBe(false);
    }
  });
});
