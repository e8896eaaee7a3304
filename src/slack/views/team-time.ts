// Times as the team reads them: in the team's zone (KLAXON_TIMEZONE), with the zone's short name, labelled by
// the same rule as the report's times, so a time in the channel and in the report reads the same.
import type { Instant } from '../../domain/incident.js';
import { formatInstant, zoneAbbreviation } from '../../domain/time.js';

// "2026-03-10 10:15 JST": an instant in the team's zone, labelled so nobody reads it as their own time.
export function teamTime(at: Instant, timeZone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return `${formatInstant(at, timeZone, pattern)} ${zoneAbbreviation(timeZone, at)}`;
}
