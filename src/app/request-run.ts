// Asking for a catalogue command on a host: resolve it, check the caller's role, then queue it or ask a
// second person to approve it. Every decision goes to the audit stream.
import { createHash, randomUUID } from 'node:crypto';
import { mayApproveRun, mayRequestRun, unlessGroupsUnknown, type NotAllowed } from '../domain/authority.js';
import { findCommand, type CommandSpec } from '../domain/catalogue.js';
import { canonicalParams, describeRefusal, resolveCommand, type Refusal } from '../domain/command-resolution.js';
import type { TicksFor } from '../domain/checklist.js';
import type { Actor, Incident } from '../domain/incident.js';
import { recordApproval, recordJobFinished, recordJobQueued, type JobFinished, type JobRef } from '../domain/job-records.js';
import type { DomainError } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../domain/result.js';
import { apply } from './apply.js';
import { personOf, unknownGroupsNote } from './authorise.js';
import { hostServed, unknownHostReason, type UnknownHost } from './host-served.js';
import { RecordedButCutShort } from './cut-short.js';
import { APPROVAL_LAPSED, refuseLapsed } from './refuse-lapsed.js';
import type { AuditEntry, NotFound, PendingApproval, RunJobData, Updated } from './ports.js';
import type { Services } from './services.js';

// `workerOnline` false: the host has had workers but none is connected now, so the run waits for one.
export type RunDecision =
  /** `incident`: as stored with the run recorded, for a caller that asks for another run of it next (Run all). */
  | { readonly state: 'queued'; readonly run: RunJobData; readonly spec: CommandSpec; readonly workerOnline: boolean; readonly incident: Incident }
  | { readonly state: 'needs_approval'; readonly run: RunJobData; readonly spec: CommandSpec; readonly expiresAt: number; readonly workerOnline: boolean };

export type RunRefusal =
  /** The catalogue refused the request (unknown command, a bad parameter, too low a severity): words per locale. */
  | { readonly code: 'refused'; readonly refusal: Refusal }
  | NotAllowed
  | { readonly code: 'closed' }
  | { readonly code: 'no_such_request' }
  | { readonly code: 'expired' }
  | { readonly code: 'self_approval' }
  | { readonly code: 'already_decided' }
  /** The same person asked for the same command with the same parameters a moment ago: that run is the answer. */
  | { readonly code: 'duplicate' }
  /** No worker has ever served the host: the run would wait for nobody. */
  | UnknownHost;

export interface RunRequest {
  readonly incident: Incident;
  readonly commandId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly host?: string;
  readonly by: string;
  readonly key: string;
  /** The "Run all" this request belongs to. */
  readonly suite?: string;
  /**
   * Record the run as queued but leave its host job to the caller's `startRun`: "Run all" queues its summary
   * message between the two, so no run's events reach Slack before the message whose thread they go in.
   */
  readonly hold?: boolean;
}

