// A run that may no longer go because the person's intent behind it has lapsed (its approval ran out, or it was
// asked for too long ago): refused on the audit stream and in its thread, as a host refuses a run.
import { BOT_ACTOR } from '../domain/actors.js';
import type { RunJobData } from './ports.js';
import type { Services } from './services.js';

/** What the thread of an approved run says when its approval ran out before a bot could queue it. */
export const APPROVAL_LAPSED = 'its approval window passed before a bot could queue it; ask again';

/** What the thread of a run says when it was asked for longer ago than a click may stand (approvalTtlMinutes). */
export const REQUEST_LAPSED = 'no bot could queue it within the approval window of its request; ask again';

/** Said the way the host says a refusal: the run's thread shows why, and job_finished (refused) closes it. */
export async function refuseLapsed(services: Services, run: RunJobData, now: number, reason: string): Promise<void> {
  await services.audit.append({
    at: now, actor: BOT_ACTOR, action: 'run', decision: 'refused', requestId: run.runId, incidentId: run.incidentId,
    commandId: run.commandId, host: run.host, detail: reason,
  });
  await services.effects.enqueue({ name: 'run-event', data: { kind: 'refused', run, at: now, reason } }, `run-event-${run.runId}-refused`);
}
