// After a run was accepted (from a Run button or `/incident run`): put its thread root, or the approval
// request, in the incident channel, and say what happened to the person who asked.
import type { RunDecision } from '../../app/request-run.js';
import type { Services } from '../../app/services.js';
import { approvalRequest } from '../views/approval-request.js';
import { approvalPending, runQueuedReply } from '../views/run-replies.js';
import { runProgress } from '../views/run-progress.js';
import type { SlackMessage } from '../views/view-types.js';

export async function announceRun(services: Services, incidentId: string, decision: RunDecision): Promise<SlackMessage> {
  const { locale, timeZone } = services.config;
  const { run, spec } = decision;
  const title = spec.title[locale];
  if (decision.state === 'needs_approval') {
    const message = approvalRequest({ approvalId: run.runId, commandId: spec.id, title, requestedBy: run.requestedBy, params: run.params, expiresAt: decision.expiresAt, locale, timeZone });
    await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'incident', message, saveAs: `approval:${run.runId}` } }, `approval-${run.runId}`);
    return approvalPending({ spec, locale });
  }
  const root = runProgress({ commandId: spec.id, title, host: run.host, state: 'queued', locale });
  await services.producers.enqueueSlack({ name: 'post', data: { incidentId, to: 'incident', message: root, saveAs: `run:${run.runId}` } }, `run-root-${run.runId}`);
  return runQueuedReply({ spec, host: run.host, locale });
}
