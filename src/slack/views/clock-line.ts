// One SLA clock as a line: the due time (reader's zone, team-zone fallback) and how it stands.
import type { Locale } from '../../domain/locale.js';
import type { ClockState } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { slackDate } from './slack-date.js';

/**
 * How a clock line is read: `now` for an answer computed at the moment it is asked (a countdown is true
 * there), `kept` for a message that stays on screen and is re-rendered only when something changes (the
 * pinned header): it shows the due time and the clock's state, never a countdown that would go stale.
 */
export type ClockReading = 'now' | 'kept';

// "*First response* due <!date…> · :hourglass_flowing_sand: 12 min left"
export function clockLine(state: ClockState, timeZone: string, locale: Locale, reading: ClockReading = 'now'): string {
  const m = messages(locale);
  const due = m.header.due(m.header.dueLabel[state.clock], slackDate(state.dueAt, timeZone));
  return `${due} · ${clockStanding(state, locale, reading)}`;
}

// How a clock stands: running, overdue, met or missed.
export function clockStanding(state: ClockState, locale: Locale, reading: ClockReading = 'now'): string {
  const m = messages(locale);
  if (reading === 'kept' && state.stoppedAt === undefined) {
    return state.breached ? `:rotating_light: ${m.header.breached}` : `:hourglass_flowing_sand: ${m.header.running}`;
  }
  if (state.stoppedAt !== undefined) {
    return state.breached
      ? `:x: ${m.header.missed(m.duration(state.breachedByMs))}`
      : `:white_check_mark: ${m.header.met(m.duration(state.remainingMs))}`;
  }
  return state.breached
    ? `:rotating_light: ${m.header.overdue(m.duration(state.breachedByMs))}`
    : `:hourglass_flowing_sand: ${m.header.remaining(m.duration(state.remainingMs))}`;
}
