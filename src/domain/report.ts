// The incident report (障害報告書, runbook §9.2), compiled from the incident and its timeline. Pure and
// deterministic: the same input always gives the same bytes, and user text can never change the
// document's structure. Its shape: 基本情報 and 対応時間 first, a short 経緯, the §9.1 fields (full form for
// critical/high, short for medium/low) with action items, 未完了項目, then the records in the appendix.
import type { Incident, Instant, UserId } from './incident.js';
import type { Locale } from './locale.js';
import { escapeBlock, pushTableRow } from './markdown.js';
import { incidentChart } from './report-chart.js';
import { reportClock } from './report-clock.js';
import { nonEmpty, type ReportContext } from './report-context.js';
import { snapshotRows } from './report-snapshot.js';
import {
  actionItemsTable, attachmentsTable, basicsRows, basicsTable, checklistSection, historyList, openItems, runsTable, slaTable,
  timelineTable, updatesSection, type BasicsRow, type Lines, type LineSink,
} from './report-sections.js';
import type { SlaTargets } from './sla.js';
import { REPORT_SECTIONS, reportFieldsFor } from './report-fields.js';
import { REPORT_WORDS } from './report-words.js';
import { textParts } from './text.js';
import type { TimelineEvent } from './timeline.js';

export interface ReportInput {
  readonly incident: Incident;
  /** In time order; out-of-order input is sorted stably by `at`. */
  readonly events: readonly TimelineEvent[];
  readonly locale: Locale;
  /** The team's IANA time zone; every instant is shown in it, with the zone's abbreviation. */
  readonly timeZone: string;
  /** SLA targets for the incident's (final) severity. */
  readonly targets: SlaTargets;
  readonly commandTitle?: (commandId: string) => string | undefined;
  /** Display names by Slack user id; an id without a name is shown as the id. */
  readonly userNames?: Readonly<Record<UserId, string>>;
  /** Rows an adapter adds to 基本情報 after the host (a snapshot of the host, say). */
  readonly extraBasics?: readonly BasicsRow[];
  readonly generatedAt: Instant;
}


const MENTION = /^[UW][A-Z0-9]{1,40}$/;

/**
 * Renders the report as Markdown.
 * @example renderReport({ incident, events, locale: 'ja', timeZone: 'Asia/Tokyo', targets, generatedAt }) //=> '# 障害報告書\n…'
 */
export function renderReport(input: ReportInput): string {
  return joinBlocks(reportBlocks(input));
}

/**
 * The same report as `renderReport`, as pieces of whole lines (each ends with a newline) of about 16 Ki
 * characters, which concatenated are that text. A caller that redacts and digests the report piece by piece
 * never needs it as one flat string: a 10,000-event report is megabytes, and memory that large comes fresh
 * from the system, which on a small VM costs more than rendering it.
 */
export function renderReportPieces(input: ReportInput): string[] {
  return pieceBlocks(reportBlocks(input));
}

function reportBlocks(input: ReportInput): Block[] {
  const { incident, locale } = input;
  const w = REPORT_WORDS[locale];
  const clock = reportClock(input.timeZone, locale);
  const name = memoize((user) => nonEmpty(input.userNames?.[user])?.trim() ?? (user.startsWith('alert:') ? w.alertActor(user.slice('alert:'.length)) : user));
  const ctx: ReportContext = {
    w,
    locale,
    when: clock.when,
    time: clock.precise,
    day: clock.day,
    name,
    people: (text) =>
      text.includes('<@')
        ? textParts(text).map((part) => (part.kind === 'text' ? part.text : MENTION.test(part.user) ? `@${name(part.user)}` : part.user)).join('')
        : text,
    title: (id) => nonEmpty(input.commandTitle?.(id)),
  };
  const events = inTimeOrder(input.events);
  const rows = basicsRows(incident, events, input.generatedAt, ctx);
  const hostAt = rows.findIndex(([label]) => label === 'host');
  rows.splice(hostAt + 1, 0, ...(input.extraBasics ?? []));
  const blocks: Block[] = [
    `# ${w.title}`,
    `## ${w.headings.basics}`,
    [basicsTable(rows, ctx), ...snapshotRows(events, ctx)].join('\n'),
    `## ${w.headings.sla}`,
    slaTable(incident, input.targets, input.generatedAt, ctx),
    incidentChart({ incident, targets: input.targets, timeZone: input.timeZone, generatedAt: input.generatedAt }, ctx),
    `## ${w.headings.history}`,
    historyList(incident, events, ctx),
  ];
  const items = incident.actionItems ?? [];
  for (const field of REPORT_SECTIONS) {
    const text = nonEmpty(incident.report[field]);
    const table = field === 'prevention' ? actionItemsTable(items, 'prevention', ctx) : field === 'improvementPlan' ? actionItemsTable(items, 'follow_up', ctx) : undefined;
    if (text === undefined && table === undefined && !reportFieldsFor(incident.severity).includes(field)) continue;
    blocks.push(`## ${w.headings[field]}`);
    if (text !== undefined || table === undefined) blocks.push(text === undefined ? w.notProvided : escapeBlock(ctx.people(text)));
    if (table !== undefined) blocks.push(table);
  }
  const open = openItems(incident, ctx);
  if (open !== undefined) blocks.push(`## ${w.headings.openItems}`, open);
  blocks.push(
    `## ${w.headings.appendix}`,
    w.appendixIntro,
    `### ${w.headings.checklist}`,
    ...checklistSection(incident, ctx),
    `### ${w.headings.runs}`,
    runsTable(events, ctx),
    `### ${w.headings.updates}`,
    ...updatesSection(events, ctx),
    `### ${w.headings.timeline}`,
    timelineTable(events, ctx),
    `### ${w.headings.attachments}`,
    attachmentsTable(events, ctx),
  );
  return blocks;
}

/** A block of the document: its text, or a long table that writes its lines. */
type Block = string | Lines;

// The document joined once, from its pieces: a 10,000-event report is megabytes of text, and every table
// joined on its own would be built, copied into the document and thrown away.
function joinBlocks(blocks: readonly Block[]): string {
  return pieceBlocks(blocks).join('');
}

const PIECE = 16_384;

// The document cut into pieces after whole lines. Each piece is joined once from the parts of its lines
// (a table row's cells are parts of their own). Blocks are separated by an empty line, a block without lines
// is an empty line, and every line ends with a newline.
function pieceBlocks(blocks: readonly Block[]): string[] {
  const pieces: string[] = [];
  let parts: string[] = [];
  let size = 0;
  let lines = 0;
  const endLine = (length: number): void => {
    parts.push('\n');
    size += length + 1;
    lines += 1;
    if (size < PIECE) return;
    pieces.push(parts.join(''));
    parts = [];
    size = 0;
  };
  const out: LineSink = {
    line(text) {
      parts.push(text);
      endLine(text.length);
    },
    row: (cells) => endLine(pushTableRow(parts, cells)),
  };
  for (const [i, block] of blocks.entries()) {
    if (i > 0) out.line('');
    if (typeof block === 'string') {
      out.line(block);
      continue;
    }
    const before = lines;
    block(out);
    if (lines === before) out.line('');
  }
  if (parts.length > 0) pieces.push(parts.join(''));
  return pieces;
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