/** How long a person's run request stands for their repeats (a double click, three quick clicks on Run). */
export const RUN_REPEAT_WINDOW_SECONDS = 10;

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function requestRun(services: Services, request: RunRequest): Promise<Result<RunDecision, RunRefusal>> {
  const { incident } = request;
  if (incident.status === 'closed') return err({ code: 'closed' });
  const host = request.host ?? incident.host ?? services.config.workerHost;
  // One id for the request, its run and every audit entry about either, so the audit trail joins up.
  const runId = `run-${incident.id}-${digest(request.key).slice(0, 16)}`;
  const audit = { at: services.now(), actor: request.by, requestId: runId, incidentId: incident.id, commandId: request.commandId, host };
  const resolved = resolveCommand(services.catalogue, request.commandId, request.params, { severity: incident.severity });
  if (!resolved.ok) {
    await services.audit.append({ ...audit, action: 'run', decision: 'refused', detail: describeRefusal(resolved.error) });
    return err({ code: 'refused', refusal: resolved.error });
  }
  const { spec, params } = resolved.value;
  const paramsDigest = digest(canonicalParams(params));
  const requester = await personOf(services, request.by);
  // A command that needs a second person's approval may be asked for by any responder: the approver is the check.
  const allowed = unlessGroupsUnknown(mayRequestRun(services.policy, incident, requester.person, spec), requester.groupsKnown);
  if (!allowed.ok) {
    await services.audit.append({ ...audit, action: 'run', decision: 'denied', paramsDigest, detail: `role lacks ${allowed.error.needs}${unknownGroupsNote(allowed.error.groupsUnknown)}` });
    return allowed;
  }
  // The served hosts and the repeat window are asked for together, one round trip before the run is queued.
  // The host is checked first, before an approver is asked (approving a run for a misspelt host would approve
  // nothing), and a window taken for a run refused that way is given back.
  const window = runWindow({ incidentId: incident.id, requestedBy: request.by, commandId: spec.id, host }, paramsDigest);
  const first = firstOfRepeats(services, incident.id, window, runId);
  first.catch(() => undefined);
  const giveBack = async () => {
    if (await first.catch(() => false)) await services.once.release(window, runId);
  };
  const served = hostServed(
    await services.workers().catch(async (error: unknown) => {
      await giveBack().catch(() => undefined);
      throw error;
    }),
    host,
  );
  if (!served.ok) {
    await giveBack();
    await services.audit.append({ ...audit, action: 'run', decision: 'refused', paramsDigest, detail: unknownHostReason(served.error) });
    return served;
  }
  const workerOnline = served.value.online;
  if (!(await first)) return err({ code: 'duplicate' });
  const run: RunJobData = {
    runId,
    incidentId: incident.id,
    commandId: spec.id,
    params,
    host,
    requestedBy: request.by,
    severity: incident.severity,
    ...(request.suite === undefined ? {} : { suite: request.suite }),
  };
  if (spec.requiresApproval) {
    const expiresAt = services.now() + services.policy.approvalTtlMinutes * 60_000;
    const pending: PendingApproval = { run, expiresAt };
    const ttlSeconds = Math.max(1, Math.ceil((expiresAt - services.now()) / 1000)) + 3600;
    await services.approvals.put(pending, ttlSeconds);
    await services.audit.append({ ...audit, action: 'run', decision: 'approval_requested', paramsDigest });
    // The request's message is queued before the timeline's record of it, and its effect records it too: once
    // queued, the request stands (approvers will see it) whatever cuts off what follows.
    await services.effects.enqueue({ name: 'run-accepted', data: { incidentId: incident.id, run, approval: { expiresAt, requestedAt: audit.at } } }, `approval-${run.runId}`);
    await recordApprovalRequested(services, run, audit.at).catch((error: unknown) => {
      throw new RecordedButCutShort({ kind: 'approval', run }, error);
    });
    return ok({ state: 'needs_approval', run, spec, expiresAt, workerOnline });
  }
  const stored = await queueRun(services, run, paramsDigest, request.by, { hold: request.hold === true, lastSeen: incident });
  if (!stored) return err({ code: 'closed' });
  return ok({ state: 'queued', run, spec, workerOnline, incident: stored });
}

// The first request holds the window; a retry of that same request (same key, same runId) goes on, a repeat
// by a new click is the run already asked for, unless that run has finished: asking again is then a re-run.
// A finished run lets go of its window when its result is recorded (`releaseRunWindow`), so a re-run is
// normally one step; the timeline is read (once) only for a run whose release has not happened yet.
async function firstOfRepeats(services: Services, incidentId: string, window: string, runId: string): Promise<boolean> {
  let finished: ReadonlySet<string> | undefined;
  for (;;) {
    const held = await services.once.hold(window, runId, RUN_REPEAT_WINDOW_SECONDS);
    if (held === runId) return true;
    finished ??= new Set((await services.store.timelineAll(incidentId)).flatMap((e) => (e.type === 'job_finished' ? [e.jobId] : [])));
    if (!finished.has(held)) return false;
    // Only that run's hold goes: of several re-runs asking at once, one takes the window and the rest are its repeats.
    await services.once.release(window, held);
  }
}

type WindowOf = Pick<RunJobData, 'incidentId' | 'requestedBy' | 'commandId' | 'host'>;

const runWindow = (run: WindowOf, paramsDigest: string): string => `run-window-${run.incidentId}-${run.requestedBy}-${run.commandId}-${run.host}-${paramsDigest}`;

/** A run's result is recorded: the person who asked for it may ask again at once (a re-run, not a repeat). */
export const releaseRunWindow = (services: Services, run: RunJobData): Promise<boolean> =>
  services.once.release(runWindow(run, digest(canonicalParams(run.params))), run.runId);

/** Puts a run's result on the timeline (once per `actor.key`), then lets go of its repeat window. */
export async function recordRunFinished(services: Services, run: RunJobData, finished: Omit<JobFinished, keyof JobRef>, ticksFor: TicksFor, actor: Actor): Promise<Result<Updated, DomainError | NotFound>> {
  const job = { jobId: run.runId, commandId: run.commandId, host: run.host };
  const recorded = await apply(services, run.incidentId, (i) => recordJobFinished(i, { ...job, ...finished }, ticksFor, actor), actor.key);
  if (recorded.ok) await releaseRunWindow(services, run);
  return recorded;
}

