// Rendering instants in the team's time zone. Pure: the instant and the zone are parameters.
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Instant } from './incident.js';
import { err, ok, type Result } from './result.js';

/**
 * Formats an instant in a time zone with a date-fns pattern.
 * @example formatInstant(Date.UTC(2026, 0, 5, 0, 30), 'Asia/Tokyo') //=> '2026-01-05 09:30'
 */
export function formatInstant(at: Instant, timeZone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return format(at, pattern, { in: tz(timeZone) });
}

// One formatter per locale and zone, kept: building one costs ten times formatting with it (147 against 13 µs).
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The runtime's short name of a zone at an instant, in a locale's style: `JST`, `EDT`, `GMT+5:30`.
 * @example shortZoneName(Date.UTC(2026, 0, 15), 'America/New_York', 'en-US') //=> 'EST'
 */
export function shortZoneName(at: Instant, timeZone: string, locale: string): string | undefined {
  const key = `${locale} ${timeZone}`;
  let formatter = zoneFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneFormatters.set(key, formatter);
  }
  return formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
}

/**
 * The zone's name as klaxon labels a time with it, in Slack and in the report alike: a letter abbreviation when
 * the runtime knows one in any of a few locales (`JST`, `EDT`, `BST`), else the offset (`UTC+5:45`).
 * @example zoneAbbreviation('Asia/Tokyo', Date.UTC(2026, 2, 10)) //=> 'JST'
 */
export function zoneAbbreviation(timeZone: string, at: Instant): string {
  let offset = '';
  for (const locale of ['en-US', 'ja-JP', 'en-GB']) {
    const name = shortZoneName(at, timeZone, locale) ?? '';
    if (/^[A-Z]{2,5}$/.test(name)) return name;
    offset ||= name;
  }
  return offset.replace(/^GMT/, 'UTC') || 'UTC';
}

type DurationShape =
  | { readonly unit: 's'; readonly sign: string; readonly seconds: number }
  | { readonly unit: 'min'; readonly sign: string; readonly minutes: number }
  | { readonly unit: 'd'; readonly sign: string; readonly days: number; readonly hours: number }
  | { readonly unit: 'h'; readonly sign: string; readonly hours: number; readonly minutes: number };

// Seconds under a minute, minutes under an hour, whole days from 48 h, hours and minutes otherwise.
function durationShape(ms: number): DurationShape {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 60_000) return { unit: 's', sign, seconds: Math.floor(abs / 1000) };
  const totalMinutes = Math.floor(abs / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return { unit: 'min', sign, minutes };
  if (hours >= 48 && minutes === 0) return { unit: 'd', sign, days: Math.floor(hours / 24), hours: hours % 24 };
  return { unit: 'h', sign, hours, minutes };
}

/**
 * A duration as people say it: `1 h 05 min`, `42 min`, `35 s`.
 * @example formatDuration(65 * 60_000) //=> '1 h 05 min'
 */
export function formatDuration(ms: number): string {
  const d = durationShape(ms);
  switch (d.unit) {
    case 's':
      return `${d.sign}${d.seconds} s`;
    case 'min':
      return `${d.sign}${d.minutes} min`;
    case 'd':
      return `${d.sign}${d.days} d ${d.hours} h`;
    case 'h':
      return `${d.sign}${d.hours} h ${String(d.minutes).padStart(2, '0')} min`;
  }
}

/**
 * A duration as Japanese is written: `1時間5分`, `1時間`, `42分`, `35秒`, `3日`.
 * @example formatDurationJa(65 * 60_000) //=> '1時間5分'
 */
export function formatDurationJa(ms: number): string {
  const d = durationShape(ms);
  switch (d.unit) {
    case 's':
      return `${d.sign}${d.seconds}秒`;
    case 'min':
      return `${d.sign}${d.minutes}分`;
    case 'd':
      return `${d.sign}${d.days}日${d.hours === 0 ? '' : `${d.hours}時間`}`;
    case 'h':
      return `${d.sign}${d.hours}時間${d.minutes === 0 ? '' : `${d.minutes}分`}`;
  }
}

/**
 * Reads a wall-clock time people type in the team's zone: `yyyy-MM-dd HH:mm`, or `HH:mm` for the most
 * recent such moment (today, or yesterday when that is still ahead). Moments in the future are refused.
 * @example parseTeamTime('09:40', 'Asia/Tokyo', Date.UTC(2026, 2, 10, 3)) //=> { ok: true, value: Date.UTC(2026, 2, 10, 0, 40) }
 */
export function parseTeamTime(text: string, timeZone: string, now: Instant): Result<Instant, 'format' | 'future'> {
  const full = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  const short = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  let at: Instant;
  if (full) {
    const [, y, mo, d, h, mi] = full.map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return err('format');
    at = new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
    if (formatInstant(at, timeZone, 'yyyy-MM-dd HH:mm') !== `${full[1]}-${full[2]}-${full[3]} ${String(h).padStart(2, '0')}:${full[5]}`) return err('format');
  } else if (short) {
    const [, h, mi] = short.map(Number) as [number, number, number];
    if (h > 23 || mi > 59) return err('format');
    const [y, mo, d] = formatInstant(now, timeZone, 'yyyy-MM-dd').split('-').map(Number) as [number, number, number];
    at = new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
    if (at > now) at = new TZDate(y, mo - 1, d - 1, h, mi, timeZone).getTime();
  } else {
    return err('format');
  }
  return at > now ? err('future') : ok(at);
}

/** Whether the runtime knows an IANA time zone name such as Asia/Tokyo. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
