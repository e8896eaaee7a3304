// What every part of the report renders with: the words of its language, its clock and its name lookups,
// plus the few formatters the sections share.
import type { Instant, UserId } from './incident.js';
import type { Locale } from './locale.js';
import type { ReportWords } from './report-words.js';

export interface ReportContext {
  readonly w: ReportWords;
  readonly locale: Locale;
  /** For people (基本情報, 経緯): `2026/03/10（火）10:00 JST`. */
  readonly when: (at: Instant) => string;
  /** For tables (付録): `2026/03/10 10:00:05 JST`. */
  readonly time: (at: Instant) => string;
  /** A `yyyy-MM-dd` due date as a day. */
  readonly day: (isoDate: string) => string;
  readonly name: (user: UserId) => string;
  /** People's text with its `<@U…>` mentions as `@name`. */
  readonly people: (text: string) => string;
  readonly title: (commandId: string) => string | undefined;
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

// Jobs take seconds to minutes, where the SLA's whole minutes would say nothing.
export function runDuration(ms: number, w: ReportWords): string {
  if (ms < 60_000) return w.seconds((ms / 1000).toFixed(1));
  if (ms >= 3_600_000) return w.duration(ms);
  return w.minutesSeconds(String(Math.floor(ms / 60_000)), pad2(Math.floor((ms % 60_000) / 1000)));
}

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
