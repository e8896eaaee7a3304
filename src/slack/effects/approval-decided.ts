// A pending approval was decided: the request message shows the decision instead of its buttons. This effect is
// the only writer of that message after run-accepted posted it.
import { EffectNotReadyError, type EffectJob } from '../../app/ports.js';
import { commandTitle } from '../../domain/catalogue.js';
import { approvalDecided } from '../views/approval-decided.js';
import { requireChannel, type EffectContext } from './effect-context.js';

export async function showApprovalDecision(ctx: EffectContext, data: Extract<EffectJob, { name: 'approval-decided' }>['data']): Promise<void> {
  const { locale, timeZone } = ctx.view;
  const { run, incidentId, decision } = data;
  const { links } = await ctx.load(incidentId);
  const ts = links[`approval:${run.runId}`];
  // The request is posted by an earlier effect; until it has been, there is nothing to replace yet (retry).
  if (!ts) throw new EffectNotReadyError(`approval request ${run.runId} of ${incidentId} not posted yet`);
  const title = commandTitle(ctx.services.catalogue, run.commandId, locale);
  const message = approvalDecided({
    commandId: run.commandId,
    title,
    requestedBy: run.requestedBy,
    params: run.params,
    decision,
    ...(decision === 'expired' ? {} : { decidedBy: data.by }),
    at: data.at,
    locale,
    timeZone,
  });
  await ctx.update(requireChannel(links, incidentId), ts, message);
}
