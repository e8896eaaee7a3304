// Maintenance runs in Slack: one summary per run in the ops channel, updated in place; each entry's result
// and files in its thread; the canary's comparison below them. What was posted is kept as a link of the
// run, so a retried job updates instead of posting again.
import { recordScheduledEvent } from '../../app/maintenance.js';
import { EffectNotReadyError, type RunEvent } from '../../app/ports.js';
import { findPlan } from '../../domain/scheduled-work.js';
import type { PlanRun } from '../../domain/maintenance-run.js';
import { canaryComparison } from '../views/canary-comparison.js';
import { maintenanceSummary } from '../views/maintenance-summary.js';
import { runResult } from '../views/run-result.js';
import type { EffectContext } from './effect-context.js';

async function loadRun(ctx: EffectContext, runId: string): Promise<PlanRun> {
  const run = await ctx.services.maintenance.get(runId);
  if (run === undefined) throw new Error(`maintenance run ${runId} not found`);
  return run;
}

/** The summary message, posted once and then kept up to date. */
export async function renderMaintenanceSummary(ctx: EffectContext, runId: string): Promise<void> {
  const { services } = ctx;
  const run = await loadRun(ctx, runId);
  const plan = findPlan(services.policy.maintenance, run.planId);
  const incidentChannel = run.incidentId === undefined ? undefined : (await services.store.getLinks(run.incidentId))['channel'];
  // The incident's channel is being set up: retry, so the summary links to it.
  if (run.incidentId !== undefined && incidentChannel === undefined) throw new EffectNotReadyError(`incident ${run.incidentId} has no channel yet`);
  const message = maintenanceSummary({
    run,
    title: plan?.title ?? { en: run.planId, ja: run.planId },
    ...(plan?.runbook === undefined ? {} : { runbook: plan.runbook }),
    commandOf: (id) => services.catalogue.find((c) => c.id === id),
    ...ctx.view,
    ...(incidentChannel === undefined ? {} : { incidentChannel }),
  });
  const links = await services.maintenance.getLinks(runId);
  if (links['summary'] && links['channel']) {
    await ctx.update(links['channel'], links['summary'], message);
    return;
  }
  await ctx.postOnce(run.channel, message, {
    key: `maintenance/${runId}/summary`,
    save: async (posted) => {
      await services.maintenance.setLink(runId, 'channel', posted.channel);
      await services.maintenance.setLink(runId, 'summary', posted.ts);
    },
  });
}

async function summaryThread(ctx: EffectContext, runId: string): Promise<{ channel: string; ts: string; links: Record<string, string> }> {
  const links = await ctx.services.maintenance.getLinks(runId);
  const [channel, ts] = [links['channel'], links['summary']];
  if (!channel || !ts) throw new EffectNotReadyError(`maintenance run ${runId} has no summary yet`);
  return { channel, ts, links };
}

/** A worker's report about a scheduled job: its result and files into the thread, then the run moves on. */
export async function maintenanceRunEvent(ctx: EffectContext, event: RunEvent): Promise<void> {
  const scheduled = event.run.maintenance;
  if (scheduled === undefined) return;
  if (event.kind === 'finished') {
    const { services, view } = ctx;
    const { planRunId } = scheduled;
    const thread = await summaryThread(ctx, planRunId);
    const jobId = event.run.runId;
    if (!thread.links[`result:${jobId}`]) {
      const title = services.catalogue.find((c) => c.id === event.run.commandId)?.title[view.locale] ?? event.run.commandId;
      await ctx.postOnce(thread.channel, runResult({ title, host: event.run.host, result: event.result, locale: view.locale }), {
        key: `maintenance/${planRunId}/result:${jobId}`,
        threadTs: thread.ts,
        save: (posted) => services.maintenance.setLink(planRunId, `result:${jobId}`, posted.ts),
      });
    }
    if (!thread.links[`files:${jobId}`]) {
      const files = [];
      for (const artifact of event.artifacts) {
        const content = await ctx.readArtifact(artifact.key);
        if (content) files.push({ filename: artifact.name, content });
      }
      const ids = await ctx.upload({ channel: thread.channel, threadTs: thread.ts, files });
      await services.maintenance.setLink(planRunId, `files:${jobId}`, ids.join(',') || 'none');
    }
  }
  await recordScheduledEvent(ctx.services, event);
}

/** The canary's verdict under its summary: the table, and both snapshots when it drifted. */
export async function postCanaryComparison(ctx: EffectContext, runId: string): Promise<void> {
  const run = await loadRun(ctx, runId);
  const thread = await summaryThread(ctx, runId);
  if (thread.links['canary'] || run.canary?.verdict === undefined || run.canary.verdict === 'failed') return;
  const { comparison, baseline, snapshot } = run.canary;
  const message = canaryComparison({
    ...(comparison === undefined ? {} : { comparison }),
    ...(baseline === undefined ? {} : { baselineAt: baseline.at }),
    snapshots: { ...(baseline?.snapshot === undefined ? {} : { before: baseline.snapshot }), ...(snapshot === undefined ? {} : { after: snapshot }) },
    ...ctx.view,
  });
  await ctx.postOnce(thread.channel, message, { key: `maintenance/${runId}/canary`, threadTs: thread.ts, save: (posted) => ctx.services.maintenance.setLink(runId, 'canary', posted.ts) });
}
