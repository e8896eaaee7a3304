// The messages a clock alarm posts into the incident channel: before a §1.2 deadline, at it, and the 中間報告 nudge.
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { ClockState } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn, userRef } from '../mrkdwn.js';
import { context, fallbackText, section } from './blocks.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import { slackDate } from './slack-date.js';
import { teamTime } from './team-time.js';
import type { SlackMessage } from './view-types.js';

export interface ClockAlarmInput {
  readonly incident: Incident;
  /** The clock as computed when the alarm fired. */
  readonly clock: ClockState;
  readonly locale: Locale;
  readonly timeZone: string;
  /** Who is called: the commander, or the current ladder level's people and groups (U… / S…) when nobody leads. */
  readonly notify?: readonly string[];
}

// The mentions that make an alarm reach someone, as a line of their own (empty when there is nobody to call).
const callLine = (locale: Locale, notify: readonly string[] | undefined): string =>
  notify === undefined || notify.length === 0 ? '' : `\n${messages(locale).alarm.notify(notify.slice(0, 30).map(userRef).join(' '))}`;

const about = (incident: Incident): string =>
  `${SEVERITY_EMOJI[incident.severity]} ${incident.id} · ${inlineMrkdwn(incident.title, 200)}`;

// Sent ahead of a deadline (at the policy's reminder fractions).
export function clockReminder(input: ClockAlarmInput): SlackMessage {
  const m = messages(input.locale);
  const line = (due: string): string =>
    m.alarm.reminder(m.clock[input.clock.clock], m.duration(Math.max(0, input.clock.remainingMs)), due);
  return {
    text: fallbackText(line(teamTime(input.clock.dueAt, input.timeZone)) + callLine(input.locale, input.notify)),
    blocks: [section(line(slackDate(input.clock.dueAt, input.timeZone)) + callLine(input.locale, input.notify)), context([about(input.incident)])],
  };
}

// Sent at the deadline when the clock is still running.
export function clockBreach(input: ClockAlarmInput): SlackMessage {
  const m = messages(input.locale);
  const line = (due: string): string =>
    m.alarm.breach(m.clock[input.clock.clock], m.duration(Math.max(0, input.clock.breachedByMs)), due);
  return {
    text: fallbackText(line(teamTime(input.clock.dueAt, input.timeZone)) + callLine(input.locale, input.notify)),
    blocks: [section(line(slackDate(input.clock.dueAt, input.timeZone)) + callLine(input.locale, input.notify)), context([about(input.incident)])],
  };
}

export interface InterimReminderInput {
  readonly incident: Incident;
  /** How long since the last status update (or the declaration). */
  readonly sinceMs: number;
  readonly locale: Locale;
  readonly notify?: readonly string[];
}

// Sent on the severity's interim-report cadence.
export function interimReminder(input: InterimReminderInput): SlackMessage {
  const m = messages(input.locale);
  const line = m.alarm.interim(m.duration(Math.max(0, input.sinceMs))) + callLine(input.locale, input.notify);
  return { text: fallbackText(line), blocks: [section(line), context([about(input.incident)])] };
}
