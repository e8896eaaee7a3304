// A run is recorded as queued before its job goes to the host (request-run.ts: the record guards the run, the
// job follows). A bot that died between the two left a run that the timeline calls queued and no host will
// ever pick up, and a person whose click was answered waiting for it. At start, each open incident's runs
// that were queued, never started and have no job on their host's queue go to it again: the job id is the
// run id, so a job that is there after all is not queued twice, and the host's start marker still decides
// whether a run that did start once may run again.
import type { Incident } from '../domain/incident.js';
import { runsNotStarted, type QueuedJob } from '../domain/job-records.js';
import type { TimelineEvent } from '../domain/timeline.js';
import type { Links } from './links.js';
import type { RunJobData } from './ports.js';
import { startRun } from './request-run.js';
import type { Services } from './services.js';

/**
 * How old a queued run must be before it counts as left behind: a live replica queues its host job a few
 * milliseconds after the record, and "Run all" posts its summary (whose thread its runs report in) before that.
 */
export const RESUME_AFTER_MS = 30_000;

export interface ResumedRuns {
  /** The runs put on their host's queue again. */
  readonly resumed: readonly string[];
  /** When runs too recent to judge now should be looked at again (epoch ms), if there are any. */
  readonly again?: number;
}

export async function resumeQueuedRuns(services: Services): Promise<ResumedRuns> {
  const now = services.now();
  const resumed: string[] = [];
  let again: number | undefined;
  for (const incident of await services.store.listOpen()) {
    const events = await services.store.timelineAll(incident.id);
    const waiting = runsNotStarted(events);
    if (waiting.length === 0) continue;
    const links = await services.store.getLinks(incident.id);
    for (const queued of waiting) {
      if (queued.at > now - RESUME_AFTER_MS) {
        again = Math.min(again ?? Infinity, queued.at + RESUME_AFTER_MS);
        continue;
      }
      const run = runOf(incident, queued, events, links);
      if (await services.runs.has(run)) continue;
      await startRun(services, run, 'queued again at start: its host job was never queued');
      resumed.push(run.runId);
    }
  }
  if (resumed.length > 0) services.logger.warn({ runs: resumed }, 'runs recorded as queued had no host job: queued them again');
  return again === undefined ? { resumed } : { resumed, again };
}

// The job the request would have queued, rebuilt from the record. An approved run was queued by its approver
// (`job_queued.by`) for the person who asked (the approval request). A "Run all" run whose summary was never
// queued (the bot died before it) reports as a run of its own, in a thread of its own.
function runOf(incident: Incident, queued: QueuedJob, events: readonly TimelineEvent[], links: Links): RunJobData {
  const approvals = events.filter((e) => e.type === 'approval' && e.jobId === queued.jobId);
  const requested = approvals.find((e) => e.type === 'approval' && e.decision === 'requested');
  const approved = approvals.find((e) => e.type === 'approval' && e.decision === 'approved');
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