const EXPIRED = 'expired';
const DECISION_HOLD_S = 7 * 86_400;
/**
 * How long the holder of a decision has to record it (it takes milliseconds): one that has not by then was cut
 * off between its hold and its record (its process died, Redis failed), and a later click finishes it.
 */
export const DECISION_GRACE_MS = 30_000;

type Decided = 'approved' | 'denied';
type ApprovalOutcome = Result<RunDecision | { readonly state: 'denied'; readonly run: RunJobData }, RunRefusal>;

// What the hold says: the decision, who made it and when, so a decision cut off after its hold can be
// finished as it was made. (A hold of an older bot, `<decision> <uuid>`, says neither and is left as it is.)
interface Held {
  readonly decision: Decided;
  readonly by: string;
  readonly at: number;
}
const holdOwner = (held: Held): string => `${held.decision} ${held.by} ${held.at} ${randomUUID()}`;
function heldOf(owner: string): Held | undefined {
  const [decision, by, at, id] = owner.split(' ');
  if ((decision !== 'approved' && decision !== 'denied') || !by || id === undefined || !/^\d+$/.test(at ?? '')) return undefined;
  return { decision, by, at: Number(at) };
}

/** A second person approves (or denies) a pending destructive run. */
export async function decideApproval(
  services: Services,
  // The incident whose channel the click came from: an approval decides only a run of that incident.
  decision: { readonly runId: string; readonly incidentId: string; readonly by: string; readonly approve: boolean },
): Promise<ApprovalOutcome> {
  const pending = await services.approvals.get(decision.runId);
  if (!pending) return err({ code: 'no_such_request' });
  const { run } = pending;
  const audit = { at: services.now(), actor: decision.by, requestId: run.runId, incidentId: run.incidentId, commandId: run.commandId, host: run.host };
  const paramsDigest = digest(canonicalParams(run.params));
  if (run.incidentId !== decision.incidentId) {
    await services.audit.append({ ...audit, action: 'approve', decision: 'denied', paramsDigest, detail: `clicked in ${decision.incidentId}` });
    return err({ code: 'no_such_request' });
  }
  // `decided` alone is not enough: it is written before the rest of the decision, which a failure may cut off.
  if (pending.settled === true) return err({ code: 'already_decided' });
  // The expiry decides the request as an approver does, under the same key: an approver whose click passed the
  // expiry check a moment ago may still be deciding, and only the first of the two may stand.
  const decideKey = `decide-${run.runId}`;
  if (services.now() > pending.expiresAt) {
    const holder = await services.once.hold(decideKey, EXPIRED, DECISION_HOLD_S);
    if (holder !== EXPIRED) return finishInterrupted(services, pending, decideKey, holder, decision.by);
    await services.audit.append({ ...audit, action: 'approve', decision: 'expired', paramsDigest });
    await recordDecision(services, run, 'expired', decision.by);
    await showDecision(services, run, 'expired', decision.by);
    return err({ code: 'expired' });
  }
  if (decision.approve && decision.by === run.requestedBy) {
    await services.audit.append({ ...audit, action: 'approve', decision: 'self_approval_refused', paramsDigest });
    return err({ code: 'self_approval' });
  }
  const decider = await personOf(services, decision.by);
  // Approvers decide; the requester may also withdraw (deny) their own request. Nobody else may block it.
  const approver = unlessGroupsUnknown(mayApproveRun(services.policy, decider.person, run.commandId), decider.groupsKnown);
  if (!approver.ok && !(!decision.approve && decision.by === run.requestedBy)) {
    await services.audit.append({ ...audit, action: 'approve', decision: 'denied', paramsDigest, detail: `not an approver${unknownGroupsNote(approver.error.groupsUnknown)}` });
    return approver;
  }
  const held: Held = { decision: decision.approve ? 'approved' : 'denied', by: decision.by, at: services.now() };
  const owner = holdOwner(held);
  const holder = await services.once.hold(decideKey, owner, DECISION_HOLD_S);
  if (holder === EXPIRED) return err({ code: 'expired' });
  if (holder !== owner) return finishInterrupted(services, pending, decideKey, holder, decision.by);
  return settleDecision(services, pending, held);
}

