// One timeline event in the report's words: the Event column of the appendix timeline.
import { CHECKLIST_ITEMS } from './checklist.js';
import type { EscalationReason } from './escalation.js';
import { nonEmpty, runDuration, type ReportContext } from './report-context.js';
import type { ReportWords } from './report-words.js';
import { snapshotText } from './report-snapshot.js';
import type { TimelineEvent } from './timeline.js';

/**
 * The event as plain text (the table row escapes it).
 * @example describeEvent({ type: 'note', text: 'disk full', … }, ctx) //=> 'Note: disk full'
 */
export function describeEvent(event: TimelineEvent, ctx: ReportContext): string {
  const { w } = ctx;
  const says = w.event;
  const command = (id: string): string => {
    const title = ctx.title(id);
    return title === undefined ? id : `${id}${w.paren(title)}`;
  };
  const job = (e: { readonly jobId: string; readonly commandId: string; readonly host: string }): string => says.job(e.jobId, command(e.commandId), e.host);
  switch (event.type) {
    case 'declared':
      return says.declared(event.title, w.severity[event.severity], ctx.time(event.detectedAt));
    case 'acknowledged':
      return says.acknowledged;
    case 'severity_changed':
      return says.severityChanged(w.severity[event.from], w.severity[event.to]);
    case 'role_assigned':
      return says.roleAssigned(ctx.name(event.user), w.role[event.role]);
    case 'checklist_ticked':
    case 'checklist_unticked': {
      const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === event.item);
      const label = item === undefined ? event.item : item[ctx.locale];
      const how = event.type === 'checklist_ticked' && event.auto ? w.paren(w.autoShort) : '';
      const reason = nonEmpty(event.reason);
      const why = reason === undefined ? '' : w.paren(w.reason(reason));
      return `${event.type === 'checklist_ticked' ? says.checked(label) : says.unchecked(label)}${how}${why}`;
    }
    case 'job_queued': {
      const params = Object.entries(event.params).map(([key, value]) => `${key}=${value}`).join(' ');
      return says.jobQueued(`${job(event)}${params === '' ? '' : w.paren(params)}`);
    }
    case 'job_started':
      return says.jobStarted(job(event));
    case 'job_finished': {
      const exit = event.exitCode === null ? '—' : String(event.exitCode);
      return says.jobFinished(job(event), w.outcome[event.outcome], exit, runDuration(event.durationMs, w));
    }
    case 'approval':
      return says.approval(w.decision[event.decision], `${command(event.commandId)}${w.paren(event.jobId)}`);
    case 'update_posted':
      return says.update(event.text);
    case 'note':
      return says.note(event.text);
    case 'verification':
      return event.passed ? says.verificationPassed : says.verificationFailed(event.failed.join(w.listSeparator));
    case 'pinned':
      return says.pinned(ctx.name(event.author), ctx.time(event.pinnedAt), event.text);
    case 'escalated':
      return says.escalated(w.level[event.level], escalationReason(event.reason, w));
    case 'clock':
      return (event.kind === 'reminder' ? says.reminder : says.breach)(w.clock[event.clock], ctx.time(event.dueAt));
    case 'resolved':
      return says.resolved;
    case 'reopened':
      return says.reopened(event.reason);
    case 'closed': {
      const reason = nonEmpty(event.unverifiedReason);
      return reason === undefined ? says.closed : says.closedUnverified(reason);
    }
    case 'alert_attached':
      return says.alertAttached(event.alertId, event.title, event.source);
    case 'report_written':
      return says.reportWritten(event.file, event.sha256);
    case 'host_snapshot':
      return says.hostSnapshot(event.jobId, event.host, snapshotText(event.snapshot, w));
    case 'followup_added':
      return says.followUpAdded(event.item, ctx.people(event.text), ctx.name(event.owner), ctx.day(event.due));
    case 'followup_state':
      return (event.state === 'done' ? says.followUpDone : says.followUpReopened)(event.item);
  }
}

// Automatic escalations store the ladder rule's code; a person's escalation stores their words.
export function escalationReason(reason: string, w: ReportWords): string {
  return Object.hasOwn(w.escalationReason, reason) ? w.escalationReason[reason as EscalationReason] : reason;
}
