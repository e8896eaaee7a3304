// The incident report of runbook §9.2, compiled from the incident and its timeline. Pure and deterministic:
// the same input always gives the same bytes, and user text can never change the document's structure.
import { tzOffset } from '@date-fns/tz';
import type { Incident, Instant, ReportFields } from './incident.js';
import type { Locale } from './locale.js';
import { escapeBlock, escapeInline } from './markdown.js';
import { snapshotRows } from './report-snapshot.js';
import { nonEmpty, pad2, type ReportContext } from './report-context.js';
import {
  attachmentsTable, basicsSection, checklistSection, runsTable, slaTable, timelineTable, updatesSection, type SlaTargets,
} from './report-sections.js';
import { REPORT_WORDS } from './report-words.js';
import { isMajor } from './severity.js';
import { formatInstant } from './time.js';
import type { TimelineEvent } from './timeline.js';

export interface ReportInput {
  readonly incident: Incident;
  /** In time order; out-of-order input is sorted stably by `at`. */
  readonly events: readonly TimelineEvent[];
  readonly locale: Locale;
  /** The team's IANA time zone; every instant is shown in it, with its date and UTC offset. */
  readonly timeZone: string;
  /** SLA targets for the incident's (final) severity. */
  readonly targets: SlaTargets;
  readonly commandTitle?: (commandId: string) => string | undefined;
  readonly userName?: (userId: string) => string | undefined;
  readonly generatedAt: Instant;
}

type Field = keyof ReportFields;
const FIELD_ORDER = ['summary', 'detectionMethod', 'impact', 'actions', 'rootCause', 'prevention', 'followUp'] as const satisfies readonly Field[];
// §9.1: critical/high need the full template, medium/low the short one; other fields appear only when written.
const REQUIRED_FIELDS: Readonly<Record<'full' | 'short', readonly Field[]>> = {
  full: ['summary', 'impact', 'actions', 'rootCause', 'prevention'],
  short: ['summary', 'actions', 'followUp'],
};

const TIME_PATTERN = 'yyyy-MM-dd HH:mm:ss xxx';
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Renders the §9.2 incident report as Markdown: the full form for critical/high, the short form for medium/low,
 * then response times against the targets, the checklist, every run, every status update and the timeline.
 * @example renderReport({ incident, events, locale: 'ja', timeZone: 'Asia/Tokyo', targets, generatedAt }) //=> '# インシデント報告書\n…'
 */
export function renderReport(input: ReportInput): string {
  const { incident, locale } = input;
  const w = REPORT_WORDS[locale];
  const ctx: ReportContext = {
    w,
    locale,
    time: reportTimeFormatter(input.timeZone),
    name: memoize((user) => nonEmpty(input.userName?.(user))?.trim() ?? user),
    title: (id) => nonEmpty(input.commandTitle?.(id)),
  };
  const events = inTimeOrder(input.events);
  const blocks: string[] = [
    `# ${w.title}`,
    `**${escapeInline(incident.id)}** — ${nonEmpty(incident.title) === undefined ? w.untitled : escapeInline(incident.title)}`,
    `## ${w.headings.basics}`,
    [basicsSection(incident, input.generatedAt, ctx), ...snapshotRows(events, ctx)].join('\n'),
  ];
  const form = isMajor(incident.severity) ? 'full' : 'short';
  for (const field of FIELD_ORDER) {
    const text = nonEmpty(incident.report[field]);
    if (text === undefined && !REQUIRED_FIELDS[form].includes(field)) continue;
    blocks.push(`## ${w.headings[field]}`, text === undefined ? w.notProvided : escapeBlock(text));
  }
  blocks.push(`## ${w.headings.attachments}`, attachmentsTable(events, ctx));
  blocks.push(`## ${w.headings.sla}`, slaTable(incident, input.targets, input.generatedAt, ctx));
  blocks.push(`## ${w.headings.checklist}`, ...checklistSection(incident, ctx));
  blocks.push(`## ${w.headings.runs}`, runsTable(events, ctx));
  blocks.push(`## ${w.headings.updates}`, ...updatesSection(events, ctx));
  blocks.push(`## ${w.headings.timeline}`, timelineTable(events, ctx));
  return `${blocks.join('\n\n')}\n`;
}

/**
 * The report's clock: `yyyy-MM-dd HH:mm:ss ±hh:mm` in a time zone, identical to `formatInstant` with that
 * pattern but fast enough for 10,000 rows (the zone is consulted once per minute of the incident).
 * @example reportTimeFormatter('Asia/Tokyo')(Date.UTC(2026, 2, 10, 1)) //=> '2026-03-10 10:00:00 +09:00'
 */
export function reportTimeFormatter(timeZone: string): (at: Instant) => string {
  const offsets = new Map<number, number | null>();
  const minutes = new Map<number, readonly [head: string, zone: string] | null>();
  const offsetAt = (at: Instant): number | null => {
    const bucket = Math.floor(at / QUARTER_HOUR_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const first = tzOffset(timeZone, new Date(bucket * QUARTER_HOUR_MS));
      const last = tzOffset(timeZone, new Date((bucket + 1) * QUARTER_HOUR_MS - 1));
      // Zone transitions fall on quarter hours; anything else (historic second offsets) takes the slow path.
      offset = first === last && Number.isInteger(first) ? first : null;
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const minuteParts = (minute: number): readonly [string, string] | null => {
    const offset = offsetAt(minute * 60_000);
    if (offset === null) return null;
    const local = new Date((minute + offset) * 60_000);
    const abs = Math.abs(offset);
    return [
      `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ` +
        `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:`,
      ` ${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`,
    ];
  };
  return (at) => {
    const minute = Math.floor(at / 60_000);
    let parts = minutes.get(minute);
    if (parts === undefined) {
      parts = minuteParts(minute);
      minutes.set(minute, parts);
    }
    if (parts === null) return formatInstant(at, timeZone, TIME_PATTERN);
    // Whole-minute offsets leave the seconds as they are in UTC.
    return `${parts[0]}${pad2(Math.floor((at - minute * 60_000) / 1000))}${parts[1]}`;
  };
}

function inTimeOrder(events: readonly TimelineEvent[]): readonly TimelineEvent[] {
  for (let i = 1; i < events.length; i++) {
    // Array#sort is stable, so events at the same instant keep their recorded order.
    if ((events[i]?.at ?? 0) < (events[i - 1]?.at ?? 0)) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

function memoize(fn: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