// A decision held for longer than the grace and never settled was cut off. The hold passes, in one step, to
// the first click that finds it (a second finds it taken again), and that click records the decision as its
// holder made it: each step after the hold is once by its key, so whatever the holder did is not done twice.
// The person whose click was cut off is told what it did; anyone else, that the request was decided.
async function finishInterrupted(services: Services, pending: PendingApproval, decideKey: string, holder: string, by: string): Promise<ApprovalOutcome> {
  const held = heldOf(holder);
  if (held === undefined || services.now() - held.at < DECISION_GRACE_MS) return err({ code: 'already_decided' });
  if (!(await services.once.swap(decideKey, holder, holdOwner({ ...held, at: services.now() }), DECISION_HOLD_S))) return err({ code: 'already_decided' });
  services.logger.warn({ runId: pending.run.runId, decision: held.decision, by: held.by, heldAt: held.at }, 'finishing an approval decision whose first attempt was cut off');
  const finished = await settleDecision(services, pending, held, { finishedBy: by });
  return held.by === by ? finished : err({ code: 'already_decided' });
}

// Everything a decision does after its hold, in an order that leaves the request's buttons in place until the
// rest is done: whatever cuts this off, a later click can still reach finishInterrupted.
async function settleDecision(services: Services, pending: PendingApproval, held: Held, finishing?: { readonly finishedBy: string }): Promise<ApprovalOutcome> {
  const { run } = pending;
  const paramsDigest = digest(canonicalParams(run.params));
  const audit = { at: services.now(), actor: held.by, requestId: run.runId, incidentId: run.incidentId, commandId: run.commandId, host: run.host, paramsDigest };
  const detail = finishing === undefined ? {} : { detail: `recorded after its first attempt was cut off, on a click by ${finishing.finishedBy}` };
  // Written first: a bot restarting queues an approved run again only while its request says approved.
  await services.approvals.replace({ ...pending, decided: held.decision });
  await services.audit.append({ ...audit, action: 'approve', decision: held.decision === 'approved' ? 'approved' : 'denied_by_approver', ...detail });
  await recordDecision(services, run, held.decision, held.by);
  const outcome = held.decision === 'denied' ? ok({ state: 'denied' as const, run }) : await startApproved(services, pending, held, finishing !== undefined);
  await showDecision(services, run, held.decision, held.by);
  await services.approvals.replace({ ...pending, decided: held.decision, settled: true });
  return outcome;
}

// An approval finished after its window, whose run is not on its host's queue yet, is on record but does not
// start: a destructive command does not go long after it was approved, with nobody asking again (as at start,
// resume-queued-runs.ts).
async function startApproved(services: Services, pending: PendingApproval, held: Held, late: boolean): Promise<ApprovalOutcome> {
  const approved: RunJobData = { ...pending.run, approvedBy: held.by };
  if (late && services.now() > pending.expiresAt && !(await services.runs.has(approved))) {
    await refuseLapsed(services, approved, services.now(), APPROVAL_LAPSED);
    return err({ code: 'expired' });
  }
  const stored = await queueRun(services, approved, digest(canonicalParams(approved.params)), held.by);
  if (!stored) return err({ code: 'closed' });
  const spec = findCommand(services.catalogue, approved.commandId) as CommandSpec;
  // The host was served when the run was asked for; whether a worker is there now is news for the approver.
  const now = hostServed(await services.workers(), approved.host);
  return ok({ state: 'queued', run: approved, spec, workerOnline: now.ok && now.value.online, incident: stored });
}

/** The timeline's "approval requested", once by its key, at the time it was asked for. */
export async function recordApprovalRequested(services: Services, run: RunJobData, at: number): Promise<void> {
  const key = `${run.runId}-requested`;
  await apply(services, run.incidentId, (i) => recordApproval(i, { jobId: run.runId, commandId: run.commandId, decision: 'requested' }, { by: run.requestedBy, key, at }), key);
}

async function recordDecision(services: Services, run: RunJobData, decision: Decided | 'expired', by: string) {
  const key = `${run.runId}-${decision}`;
  await apply(services, run.incidentId, (i) => recordApproval(i, { jobId: run.runId, commandId: run.commandId, decision }, actorOf(services, by, key)), key);
}

// The request message is replaced by the decision, so nobody can click a stale Approve.
const showDecision = (services: Services, run: RunJobData, decision: Decided | 'expired', by: string) =>
  services.effects.enqueue({ name: 'approval-decided', data: { incidentId: run.incidentId, run, decision, by, at: services.now() } }, `approval-decided-${run.runId}`);

/** The snapshot command klaxon runs itself, at declaration and at resolve. */
export const SNAPSHOT_COMMAND = 'host.snapshot';

