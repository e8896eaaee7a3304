// Business hours (営業時間) of the §11.1 ladder, in the team's time zone, with holidays; DST-safe because
// every wall-clock reading goes through TZDate.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { getISODay } from 'date-fns/getISODay';
import type { Instant } from './incident.js';

export interface BusinessCalendar {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** Wall-clock `HH:mm`; open is inclusive, close exclusive. */
  readonly open: string;
  readonly close: string;
  /** `yyyy-MM-dd` dates in the same zone on which nobody is in. */
  readonly holidays?: readonly string[];
}


const minutesOf = (clock: string): number => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

const isBusinessDay = (local: TZDate, calendar: BusinessCalendar): boolean =>
  calendar.days.includes(getISODay(local)) && !(calendar.holidays ?? []).includes(format(local, 'yyyy-MM-dd'));

/**
 * Whether someone is in at that instant.
 * @example isWithinBusinessHours(Date.UTC(2026, 0, 5, 0, 30), { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }, 'Asia/Tokyo') //=> true
 */
export function isWithinBusinessHours(at: Instant, calendar: BusinessCalendar, timeZone: string): boolean {
  const local = new TZDate(at, timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  return isBusinessDay(local, calendar) && minute >= minutesOf(calendar.open) && minute < minutesOf(calendar.close);
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const wallMinute = (at: Instant, timeZone: string): number => {
  const local = new TZDate(at, timeZone);
  return local.getHours() * 60 + local.getMinutes();
};

// The instants a day's clocks read `open`: two when DST repeats the hour, the end of the gap when DST skips it.
function openingsOn(year: number, month: number, date: number, open: number, timeZone: string): Instant[] {
  const wall = new TZDate(year, month, date, Math.floor(open / 60), open % 60, timeZone).getTime();
  if (wallMinute(wall, timeZone) !== open) {
    let end = wall;
    while (wallMinute(end - MINUTE_MS, timeZone) >= open && wall - end < 3 * HOUR_MS) end -= MINUTE_MS;
    return [end];
  }
  return wallMinute(wall - HOUR_MS, timeZone) === open ? [wall - HOUR_MS, wall] : [wall];
}

/**
 * The instant business hours next begin: `at` itself when they are on. DST-safe: an opening time that the
 * clocks skip opens at the end of the gap, one they repeat opens at its first reading.
 * @example nextBusinessOpening(Date.UTC(2026, 0, 3, 3), { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }, 'Asia/Tokyo') //=> Date.UTC(2026, 0, 5, 0)
 */
export function nextBusinessOpening(at: Instant, calendar: BusinessCalendar, timeZone: string): Instant {
  if (isWithinBusinessHours(at, calendar, timeZone)) return at;
  const open = minutesOf(calendar.open);
  const start = new TZDate(at, timeZone);
  // Each week has a business day; each holiday can take at most one, so this many days always suffice.
  const horizon = ((calendar.holidays?.length ?? 0) + 2) * 7;
  for (let offset = 0; offset <= horizon; offset += 1) {
    const day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + offset, 12, 0, timeZone);
    if (!isBusinessDay(day, calendar)) continue;
    const opening = openingsOn(day.getFullYear(), day.getMonth(), day.getDate(), open, timeZone).find((t) => t >= at);
    if (opening !== undefined) return opening;
  }
  throw new Error(`no business day within ${horizon} days (days: ${calendar.days.join(',')}): a policy the schema should have refused`);
}
