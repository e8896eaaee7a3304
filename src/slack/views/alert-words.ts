// What klaxon says about alerts: timeline notes (plain) and the few Slack posts a storm may cause (mrkdwn).
// The words are the catalogue's (i18n `alerts`); this file only fills in the alert's parts.
import type { Instant } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineCode, inlineMrkdwn } from '../mrkdwn.js';
import { teamTime } from './team-time.js';
import type { IncomingAlert } from '../../alerts/incoming-alert.js';

export interface AlertWords {
  resolvedNote(alert: IncomingAlert): string;
  overflowNote(alert: IncomingAlert, limit: number): string;
  repeatPost(alert: IncomingAlert, quietMinutes: number): { text: string };
  overflowPost(alert: IncomingAlert, limit: number, quietMinutes: number): { text: string };
  resolvedPost(alert: IncomingAlert): { text: string };
}

export function alertWords(locale: Locale, timeZone: string): AlertWords {
  const m = messages(locale).alerts;
  const when = (at: Instant) => teamTime(at, timeZone);
  const title = (alert: IncomingAlert) => `*${inlineMrkdwn(alert.title, 150)}* ${inlineCode(alert.origin, 120)}`;
  return {
    resolvedNote: (a) => m.resolvedNote(a.title, a.origin, when(a.at)),
    overflowNote: (a, limit) => m.overflowNote(a.title, a.origin, limit),
    repeatPost: (a, quiet) => ({ text: m.repeatPost(title(a), quiet) }),
    overflowPost: (a, limit, quiet) => ({ text: m.overflowPost(title(a), limit, quiet) }),
    resolvedPost: (a) => ({ text: m.resolvedPost(title(a), when(a.at)) }),
  };
}