// klaxon's own reproducibility snapshot of the incident's host: read-only, no role or approval, queued only
// when a worker for that host is online (a job for an absent host would wait for nobody). Returns whether
// it was queued. Several callers may ask for the same one (a declaration's and its setup's): the first records
// and queues it; a snapshot recorded but never queued (its caller cut off) is the left-behind look's.
export async function requestSnapshot(services: Services, incident: Incident, phase: 'declared' | 'resolved'): Promise<boolean> {
  if (!services.policy.hostSnapshots) return false;
  const host = incident.host ?? services.config.workerHost;
  if (incident.status === 'closed' || !services.catalogue.some((c) => c.id === SNAPSHOT_COMMAND)) return false;
  if (!(await services.workers()).some((w) => w.host === host && w.online)) return false;
  const resolved = resolveCommand(services.catalogue, SNAPSHOT_COMMAND, {}, { severity: incident.severity });
  if (!resolved.ok) return false;
  const run: RunJobData = {
    runId: `run-${incident.id}-snapshot-${phase}`,
    incidentId: incident.id,
    commandId: SNAPSHOT_COMMAND,
    params: resolved.value.params,
    host,
    requestedBy: 'klaxon',
    severity: incident.severity,
  };
  return (await queueRun(services, run, digest(canonicalParams(run.params)), 'klaxon', { byPerson: false, onceRecorded: true })) !== undefined;
}

// The incident as stored with the run recorded, or undefined when it closed between the caller's read and this
// write: nothing is queued then. Once
// job_queued is stored the run stands, whatever cuts off the steps after it: that is `RecordedButCutShort`.
async function queueRun(
  services: Services,
  run: RunJobData,
  paramsDigest: string,
  by: string,
  how: {
    readonly byPerson?: boolean;
    readonly hold?: boolean;
    readonly lastSeen?: Incident;
    /**
     * A run recorded as queued before (by another caller) is left to whoever recorded it. Without it a repeat
     * of the same request queues its job again, which repairs a first attempt cut off before it.
     */
    readonly onceRecorded?: boolean;
  } = {},
): Promise<Incident | undefined> {
  const key = `${run.runId}-queued`;
  let stored = false;
  // The allow is audited in the step that stores job_queued, so the host job follows it with no round trip
  // between them. A held run's allow waits for its `startRun`.
  const allow = how.hold === true ? undefined : allowEntry(services, run, paramsDigest, by);
  // The job is queued once job_queued is stored, before the incident's redraw and clocks: those do not guard
  // the run, and the person clicked to see it start.
  const queue = async (duplicate: boolean) => {
    stored = true;
    if (how.hold === true) return;
    if (!duplicate) return addRunJob(services, run);
    // Stored before, by a first attempt that may have been cut off before its job: queued again, with its allow.
    if (how.onceRecorded !== true) await enqueueRun(services, run, paramsDigest, by);
  };
  const record = (i: Incident) => recordJobQueued(i, { jobId: run.runId, commandId: run.commandId, host: run.host, params: run.params, ...(run.suite === undefined ? {} : { suite: run.suite }) }, actorOf(services, by, key), how.byPerson ?? true);
  const recorded = await apply(services, run.incidentId, record, key, { first: queue, ...(how.lastSeen ? { lastSeen: how.lastSeen } : {}), ...(allow ? { audit: allow } : {}) }).catch((error: unknown) => {
    throw stored ? new RecordedButCutShort({ kind: 'run', run }, error) : error;
  });
  if (recorded.ok) return recorded.value.incident;
  if (recorded.error.code === 'closed') return undefined;
  throw new Error(`${run.runId} not queued: ${recorded.error.code}`);
}

/** Puts a run recorded as queued (with `hold`, or by a bot that died before its job) on its host's queue. */
export const startRun = (services: Services, run: RunJobData, detail?: string): Promise<void> =>
  enqueueRun(services, run, digest(canonicalParams(run.params)), run.approvedBy ?? run.requestedBy, detail);

async function enqueueRun(services: Services, run: RunJobData, paramsDigest: string, by: string, detail?: string): Promise<void> {
  await services.audit.append(allowEntry(services, run, paramsDigest, by, detail));
  await addRunJob(services, run);
}

// The allow is audited before the job exists, so no run is ever seen on the host without its allow entry.
const allowEntry = (services: Services, run: RunJobData, paramsDigest: string, by: string, detail?: string): AuditEntry => ({
  at: services.now(), actor: by, action: 'run', decision: 'queued', requestId: run.runId, incidentId: run.incidentId,
  commandId: run.commandId, host: run.host, paramsDigest, ...(detail === undefined ? {} : { detail }),
});

async function addRunJob(services: Services, run: RunJobData): Promise<void> {
  await services.runs.enqueue(run);
  await services.effects.enqueue({ name: 'run-accepted', data: { incidentId: run.incidentId, run } }, `run-root-${run.runId}`);
}

const actorOf = (services: Services, by: string, key: string) => ({ by, key, at: services.now() });
