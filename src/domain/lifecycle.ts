// The incident lifecycle as pure transitions: each returns the next incident and the timeline events it
// made, or an error value. Shared rules live in `act`: first response, evidence ticks, responders, version.
// Here: declare, acknowledge, resolve, close; the other records are incident-, job- and clock-records.ts.
import { evidenceFor, emptyChecklist, type ChecklistItemId, type TicksFor } from './checklist.js';
import type {
  AcknowledgedIncident,
  ActionItem,
  Actor,
  DeclaredIncident,
  Incident,
  IncidentStatus,
  Instant,
  ReportFields,
} from './incident.js';
import { isAutomaticActor } from './actors.js';
import { appendFollowUps, type FollowUpDraft } from './follow-up-items.js';
import { missingReportFields } from './report-fields.js';
import { err, ok, type Result } from './result.js';
import { isMajor, type Severity } from './severity.js';
import type { TimelineEvent, TimelineEventBody } from './timeline.js';

export const TITLE_MAX_LENGTH = 150;

export type DomainErrorCode =
  | 'usage'
  | 'closed'
  | 'not_a_person'
  | 'no_change'
  | 'already_acknowledged'
  | 'not_acknowledged'
  | 'already_resolved'
  | 'not_resolved'
  | 'not_open'
  | 'missing_fields'
  | 'reason_required'
  | 'not_higher'
  | 'clock_stopped'
  | 'verification_required'
  | 'unknown_followup';

/** An expected refusal, with a stable code adapters map to user messages. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly status?: IncidentStatus;
  readonly fields?: readonly (keyof ReportFields)[];
}

export interface Transition {
  readonly incident: Incident;
  readonly events: TimelineEvent[];
}

export type TransitionResult = Result<Transition, DomainError>;

/** What one action changes before the shared rules run. */
export interface Step {
  readonly incident: Incident;
  readonly events: readonly TimelineEventBody[];
  /** Items the action itself proves done (verification, announcement). */
  readonly ticks?: readonly ChecklistItemId[];
}

interface ActOptions {
  /** A person doing this on a declared incident makes the first response (runbook 初期対応). */
  readonly acknowledges?: boolean;
  readonly ticksFor?: TicksFor;
}

/** An expected refusal as a value: what every action returns instead of throwing. */
export const fail = (code: DomainErrorCode, message: string, extra: Omit<DomainError, 'code' | 'message'> = {}) =>
  err<DomainError>({ code, message, ...extra });


function firstResponse(incident: DeclaredIncident, actor: Actor): AcknowledgedIncident {
  return { ...incident, status: 'acknowledged', acknowledgedAt: actor.at, acknowledgedBy: actor.by };
}

function seal(incident: Incident, bodies: readonly TimelineEventBody[], ticks: readonly ChecklistItemId[], actor: Actor, ticksFor?: TicksFor): TransitionResult {
  const items = [...ticks, ...bodies.flatMap((body) => evidenceFor(body, ticksFor))];
  let checklist = incident.checklist;
  const all = [...bodies];
  for (const item of items) {
    if (checklist[item].done) continue;
    checklist = { ...checklist, [item]: { done: true, by: actor.by, at: actor.at, auto: true } };
    all.push({ type: 'checklist_ticked', item, auto: true });
  }
  if (all.length === 0) return fail('no_change', 'nothing to record');
  const responders =
    isAutomaticActor(actor.by) || incident.responders.includes(actor.by) ? incident.responders : [...incident.responders, actor.by];
  const next: Incident = { ...incident, checklist, responders, version: incident.version + 1 };
  const events = all.map(
    (body, n): TimelineEvent => ({ ...body, id: n === 0 ? actor.key : `${actor.key}.${n}`, incidentId: incident.id, at: actor.at, by: actor.by }),
  );
  return ok({ incident: next, events });
}

/**
 * Runs one action under the shared rules: refuses anything on a closed incident unless `allowClosed`,
 * applies the implicit first response, ticks what the events prove, records the responder, bumps version.
 * Event ids are the actor's key, then `<key>.1`, `<key>.2`… for the events the action caused.
 */
export function act(
  incident: Incident,
  actor: Actor,
  action: (incident: Incident) => Result<Step, DomainError>,
  options: ActOptions & { readonly allowClosed?: boolean } = {},
): TransitionResult {
  if (incident.status === 'closed' && !options.allowClosed) return fail('closed', `${incident.id} is closed`, { status: 'closed' });
  const responds = options.acknowledges === true && incident.status === 'declared' && !isAutomaticActor(actor.by);
  const started = responds && incident.status === 'declared' ? firstResponse(incident, actor) : incident;
  const step = action(started);
  if (!step.ok) return step;
  const bodies: TimelineEventBody[] = [...step.value.events, ...(responds ? [{ type: 'acknowledged' as const }] : [])];
  return seal(step.value.incident, bodies, step.value.ticks ?? [], actor, options.ticksFor);
}

export const nonBlank = (text: string): boolean => text.trim().length > 0;

export interface DeclareInput {
  readonly number: number;
  readonly title: string;
  readonly severity: Severity;
  readonly detectedAt?: Instant;
  /** 発生時刻 when known to be earlier than detection. */
  readonly startedAt?: Instant;
  readonly source: 'slack' | 'alert';
  readonly host?: string;
  readonly private?: boolean;
}

/**
 * Opens an incident. Detection and severity are ticked as evidence; a detection time after the
 * declaration (clock skew of an alert source) is taken as the declaration time, a start time after the
 * detection as the detection time. A person who declares leads (対応責任者) until someone else takes it.
 * @example declareIncident({ number: 7, title: 'main.py crashes', severity: 'critical', source: 'slack' }, actor)
 */
