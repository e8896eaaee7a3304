// Compiles an incident's §9 report from what Redis holds. Deterministic: a retried job or `klaxon report`
// produces the same bytes for the same incident, so delivery can be idempotent.
import { BOT_ACTOR } from '../domain/actors.js';
import { findCommand, type Catalogue } from '../domain/catalogue.js';
import type { Incident } from '../domain/incident.js';
import { recordReportWritten } from '../domain/incident-records.js';
import type { Locale } from '../domain/locale.js';
import { slaFor, type Policy } from '../domain/policy.js';
import { renderReportPieces } from '../domain/report.js';
import { err, ok, type Result } from '../domain/result.js';
import { formatInstant } from '../domain/time.js';
import { createRedactor } from '../domain/redact.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { IncidentStore } from './ports.js';
import { createTextDigest } from './text-digest.js';

export interface ReportSources {
  readonly store: IncidentStore;
  readonly policy: Policy;
  readonly catalogue: Catalogue;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** The link under which an incident keeps a person's display name, so every rendering of its report names them alike. */
export const personLink = (userId: string): `person:${string}` => `person:${userId}`;

export interface CompiledReport {
  readonly incident: Incident;
  readonly fileName: string;
  readonly markdown: string;
  readonly sha256: string;
}

/** The moment the report describes: closing time, or (for a preview of an open incident) the caller's now. */
const reportTime = (incident: Incident, now: number): number => (incident.status === 'closed' ? incident.closedAt : now);

export function reportFileName(incident: Incident, at: number, timeZone: string): string {
  return `incident_${formatInstant(at, timeZone, 'yyyyMMdd_HHmmss')}_${incident.id}.md`;
}

/** `timeline`: the incident's timeline when the caller has just read it (one read of 10,000 events, not two). */
export async function compileReport(sources: ReportSources, incidentId: string, now: number, read: { readonly timeline?: readonly TimelineEvent[] } = {}): Promise<Result<CompiledReport, { code: 'not_found' }>> {
  // Three reads sent together: the record, the timeline and the links (the report's display names).
  const [stored, recorded, links] = await Promise.all([
    sources.store.get(incidentId),
    read.timeline ?? sources.store.timelineAll(incidentId),
    sources.store.getLinks(incidentId),
  ]);
  if (!stored) return err({ code: 'not_found' });
  const at = reportTime(stored, now);
  const fileName = reportFileName(stored, at, sources.timeZone);
  // The report is the evidence of 報告書作成: a closed incident's report shows that item ticked at closing time,
  // whether or not the delivery has recorded it yet, so the bytes are the same before and after delivery.
  const written = stored.status === 'closed' ? recordReportWritten(stored, { file: fileName, sha256: '' }, { by: BOT_ACTOR, at, key: `report-${incidentId}` }) : undefined;
  const incident = written?.ok ? written.value.incident : stored;
  // The few pending events are looked up in the timeline rather than the timeline put in a set: a 10,000-event
  // timeline made a set of 10,000 ids and two more arrays for each report.
  const pending = written?.ok ? written.value.events.filter((event) => !recorded.some((known) => known.id === event.id)) : [];
  // A report cannot list its own digest: report_written events stay out.
  const events: TimelineEvent[] = [];
  for (const list of [recorded, pending]) for (const event of list) if (event.type !== 'report_written') events.push(event);
  const userNames = Object.fromEntries(Object.entries(links).flatMap(([key, name]) => (key.startsWith(personLink('')) && name !== undefined ? [[key.slice(personLink('').length), name]] : [])));
  // Free text typed by people (updates, notes, the close form) is in the report too: it travels further than
  // the channel (a file, an upload, a summary), so it gets the same secret redaction as command output. The
  // report is redacted and digested piece by piece (pieces of whole lines, so redaction sees every line
  // whole) and kept as the pieces joined by reference: the text is never copied into one flat string here.
  const redactor = createRedactor();
  const digest = createTextDigest();
  let markdown = '';
  const pieces = renderReportPieces({
    incident,
    events,
    locale: sources.locale,
    timeZone: sources.timeZone,
    targets: slaFor(sources.policy, incident.severity),
    commandTitle: (id) => findCommand(sources.catalogue, id)?.title[sources.locale],
    userNames,
    generatedAt: at,
  });
  const add = (text: string): void => {
    digest.update(text);
    markdown += text;
  };
  for (const piece of pieces) add(redactor.push(piece));
  add(redactor.flush());
  return ok({ incident: stored, fileName, markdown, sha256: digest.hex() });
}
