// The report's sections apart from the free-text fields: 基本情報, 対応時間, 経緯, action items, 未完了項目, and
// the appendix (checklist, commands, status updates, timeline, attachments). User text is escaped here, or
// by the table row.
import { CHECKLIST_ITEMS, CHECKLIST_PHASES, type ChecklistEntry } from './checklist.js';
import { followUpId } from './follow-up-items.js';
import { INCIDENT_ROLES, type ActionItem, type Incident, type Instant } from './incident.js';
import { escapeBlock, escapeInline, tableHeader, tableRow } from './markdown.js';
import { byteSize, nonEmpty, runDuration, type ReportContext } from './report-context.js';
import { describeEvent, escalationReason } from './report-event-text.js';
import type { BasicsLabel } from './report-words.js';
import { metTarget, type SlaTargets } from './sla.js';
import type { TimelineEvent } from './timeline.js';

/**
 * A long table, written into the document as the report is cut into pieces: its cells go straight into
 * the piece, so no row is ever built as a string of its own (a 10,000-event report made megabytes of rows
 * that were copied once into the text and then collected).
 */
export type Lines = (out: LineSink) => void;

/** Where a long table writes. */
export interface LineSink {
  /** One line of Markdown, as is. */
  line(text: string): void;
  /** A GFM table row from plain-text cells, each escaped: the same text as `tableRow(cells)`. */
  row(cells: readonly string[]): void;
}

/** One row of 基本情報: its label and its value as plain text (the table escapes it). */
export type BasicsRow = readonly [label: BasicsLabel, value: string | undefined];

const acknowledgedAt = (incident: Incident): Instant | undefined => (incident.status === 'declared' ? undefined : incident.acknowledgedAt);
const resolvedAt = (incident: Incident): Instant | undefined =>
  incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;

/** 発生時刻: when it started if someone knows, else when it was detected. */
export const startedAt = (incident: Incident): Instant => incident.startedAt ?? incident.detectedAt;

/**
 * 基本情報 as rows: who, what, when. `extra` rows (a host snapshot, say) go after the host row.
 * 報告者 is whoever closed the incident, else its commander; 版数 counts the reports written before this one.
 */
export function basicsRows(incident: Incident, events: readonly TimelineEvent[], generatedAt: Instant, ctx: ReportContext): BasicsRow[] {
  const { w } = ctx;
  const when = (at: Instant | undefined): string | undefined => (at === undefined ? undefined : ctx.when(at));
  const reporter = incident.status === 'closed' ? incident.closedBy : incident.roles.commander;
  const recovered = resolvedAt(incident);
  const impact = (recovered ?? generatedAt) - startedAt(incident);
  const revision = 1 + events.filter((event) => event.type === 'report_written').length;
  const commander = incident.roles.commander;
  return [
    ['subject', nonEmpty(incident.title) ?? w.untitled],
    ['id', incident.id],
    ['reporter', reporter === undefined ? undefined : ctx.name(reporter)],
    ['createdAt', ctx.when(generatedAt)],
    ['revision', w.revision(revision)],
    ['severity', w.severity[incident.severity]],
    ['status', w.status[incident.status]],
    ['startedAt', when(startedAt(incident))],
    ['detectedAt', when(incident.detectedAt)],
    ['declaredAt', `${ctx.when(incident.declaredAt)}${w.paren([ctx.name(incident.declaredBy), w.source[incident.source]].join(w.listSeparator))}`],
    ['acknowledgedAt', when(acknowledgedAt(incident))],
    ['resolvedAt', when(recovered)],
    ['closedAt', when(incident.status === 'closed' ? incident.closedAt : undefined)],
    ['impactDuration', (recovered === undefined ? w.impactOngoing : w.impactDuration)(w.duration(Math.max(0, impact)))],
    ['detectionMethod', nonEmpty(incident.report.detectionMethod)],
    ['commander', commander === undefined ? w.nobody : ctx.name(commander)],
    ['responders', responders(incident, ctx)],
    ['escalation', w.level[incident.escalationLevel]],
    ['host', nonEmpty(incident.host)],
  ];
}

export function basicsTable(rows: readonly BasicsRow[], ctx: ReportContext): string {
  return [
    tableHeader(ctx.w.basicsColumns),
    ...rows.map(([label, value]) => `| ${ctx.w.basics[label]} | ${value === undefined ? ctx.w.notRecorded : escapeInline(ctx.people(value))} |`),
  ].join('\n');
}

