// A run is recorded as queued before its job goes to the host (request-run.ts: the record guards the run, the
// job follows). A bot that died, or lost Redis, between the two left a run that the timeline calls queued and
// no host will ever pick up. As a bot starts and again while it is up (start-bot.ts says when), each open
// incident's runs that were queued, never started and have no job on their host's queue go to it: the job id
// is the run id, so a job that is there after all is not queued twice, and the host's start marker still
// decides whether a run that did start once may run again. A run that needed a second person's approval goes
// only while that approval stands, and any other run only within the same window after it was asked for: a
// command does not start hours later, after an outage, unasked.
import { findCommand } from '../domain/catalogue.js';
import type { Incident } from '../domain/incident.js';
import { runsNotStarted, type QueuedJob } from '../domain/job-records.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { Links } from './links.js';
import type { RunJobData } from './ports.js';
import { APPROVAL_LAPSED, REQUEST_LAPSED, refuseLapsed } from './refuse-lapsed.js';
import { startRun } from './request-run.js';
import type { Services } from './services.js';

/**
 * How old a queued run must be before it counts as left behind: a live replica queues its host job a few
 * milliseconds after the record, and "Run all" posts its summary (whose thread its runs report in) before that.
 */
export const RESUME_AFTER_MS = 30_000;

/**
 * How long a bot holds a left-behind run it is queueing again: two replicas starting together find the same
 * runs, and one of them queues each. The other looks again once the hold has passed (its holder may have died).
 */
export const RESUME_HOLD_S = 30;

/**
 * What one bot remembers between its looks, so that a look reads again only what may have changed: a bot looks
 * every minute, and most open incidents' timelines are long and have no run left behind.
 */
export interface RunsSeen {
  /** Per incident, its timeline's length when last read, and the runs it then had queued and not started. */
  readonly timelines: Map<string, { readonly length: number; readonly waiting: readonly QueuedJob[] }>;
  /** Runs found on their host's queue: a job stays there (a day after it ends) for longer than its run waits. */
  readonly onQueue: Set<string>;
}

export const runsSeen = (): RunsSeen => ({ timelines: new Map(), onQueue: new Set() });

export interface ResumedRuns {
  /** The runs put on their host's queue again. */
  readonly resumed: readonly string[];
  /**
   * Runs refused, on the timeline and in their thread: approved runs whose approval ran out meanwhile, and
   * runs asked for longer ago than `approvalTtlMinutes`.
   */
  readonly lapsed?: readonly string[];
  /** When runs too recent to judge now should be looked at again (epoch ms), if there are any. */
  readonly again?: number;
}

export async function resumeQueuedRuns(services: Services, seen: RunsSeen = runsSeen(), listed?: readonly Incident[]): Promise<ResumedRuns> {
  const now = services.now();
  const resumed: string[] = [];
  const lapsed: string[] = [];
  let again: number | undefined;
  const open = listed ?? (await services.store.listOpen());
  const lengths = await services.store.timelineLengths(open.map((i) => i.id));
  const stillWaiting = new Set<string>();
  forgetAllBut(seen.timelines, new Set(open.map((i) => i.id)));
  for (const [n, incident] of open.entries()) {
    const remembered = seen.timelines.get(incident.id);
    let read: readonly TimelineEvent[] | undefined;
    let waiting = remembered?.waiting ?? [];
    if (remembered?.length !== lengths[n]) {
      read = await services.store.timelineAll(incident.id);
      waiting = runsNotStarted(read);
      seen.timelines.set(incident.id, { length: read.length, waiting });
    }
    let context: { readonly events: readonly TimelineEvent[]; readonly links: Links } | undefined;
    for (const queued of waiting) {
      stillWaiting.add(queued.jobId);
      if (seen.onQueue.has(queued.jobId)) continue;
      if (queued.at > now - RESUME_AFTER_MS) {
        again = Math.min(again ?? Infinity, queued.at + RESUME_AFTER_MS);
        continue;
      }
      if (await services.runs.has({ runId: queued.jobId, host: queued.host })) {
        seen.onQueue.add(queued.jobId);
        continue;
      }
      if (!(await services.once.claim(`resume-${queued.jobId}`, RESUME_HOLD_S))) {
        again = Math.min(again ?? Infinity, now + RESUME_HOLD_S * 1000);
        continue;
      }
      context ??= { events: read ?? (await services.store.timelineAll(incident.id)), links: await services.store.getLinks(incident.id) };
      const run = runOf(incident, queued, context.events, context.links);
      const reason = await lapseOf(services, run, queued, now);
      if (reason !== undefined) {
        await refuseLapsed(services, run, now, reason);
        lapsed.push(run.runId);
        continue;
      }
      await startRun(services, run, 'queued again: its host job was never queued');
      seen.onQueue.add(run.runId);
      resumed.push(run.runId);
    }
  }
  forgetAllBut(seen.onQueue, stillWaiting);
  if (resumed.length > 0) services.logger.warn({ runs: resumed }, 'runs recorded as queued had no host job: queued them again');
  if (lapsed.length > 0) services.logger.warn({ runs: lapsed }, 'runs recorded as queued had no host job and their approval window has passed: refused');
  return { resumed, ...(lapsed.length > 0 ? { lapsed } : {}), ...(again === undefined ? {} : { again }) };
}

// What a bot remembers is only about what may still be left behind: the open incidents and their waiting runs.
function forgetAllBut(memory: Map<string, unknown> | Set<string>, keep: ReadonlySet<string>): void {
  for (const key of memory.keys()) if (!keep.has(key)) memory.delete(key);
}

// Why a left-behind run may no longer go, if it may not. A run a host did start (its start never reached the
// timeline, and its job is gone) goes again whatever its age: the host's start marker says what may happen.
async function lapseOf(services: Services, run: RunJobData, queued: QueuedJob, now: number): Promise<string | undefined> {
  const lapse = findCommand(services.catalogue, run.commandId)?.requiresApproval
    ? (await approvalStands(services, run, now)) ? undefined : APPROVAL_LAPSED
    : now > queued.at + services.policy.approvalTtlMinutes * 60_000 ? REQUEST_LAPSED : undefined;
  return lapse !== undefined && !(await services.audit.startClaimed(run.runId)) ? lapse : undefined;
}

const approvalStands = async (services: Services, run: RunJobData, now: number): Promise<boolean> => {
  const pending = await services.approvals.get(run.runId);
  return pending?.decided === 'approved' && now <= pending.expiresAt;
};

// The job the request would have queued, rebuilt from the record. An approved run was queued by its approver
// (`job_queued.by`) for the person who asked (the approval request). A "Run all" run whose summary was never
// queued (the bot died before it) reports as a run of its own, in a thread of its own.
function runOf(incident: Incident, queued: QueuedJob, events: readonly TimelineEvent[], links: Links): RunJobData {
  const approval = (decision: 'requested' | 'approved') => events.find((e) => e.type === 'approval' && e.jobId === queued.jobId && e.decision === decision);
  const requested = approval('requested');
  const approved = approval('approved');
  const suite = queued.suite !== undefined && links[`suite-def:${queued.suite}`] !== undefined ? queued.suite : undefined;
  return {
    runId: queued.jobId,
    incidentId: incident.id,
    commandId: queued.commandId,
    params: queued.params,
    host: queued.host,
    requestedBy: requested?.by ?? queued.by,
    ...(approved === undefined ? {} : { approvedBy: approved.by }),
    severity: incident.severity,
    ...(suite === undefined ? {} : { suite }),
  };
}
