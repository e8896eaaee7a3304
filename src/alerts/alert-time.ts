// Alert timestamps as senders write them: RFC 3339 with a zone, Python's zone-less isoformat() (read in the
// team's zone, like every other wall-clock time klaxon is given), or epoch seconds/milliseconds.
import { TZDate } from '@date-fns/tz';
import type { Instant } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
// Epoch seconds below this are taken as seconds; above, as milliseconds (year 33658 in seconds).
const MS_THRESHOLD = 1e12;

/**
 * Reads one alert timestamp.
 * @example parseAlertTime('2026-01-15T10:00:00', 'Asia/Tokyo') //=> { ok: true, value: Date.UTC(2026, 0, 15, 1) }
 */
export function parseAlertTime(value: string | number, timeZone: string): Result<Instant, string> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return err(`${value} is not a time`);
    return ok(Math.round(value < MS_THRESHOLD ? value * 1000 : value));
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseAlertTime(Number(text), timeZone);
  if (ZONED.test(text)) {
    const at = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(at) ? ok(at) : err(`${JSON.stringify(text)} is not a valid time`);
  }
  const naive = NAIVE.exec(text);
  if (!naive) return err(`${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 time`);
  const [y, mo, d, h, mi, s] = naive.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((naive[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return err(`${JSON.stringify(text)} is not a valid time`);
  return ok(new TZDate(y, mo - 1, d, h, mi, s, ms, timeZone).getTime());
}