// 対応者: everyone who acted, in order of first action, with the roles they hold.
function responders(incident: Incident, ctx: ReportContext): string | undefined {
  const people = [...incident.responders];
  for (const role of INCIDENT_ROLES) {
    const user = incident.roles[role];
    if (user !== undefined && !people.includes(user)) people.push(user);
  }
  const separator = ctx.w.listSeparator;
  const list = people
    .map((user) => {
      const held = INCIDENT_ROLES.filter((role) => incident.roles[role] === user).map((role) => ctx.w.role[role]);
      return held.length === 0 ? ctx.name(user) : `${ctx.name(user)}${ctx.w.paren(held.join(separator))}`;
    })
    .join(separator);
  return nonEmpty(list);
}

export function slaTable(incident: Incident, targets: SlaTargets, generatedAt: Instant, ctx: ReportContext): string {
  const { sla, duration } = ctx.w;
  const row = (label: string, targetMinutes: number, reachedAt: Instant | undefined): string => {
    const targetMs = targetMinutes * 60_000;
    const dueAt = incident.declaredAt + targetMs;
    let actual = '—';
    let verdict: string;
    if (reachedAt === undefined) {
      verdict = metTarget(generatedAt - incident.declaredAt, targetMinutes) ? sla.notYet : sla.overdueBy(duration(generatedAt - dueAt));
    } else {
      const taken = reachedAt - incident.declaredAt;
      actual = sla.at(duration(taken), ctx.when(reachedAt));
      // One rule with the clocks, the chart and the metrics: reaching a target at its due instant is late.
      verdict = metTarget(taken, targetMinutes) ? sla.met : sla.breachedBy(duration(taken - targetMs));
    }
    return tableRow([label, duration(targetMs), ctx.when(dueAt), actual, verdict]);
  };
  return [
    tableHeader(sla.columns),
    row(sla.response, targets.responseMinutes, acknowledgedAt(incident)),
    row(sla.recovery, targets.recoveryMinutes, resolvedAt(incident)),
  ].join('\n');
}

/** 経緯: the milestones in time order, one line each, before the full timeline in the appendix. */
export function historyList(incident: Incident, events: readonly TimelineEvent[], ctx: ReportContext): string {
  const { w } = ctx;
  const says = w.history;
  const lines: (readonly [Instant, string])[] = [];
  if (incident.startedAt !== undefined && incident.startedAt < incident.detectedAt) lines.push([incident.startedAt, says.started]);
  if (incident.detectedAt < incident.declaredAt) lines.push([incident.detectedAt, says.detected]);
  for (const event of events) {
    const by = ctx.name(event.by);
    switch (event.type) {
      case 'declared':
        lines.push([event.at, says.declared(by)]);
        break;
      case 'acknowledged':
        lines.push([event.at, says.acknowledged(by)]);
        break;
      case 'severity_changed':
        lines.push([event.at, says.severityChanged(w.severity[event.from], w.severity[event.to], by)]);
        break;
      case 'escalated':
        lines.push([event.at, `${says.escalated(w.level[event.level])}${w.paren(escalationReason(event.reason, w))}`]);
        break;
      case 'resolved':
        lines.push([event.at, says.resolved(by)]);
        break;
      case 'reopened':
        lines.push([event.at, says.reopened(by, event.reason)]);
        break;
      case 'closed':
        lines.push([event.at, says.closed(by)]);
        break;
      default:
        break;
    }
  }
  if (lines.length === 0) return w.none;
  return lines.map(([at, text]) => `- ${escapeInline(w.historyLine(ctx.when(at), ctx.people(text)))}`).join('\n');
}

/** A field's text followed by its action items (再発防止策 / 改善計画), each with owner and due date. */
export function actionItemsTable(items: readonly ActionItem[], kind: ActionItem['kind'], ctx: ReportContext): string | undefined {
  const rows = items.map((item, n) => ({ item, id: followUpId(item, n) })).filter(({ item }) => item.kind === kind);
  if (rows.length === 0) return undefined;
  return [
    tableHeader(ctx.w.actionColumns[kind]),
    ...rows.map(({ item, id }) =>
      tableRow([
        id,
        ctx.people(item.text),
        item.owner === undefined ? ctx.w.nobody : ctx.name(item.owner),
        item.due === undefined ? '—' : ctx.day(item.due),
        item.done === undefined ? ctx.w.followUpState.open : ctx.w.followUpState.done(ctx.when(item.done.at)),
      ]),
    ),
  ].join('\n');
}

