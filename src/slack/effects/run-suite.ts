// "Run all" as one message in the incident channel, updated in place as its runs go; their results and files
// go into its thread. The message is rendered from the timeline each time, so it always shows what was
// recorded, whatever order the runs' events came in. It looks like a maintenance run's summary, and is one.
import { EffectNotReadyError, type RunSuite } from '../../app/ports.js';
import { isFinal, type EntryStatus, type PlanRun, type PlanRunEntry } from '../../domain/maintenance-run.js';
import type { TimelineEvent } from '../../domain/timeline.js';
import { maintenanceSummary } from '../views/maintenance-summary.js';
import { postLinked, requireChannel, type EffectContext } from './effect-context.js';

const summaryLink = (suiteId: string): `suite:${string}` => `suite:${suiteId}`;
const definitionLink = (suiteId: string): `suite-def:${string}` => `suite-def:${suiteId}`;

/** A suite's runs as a maintenance run's entries, each in the state the timeline last recorded for it. */
export function suiteAsPlanRun(suite: RunSuite, incidentId: string, channel: string, events: readonly TimelineEvent[]): PlanRun {
  const entries = suite.entries.map((entry): PlanRunEntry => {
    const base = { command: entry.command, params: {} };
    if (entry.runId === undefined) return { ...base, status: 'refused', ...(entry.refused === undefined ? {} : { reason: entry.refused }) };
    let state: PlanRunEntry = { ...base, runId: entry.runId, status: 'queued' };
    for (const event of events) {
      // A redelivered start can be recorded after the result: a result is never undone.
      if (!('jobId' in event) || event.jobId !== entry.runId || isFinal(state.status)) continue;
      if (event.type === 'job_queued') state = { ...state, status: 'queued' };
      if (event.type === 'job_started') state = { ...state, status: 'running' };
      if (event.type === 'approval' && event.decision === 'requested') state = { ...state, status: 'pending' };
      if (event.type === 'approval' && (event.decision === 'denied' || event.decision === 'expired')) state = { ...state, status: 'refused' };
      if (event.type === 'job_finished') state = { ...state, status: event.outcome satisfies EntryStatus, exitCode: event.exitCode, durationMs: event.durationMs };
    }
    return state;
  });
  const last = events.filter((e) => e.type === 'job_finished' && entries.some((entry) => entry.runId === e.jobId)).at(-1);
  const done = entries.every((e) => isFinal(e.status));
  return {
    id: suite.id,
    planId: suite.playbookId,
    trigger: { kind: 'verification', incidentId, by: suite.by },
    host: suite.host,
    channel,
    startedAt: suite.startedAt,
    ...(done && last !== undefined ? { finishedAt: last.at } : {}),
    entries,
  };
}

/** Posts the suite's summary, or brings it up to date. */
export async function renderRunSuite(ctx: EffectContext, incidentId: string, suiteId: string, first?: RunSuite): Promise<string> {
  const { services } = ctx;
  if (first !== undefined) await ctx.link(incidentId, definitionLink(suiteId), JSON.stringify(first));
  const { links } = await ctx.load(incidentId);
  const channel = requireChannel(links, incidentId);
  const stored = links[definitionLink(suiteId)];
  if (stored === undefined) throw new EffectNotReadyError(`suite ${suiteId} of ${incidentId} is not recorded yet`);
  const suite = JSON.parse(stored) as RunSuite;
  const playbook = services.playbooks.find((p) => p.id === suite.playbookId);
  const message = maintenanceSummary({
    run: suiteAsPlanRun(suite, incidentId, channel, await services.store.timelineAll(incidentId)),
    title: playbook?.title ?? { en: suite.playbookId, ja: suite.playbookId },
    ...(playbook === undefined ? {} : { runbook: playbook.runbook }),
    commandOf: (id) => services.catalogue.find((c) => c.id === id),
    ...ctx.view,
  });
  const posted = links[summaryLink(suiteId)];
  if (posted !== undefined) {
    await ctx.update(channel, posted, message);
    return posted;
  }
  return postLinked(ctx, incidentId, summaryLink(suiteId), channel, message);
}

/** The thread of a suite's summary, where its runs' results go; it fails (and is retried) until posted. */
export async function suiteThread(ctx: EffectContext, incidentId: string, suiteId: string): Promise<string> {
  const { links } = await ctx.load(incidentId);
  const ts = links[summaryLink(suiteId)];
  if (ts === undefined) throw new EffectNotReadyError(`suite ${suiteId} has no summary yet`);
  return ts;
}
