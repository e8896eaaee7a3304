// Times as the team reads them: in the team's zone (KLAXON_TIMEZONE), with the zone's short name.
import type { Instant } from '../../domain/incident.js';
import { formatInstant, shortZoneName } from '../../domain/time.js';

const zoneName = (at: Instant, timeZone: string, locale: string): string => shortZoneName(at, timeZone, locale) ?? timeZone;

// "JST", "EST"/"EDT", "UTC"; offsets like "GMT+5:30" where no abbreviation is customary.
export function zoneAbbreviation(at: Instant, timeZone: string): string {
  const english = zoneName(at, timeZone, 'en-US');
  if (!/^GMT[+-]/.test(english)) return english;
  const japanese = zoneName(at, timeZone, 'ja-JP');
  return /^[A-Z]{2,5}$/.test(japanese) ? japanese : english;
}

// "2026-03-10 10:15 JST": an instant in the team's zone, labelled so nobody reads it as their own time.
export function teamTime(at: Instant, timeZone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return `${formatInstant(at, timeZone, pattern)} ${zoneAbbreviation(at, timeZone)}`;
}