/** 未完了項目: what was left open, or nothing (the section is left out) when all is done. */
export function openItems(incident: Incident, ctx: ReportContext): string | undefined {
  const { w } = ctx;
  const lines: string[] = [];
  if (incident.status !== 'closed') lines.push(w.openItems.notClosed(w.status[incident.status]));
  if (incident.status === 'closed' && nonEmpty(incident.unverifiedReason) !== undefined) {
    lines.push(w.openItems.unverified(incident.unverifiedReason ?? ''));
  }
  for (const item of CHECKLIST_ITEMS) {
    const entry: ChecklistEntry = incident.checklist[item.id] ?? { done: false };
    if (entry.done) continue;
    const reason = nonEmpty(entry.reason);
    lines.push(`${w.openItems.item(item[ctx.locale])}${reason === undefined ? '' : w.paren(w.reason(reason))}`);
  }
  if (lines.length === 0) return undefined;
  return [w.openItems.intro, lines.map((line) => `- ${escapeInline(line)}`).join('\n')].join('\n\n');
}

export function checklistSection(incident: Incident, ctx: ReportContext): string[] {
  const { w } = ctx;
  const blocks: string[] = [];
  for (const phase of CHECKLIST_PHASES) {
    const rows = [tableHeader(w.checklistColumns)];
    for (const item of CHECKLIST_ITEMS) {
      if (item.phase !== phase) continue;
      // Records come from storage: tolerate an item missing from an older incident.
      const entry: ChecklistEntry = incident.checklist[item.id] ?? { done: false };
      const notes: string[] = [];
      if (entry.auto === true) notes.push(w.auto);
      const reason = nonEmpty(entry.reason);
      if (reason !== undefined) notes.push(w.reason(reason));
      rows.push(
        tableRow([
          item[ctx.locale],
          entry.done ? '✓' : '✗',
          entry.by === undefined ? '—' : ctx.name(entry.by),
          entry.at === undefined ? '—' : ctx.time(entry.at),
          notes.length === 0 ? '—' : notes.join(w.listSeparator),
        ]),
      );
    }
    blocks.push(`#### ${w.phase[phase]}`, rows.join('\n'));
  }
  return blocks;
}

export function runsTable(events: readonly TimelineEvent[], ctx: ReportContext): Lines {
  return (out) => {
    if (!events.some((event) => event.type === 'job_finished')) return out.line(ctx.w.none);
    out.line(tableHeader(ctx.w.runColumns));
    for (const event of events) {
      if (event.type !== 'job_finished') continue;
      out.row([
        ctx.time(event.at),
        event.commandId,
        ctx.title(event.commandId) ?? '—',
        event.host,
        ctx.w.outcome[event.outcome],
        event.exitCode === null ? '—' : String(event.exitCode),
        runDuration(event.durationMs, ctx.w),
        event.outputDigest || '—',
      ]);
    }
  };
}

export function attachmentsTable(events: readonly TimelineEvent[], ctx: ReportContext): Lines {
  return (out) => {
    const any = events.some((event) => (event.type === 'job_finished' && event.files.length > 0) || event.type === 'report_written');
    if (!any) return out.line(ctx.w.none);
    out.line(tableHeader(ctx.w.attachmentColumns));
    for (const event of events) {
      if (event.type === 'job_finished') {
        for (const file of event.files) {
          out.row([ctx.time(event.at), file.name, file.sha256, byteSize(file.bytes), `${event.commandId}${ctx.w.paren(event.jobId)}`]);
        }
      } else if (event.type === 'report_written') {
        out.row([ctx.time(event.at), event.file, event.sha256, '—', ctx.w.reportFile]);
      }
    }
  };
}

export function updatesSection(events: readonly TimelineEvent[], ctx: ReportContext): string[] {
  const blocks: string[] = [];
  for (const event of events) {
    if (event.type !== 'update_posted') continue;
    const body = nonEmpty(event.text) === undefined ? ctx.w.notProvided : escapeBlock(ctx.people(event.text));
    blocks.push(`#### ${escapeInline(ctx.when(event.at))}`, `*${escapeInline(ctx.w.updateBy(ctx.name(event.by)))}*`, body);
  }
  return blocks.length === 0 ? [ctx.w.none] : blocks;
}

export function timelineTable(events: readonly TimelineEvent[], ctx: ReportContext): Lines {
  return (out) => {
    if (events.length === 0) return out.line(ctx.w.none);
    out.line(tableHeader(ctx.w.timelineColumns));
    for (const event of events) out.row([ctx.time(event.at), ctx.name(event.by), ctx.people(describeEvent(event, ctx))]);
  };
}
