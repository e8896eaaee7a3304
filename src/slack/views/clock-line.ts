// One SLA clock as a line: the due time (reader's zone, team-zone fallback) and how it stands.
import type { Locale } from '../../domain/locale.js';
import type { ClockState } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { slackDate } from './slack-date.js';

// "*First response* due <!date…> · :hourglass_flowing_sand: 12 min left"
export function clockLine(state: ClockState, timeZone: string, locale: Locale): string {
  const m = messages(locale);
  const due = m.header.due(m.header.dueLabel[state.clock], slackDate(state.dueAt, timeZone));
  return `${due} · ${clockStanding(state, locale)}`;
}

// How a clock stands: running, overdue, met or missed.
export function clockStanding(state: ClockState, locale: Locale): string {
  const m = messages(locale);
  if (state.stoppedAt !== undefined) {
    return state.breached
      ? `:x: ${m.header.missed(m.duration(state.breachedByMs))}`
      : `:white_check_mark: ${m.header.met(m.duration(state.remainingMs))}`;
  }
  return state.breached
    ? `:rotating_light: ${m.header.overdue(m.duration(state.breachedByMs))}`
    : `:hourglass_flowing_sand: ${m.header.remaining(m.duration(state.remainingMs))}`;
}
