// Rendering instants in the team's time zone. Pure: the instant and the zone are parameters.
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Instant } from './incident.js';

/**
 * Formats an instant in a time zone with a date-fns pattern.
 * @example formatInstant(Date.UTC(2026, 0, 5, 0, 30), 'Asia/Tokyo') //=> '2026-01-05 09:30'
 */
export function formatInstant(at: Instant, timeZone: string, pattern = 'yyyy-MM-dd HH:mm'): string {
  return format(at, pattern, { in: tz(timeZone) });
}

/**
 * A duration as people say it: `1 h 05 min`, `42 min`, `35 s`.
 * @example formatDuration(65 * 60_000) //=> '1 h 05 min'
 */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${Math.floor(abs / 1000)} s`;
  const totalMinutes = Math.floor(abs / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${sign}${minutes} min`;
  if (hours >= 48 && minutes === 0) return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h`;
  return `${sign}${hours} h ${String(minutes).padStart(2, '0')} min`;
}
