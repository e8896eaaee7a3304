// Records of jobs run for an incident: queued, started and finished, the second-person approval of risky
// ones, and the §8 post-recovery verification suite. Each runs under the shared rules of `act`.
import type { TicksFor } from './checklist.js';
import type { Actor, Incident } from './incident.js';
import { act, fail, type TransitionResult } from './lifecycle.js';
import { ok } from './result.js';
import type { AttachedFile, JobOutcome, TimelineEvent } from './timeline.js';

export interface JobRef {
  readonly jobId: string;
  readonly commandId: string;
  readonly host: string;
}

// A person asked for a run (it is a response); the job now waits in the queue. klaxon's own runs (the host
// snapshot) are no response: `byPerson` false leaves the incident unacknowledged.
export function recordJobQueued(
  incident: Incident,
  job: JobRef & { readonly params: Readonly<Record<string, string>>; readonly suite?: string },
  actor: Actor,
  byPerson = true,
): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [{ type: 'job_queued', ...job }] }), { acknowledges: byPerson });
}

export type QueuedJob = Extract<TimelineEvent, { readonly type: 'job_queued' }>;

/** The runs recorded as queued that no host has started or answered yet, in the order they were queued. */
export function runsNotStarted(events: readonly TimelineEvent[]): QueuedJob[] {
  const heard = new Set(events.flatMap((e) => (e.type === 'job_started' || e.type === 'job_finished' ? [e.jobId] : [])));
  return events.filter((e): e is QueuedJob => e.type === 'job_queued' && !heard.has(e.jobId));
}

// A worker picked the job up.
export function recordJobStarted(incident: Incident, job: JobRef, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [{ type: 'job_started', ...job }] }));
}

export interface JobFinished extends JobRef {
  readonly outcome: JobOutcome;
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly outputDigest: string;
  readonly files: readonly AttachedFile[];
}

// A job's result; a job still running at close records its result afterwards.
export function recordJobFinished(incident: Incident, job: JobFinished, ticksFor: TicksFor, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [{ type: 'job_finished', ...job }] }), {
    ticksFor,
    allowClosed: true,
  });
}

// A step of the second-person approval of a risky job.
export function recordApproval(
  incident: Incident,
  approval: { readonly jobId: string; readonly commandId: string; readonly decision: 'requested' | 'approved' | 'denied' | 'expired' },
  actor: Actor,
): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [{ type: 'approval', ...approval }] }));
}

export interface Verification {
  readonly passed: boolean;
  /** Command ids of the §8 suite that did not succeed. */
  readonly failed: readonly string[];
}

// The §8 post-recovery suite finished: a pass ticks システム検証; either way the timeline says how it went.
export function recordVerification(incident: Incident, verification: Verification, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => {
    if (current.status !== 'resolved') return fail('not_resolved', `${current.id} is not resolved`, { status: current.status });
    if (verification.passed && verification.failed.length > 0) return fail('usage', 'a passed verification has no failed commands');
    return ok({ incident: current, events: [{ type: 'verification', passed: verification.passed, failed: verification.failed }], ticks: verification.passed ? ['system_verified'] : [] });
  });
}

/** A run of the §8.1 suite finished with `outcome` (`succeeded` passes); `suite` is every command of it. */
export interface VerificationRun {
  readonly commandId: string;
  readonly outcome: string;
  readonly suite: readonly string[];
}

/** How the suite stands: undefined until every command has a result since recovery, then which failed. */
export function verificationVerdict(incident: Incident, suite: readonly string[]): Verification | undefined {
  const results = incident.verification ?? {};
  if (!suite.every((id) => results[id] !== undefined)) return undefined;
  const failed = suite.filter((id) => results[id] !== 'succeeded');
  return { passed: failed.length === 0, failed };
}

// Keeps the run's result in the record; once every command has one, the suite's verdict goes on the timeline
// (a pass only once: a later passing re-run changes nothing that the checklist shows).
export function recordVerificationRun(incident: Incident, run: VerificationRun, actor: Actor): TransitionResult {
  if (incident.status !== 'resolved') return fail('not_resolved', `${incident.id} is not resolved`, { status: incident.status });
  const next: Incident = { ...incident, verification: { ...incident.verification, [run.commandId]: run.outcome } };
  const verdict = verificationVerdict(next, run.suite);
  if (verdict === undefined || (verdict.passed && incident.checklist.system_verified.done)) {
    return ok({ incident: { ...next, version: incident.version + 1 }, events: [] });
  }
  return recordVerification(next, verdict, actor);
}
