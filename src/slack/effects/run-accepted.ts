// A run was accepted: its thread root in the incident channel (the run's events update it later), or the
// approval request when it needs a second person.
import type { EffectJob } from '../../app/ports.js';
import { recordApprovalRequested } from '../../app/request-run.js';
import { commandTitle } from '../../domain/catalogue.js';
import { approvalRequest } from '../views/approval-request.js';
import { runProgress } from '../views/run-progress.js';
import type { EffectContext } from './effect-context.js';
import { postRendered } from './post-message.js';

export async function runAccepted(ctx: EffectContext, data: Extract<EffectJob, { name: 'run-accepted' }>['data']): Promise<void> {
  const { locale, timeZone } = ctx.view;
  const { run, incidentId } = data;
  const title = commandTitle(ctx.services.catalogue, run.commandId, locale);
  if (data.approval) {
    const { expiresAt, requestedAt } = data.approval;
    // The request may have been cut off before its own record of it: the request stands once this job is queued.
    await recordApprovalRequested(ctx.services, run, requestedAt ?? ctx.services.now());
    await postRendered(ctx, { incidentId, saveAs: `approval:${run.runId}` }, () =>
      approvalRequest({ approvalId: run.runId, commandId: run.commandId, title, requestedBy: run.requestedBy, params: run.params, expiresAt, locale, timeZone }),
    );
    return;
  }
  // A run of "Run all" shows in the suite's summary instead.
  if (run.suite !== undefined) return;
  await postRendered(ctx, { incidentId, saveAs: `run:${run.runId}` }, () => runProgress({ commandId: run.commandId, title, host: run.host, state: 'queued', locale }));
}
