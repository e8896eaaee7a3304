// The report's sections below its free-text fields: basic information, response times, checklist, runs,
// attachments, status updates and the timeline. User text is escaped here, or by the table row.
import { CHECKLIST_ITEMS, CHECKLIST_PHASES, type ChecklistEntry } from './checklist.js';
import { INCIDENT_ROLES, type Incident, type Instant } from './incident.js';
import { escapeBlock, escapeInline, tableHeader, tableRow } from './markdown.js';
import { byteSize, nonEmpty, runDuration, type ReportContext } from './report-context.js';
import { describeEvent } from './report-event-text.js';
import type { TimelineEvent } from './timeline.js';

export interface SlaTargets {
  readonly responseMinutes: number;
  readonly recoveryMinutes: number;
}

export function basicsSection(incident: Incident, generatedAt: Instant, ctx: ReportContext): string {
  const { w } = ctx;
  const b = w.basics;
  const at = (instant: Instant | undefined): string => (instant === undefined ? w.notRecorded : escapeInline(ctx.time(instant)));
  const text = (value: string | undefined): string => {
    const given = nonEmpty(value);
    return given === undefined ? w.notRecorded : escapeInline(given);
  };
  const rows: [string, string][] = [
    [b.status, escapeInline(w.status[incident.status])],
    [b.severity, escapeInline(w.severity[incident.severity])],
    [b.declaredAt, at(incident.declaredAt)],
    [b.detectedAt, at(incident.detectedAt)],
    [b.acknowledgedAt, at(incident.status === 'declared' ? undefined : incident.acknowledgedAt)],
    [b.resolvedAt, at(incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined)],
    [b.closedAt, at(incident.status === 'closed' ? incident.closedAt : undefined)],
    [b.declaredBy, escapeInline(`${ctx.name(incident.declaredBy)}${w.paren(w.source[incident.source])}`)],
    [b.responders, text(responders(incident, ctx))],
    [b.escalation, escapeInline(w.level[incident.escalationLevel])],
    [b.host, text(incident.host)],
    [b.generatedAt, at(generatedAt)],
  ];
  return rows.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
}

// 対応者: everyone who acted, in order of first action, with the roles they hold.
function responders(incident: Incident, ctx: ReportContext): string {
  const people = [...incident.responders];
  for (const role of INCIDENT_ROLES) {
    const user = incident.roles[role];
    if (user !== undefined && !people.includes(user)) people.push(user);
  }
  const separator = ctx.w.listSeparator;
  return people
    .map((user) => {
      const held = INCIDENT_ROLES.filter((role) => incident.roles[role] === user).map((role) => ctx.w.role[role]);
      return held.length === 0 ? ctx.name(user) : `${ctx.name(user)}${ctx.w.paren(held.join(separator))}`;
    })
    .join(separator);
}

export function slaTable(incident: Incident, targets: SlaTargets, generatedAt: Instant, ctx: ReportContext): string {
  const { sla, duration } = ctx.w;
  const acknowledgedAt = incident.status === 'declared' ? undefined : incident.acknowledgedAt;
  const resolvedAt = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;
  const row = (label: string, targetMinutes: number, reachedAt: Instant | undefined): string => {
    const targetMs = targetMinutes * 60_000;
    const dueAt = incident.declaredAt + targetMs;
    let actual = '—';
    let verdict: string;
    if (reachedAt === undefined) {
      verdict = generatedAt > dueAt ? sla.overdueBy(duration(generatedAt - dueAt)) : sla.notYet;
    } else {
      const taken = reachedAt - incident.declaredAt;
      actual = sla.at(duration(taken), ctx.time(reachedAt));
      verdict = taken <= targetMs ? sla.met : sla.breachedBy(duration(taken - targetMs));
    }
    return tableRow([label, duration(targetMs), ctx.time(dueAt), actual, verdict]);
  };
  return [
    tableHeader(sla.columns),
    row(sla.response, targets.responseMinutes, acknowledgedAt),
    row(sla.recovery, targets.recoveryMinutes, resolvedAt),
  ].join('\n');
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
          notes.length === 0 ? '—' : notes.join('; '),
        ]),
      );
    }
    blocks.push(`### ${w.phase[phase]}`, rows.join('\n'));
  }
  return blocks;
}

export function runsTable(events: readonly TimelineEvent[], ctx: ReportContext): string {
  const rows: string[] = [];
  for (const event of events) {
    if (event.type !== 'job_finished') continue;
    rows.push(
      tableRow([
        ctx.time(event.at),
        event.commandId,
        ctx.title(event.commandId) ?? '—',
        event.host,
        ctx.w.outcome[event.outcome],
        event.exitCode === null ? '—' : String(event.exitCode),
        runDuration(event.durationMs, ctx.w),
        event.outputDigest || '—',
      ]),
    );
  }
  return rows.length === 0 ? ctx.w.none : [tableHeader(ctx.w.runColumns), ...rows].join('\n');
}

export function attachmentsTable(events: readonly TimelineEvent[], ctx: ReportContext): string {
  const rows: string[] = [];
  for (const event of events) {
    if (event.type === 'job_finished') {
      for (const file of event.files) {
        rows.push(tableRow([ctx.time(event.at), file.name, file.sha256, byteSize(file.bytes), `${event.commandId}${ctx.w.paren(event.jobId)}`]));
      }
    } else if (event.type === 'report_written') {
      rows.push(tableRow([ctx.time(event.at), event.file, event.sha256, '—', ctx.w.reportFile]));
    }
  }
  return rows.length === 0 ? ctx.w.none : [tableHeader(ctx.w.attachmentColumns), ...rows].join('\n');
}

export function updatesSection(events: readonly TimelineEvent[], ctx: ReportContext): string[] {
  const blocks: string[] = [];
  for (const event of events) {
    if (event.type !== 'update_posted') continue;
    const body = nonEmpty(event.text) === undefined ? ctx.w.notProvided : escapeBlock(event.text);
    blocks.push(`### ${escapeInline(ctx.time(event.at))}`, `*${escapeInline(ctx.w.updateBy(ctx.name(event.by)))}*`, body);
  }
  return blocks.length === 0 ? [ctx.w.none] : blocks;
}

export function timelineTable(events: readonly TimelineEvent[], ctx: ReportContext): string {
  if (events.length === 0) return ctx.w.none;
  const rows = new Array<string>(events.length + 1);
  rows[0] = tableHeader(ctx.w.timelineColumns);
  events.forEach((event, i) => {
    rows[i + 1] = tableRow([ctx.time(event.at), ctx.name(event.by), describeEvent(event, ctx)]);
  });
  return rows.join('\n');
}