export function declareIncident(input: DeclareInput, actor: Actor): TransitionResult {
  const title = input.title.trim();
  if (!nonBlank(title)) return fail('usage', 'the title is empty');
  if (title.length > TITLE_MAX_LENGTH) return fail('usage', `the title is longer than ${TITLE_MAX_LENGTH} characters`);
  if (!Number.isSafeInteger(input.number) || input.number < 1) return fail('usage', 'the incident number must be a positive integer');
  const detectedAt = Math.min(input.detectedAt ?? actor.at, actor.at);
  const startedAt = input.startedAt === undefined ? undefined : Math.min(input.startedAt, detectedAt);
  const incident: DeclaredIncident = {
    id: `inc-${input.number}`,
    number: input.number,
    title,
    severity: input.severity,
    status: 'declared',
    declaredAt: actor.at,
    detectedAt,
    ...(startedAt === undefined ? {} : { startedAt }),
    declaredBy: actor.by,
    source: input.source,
    ...(input.private === true ? { private: true as const } : {}),
    roles: isAutomaticActor(actor.by) ? {} : { commander: actor.by },
    responders: [],
    checklist: emptyChecklist(),
    escalationLevel: 1,
    ...(input.host === undefined ? {} : { host: input.host }),
    report: {},
    version: 0,
  };
  return seal(incident, [{ type: 'declared', title, severity: input.severity, detectedAt }], [], actor);
}

// The first response (初期対応), made explicitly; other person actions make it implicitly.
export function acknowledge(incident: Incident, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => {
    if (current.status !== 'declared') return fail('already_acknowledged', `${current.id} was acknowledged already`, { status: current.status });
    if (isAutomaticActor(actor.by)) return fail('not_a_person', 'only a person can respond');
    return ok({ incident: firstResponse(current, actor), events: [{ type: 'acknowledged' }] });
  });
}

// Recovery (復旧): stops the recovery clock; a person resolving a declared incident also responds.
export function resolveIncident(incident: Incident, actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) => {
      if (current.status === 'resolved') return fail('already_resolved', `${current.id} is resolved already`, { status: 'resolved' });
      if (current.status !== 'acknowledged') return fail('not_acknowledged', `${current.id} has had no first response`, { status: current.status });
      return ok({ incident: { ...current, status: 'resolved', resolvedAt: actor.at, resolvedBy: actor.by }, events: [{ type: 'resolved' }] });
    },
    { acknowledges: true },
  );
}

// Reopens a resolved incident whose recovery did not hold: the recovery clock runs again from declaration.
export function reopenIncident(incident: Incident, reason: string, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => {
    if (current.status !== 'resolved') return fail('not_resolved', `${current.id} is not resolved`, { status: current.status });
    if (!nonBlank(reason)) return fail('reason_required', 'say why the incident is reopened');
    const { resolvedAt: _at, resolvedBy: _by, ...rest } = current;
    const checklist = { ...current.checklist, recovery_confirmed: { done: false, by: actor.by, at: actor.at, reason: reason.trim() } };
    return ok({ incident: { ...rest, status: 'acknowledged', checklist }, events: [{ type: 'reopened', reason: reason.trim() }] });
  });
}

export interface CloseOptions {
  /** 再発防止策 and follow-ups from the close form: appended to those recorded before, each given its id. */
  readonly actionItems?: readonly FollowUpDraft[];
  /** Closing a critical/high incident with システム検証実施 open needs a reason: the report shows it. */
  readonly unverifiedReason?: string;
}

// What the close form's fields prove done (事後対応): the analysis, the measures and the plan were written.
function ticksOfReport(report: ReportFields, actionItems: readonly ActionItem[]): ChecklistItemId[] {
  const ticks: ChecklistItemId[] = [];
  if (nonBlank(report.rootCause ?? '')) ticks.push('root_cause');
  if (nonBlank(report.prevention ?? '') || actionItems.some((item) => item.kind === 'prevention')) ticks.push('prevention');
  if (nonBlank(report.improvementPlan ?? '') || nonBlank(report.followUp ?? '') || actionItems.some((item) => item.kind === 'follow_up')) {
    ticks.push('improvement_plan');
  }
  return ticks;
}

/**
 * Closes a resolved incident once the §9.1 fields of its severity are filled (given now or earlier). The
 * fields tick what they prove; a major incident whose verification never passed needs `unverifiedReason`.
 */
export function closeIncident(incident: Incident, fields: ReportFields, actor: Actor, options: CloseOptions = {}): TransitionResult {
  return act(incident, actor, (current) => {
    if (current.status !== 'resolved') return fail('not_resolved', `${current.id} is not resolved`, { status: current.status });
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string' && nonBlank(value)));
    const report: ReportFields = { ...current.report, ...given };
    const missing = missingReportFields(current.severity, report);
    if (missing.length > 0) return fail('missing_fields', `missing report fields: ${missing.join(', ')}`, { fields: missing });
    const reason = options.unverifiedReason?.trim() ?? '';
    const unverified = isMajor(current.severity) && !current.checklist.system_verified.done;
    if (unverified && reason === '') return fail('verification_required', `${current.id} was never verified: say why it closes anyway`);
    const appended = appendFollowUps(current.actionItems ?? [], options.actionItems ?? []);
    const actionItems = appended.items;
    const closed: Incident = {
      ...current,
      status: 'closed',
      report,
      ...(actionItems.length === 0 ? {} : { actionItems }),
      closedAt: actor.at,
      closedBy: actor.by,
      ...(unverified ? { unverifiedReason: reason } : {}),
    };
    const events: TimelineEventBody[] = [...appended.events, unverified ? { type: 'closed', unverifiedReason: reason } : { type: 'closed' }];
    return ok({ incident: closed, events, ticks: ticksOfReport(report, actionItems) });
  });
}
