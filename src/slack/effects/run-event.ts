// A run's life in its Slack thread: the root shows the state, the result is one reply, files follow it.
import { BOT_ACTOR } from '../../domain/actors.js';
import { commandTitle, findCommand } from '../../domain/catalogue.js';
import type { TicksFor } from '../../domain/checklist.js';
import { recordJobStarted, type JobFinished, type JobRef } from '../../domain/job-records.js';
import { parseSnapshot, recordHostSnapshot, snapshotPair, type HostSnapshot } from '../../domain/host-snapshot.js';
import { apply } from '../../app/apply.js';
import { recordRunFinished, SNAPSHOT_COMMAND } from '../../app/request-run.js';
import { judgeGoldenRun } from '../../app/maintenance.js';
import { runRefused } from '../views/bot-replies.js';
import { runOutcomeUnknown } from '../views/run-outcome-unknown.js';
import { runProgress } from '../views/run-progress.js';
import { runResult } from '../views/run-result.js';
import type { SlackMessage } from '../views/view-types.js';
import type { RunEvent, RunJobData } from '../../app/ports.js';
import { hostSnapshotMessage } from '../views/host-snapshot.js';
import type { RunResult } from '../../domain/run-result.js';
import { canaryComparison } from '../views/canary-comparison.js';
import { postLinked, requireChannel, type EffectContext, type Links } from './effect-context.js';
import { trackVerification } from './track-verification.js';
import { renderRunSuite, suiteThread } from './run-suite.js';

type FinishedDetails = Omit<JobFinished, keyof JobRef>;

export async function runEvent(ctx: EffectContext, event: RunEvent): Promise<void> {
  const { suite, incidentId } = event.run;
  if (suite === undefined) return recordRunEvent(ctx, event);
  // A run of "Run all": no progress messages; the suite's summary shows each step once it is recorded.
  if (event.kind === 'progress') return;
  let thread: Promise<string> | undefined;
  await recordRunEvent(ctx, event, () => (thread ??= suiteThread(ctx, incidentId, suite)));
  await renderRunSuite(ctx, incidentId, suite);
}

// The timeline and Slack are written side by side: what the host reported is kept even while Slack cannot be
// reached, and what people wait for in Slack does not wait on the timeline's write.
async function recordRunEvent(ctx: EffectContext, event: RunEvent, inSuite?: () => Promise<string>): Promise<void> {
  const { services, view } = ctx;
  const { run } = event;
  const { links } = await ctx.load(run.incidentId);
  const channel = requireChannel(links, run.incidentId);
  const rootKey = `run:${run.runId}` as const;
  let root = links[rootKey];
  const commandOf = (commandId: string) => findCommand(services.catalogue, commandId);
  const base = { commandId: run.commandId, title: commandTitle(services.catalogue, run.commandId, view.locale), host: run.host, locale: view.locale };
  const job: JobRef = { jobId: run.runId, commandId: run.commandId, host: run.host };
  const ensureRoot = async (message: SlackMessage) => {
    if (inSuite !== undefined) return inSuite();
    if (root) await ctx.update(channel, root, message);
    else {
      root = await postLinked(ctx, run.incidentId, rootKey, channel, message);
    }
    return root;
  };
  const postResultOnce = async (message: SlackMessage, thread: string) => {
    if (!links[`run-result:${run.runId}`]) await postLinked(ctx, run.incidentId, `run-result:${run.runId}`, channel, message, thread);
  };
  // Each timeline entry is keyed by the run and what happened, so a redelivered event records nothing twice.
  const actor = (suffix: string) => ({ by: BOT_ACTOR, at: event.at, key: `${run.runId}-${suffix}` });
  const recordFinished = (suffix: string, details: FinishedDetails, ticksFor: TicksFor) => recordRunFinished(services, run, details, ticksFor, actor(suffix));
  switch (event.kind) {
    case 'started': {
      // A restart after a worker crash is a second start on the timeline, keyed by when it happened.
      const suffix = event.restarted ? `started-again-${event.at}` : 'started';
      // A start that reaches Slack after the result (a redelivery) never turns a finished run back to running.
      const shown = inSuite === undefined && !links[`run-result:${run.runId}`];
      await settleAll([
        apply(services, run.incidentId, (i) => recordJobStarted(i, job, actor(suffix)), `${run.runId}-${suffix}`),
        ...(shown ? [ensureRoot(runProgress({ ...base, state: 'started' }))] : []),
      ]);
      if (!shown) return;
      // Another replica may have finished the run while this start was on its way to Slack. That side redraws
      // the root only after it has linked the result, so either it redraws after this, or this sees the link
      // (one read; the timeline, for the outcome, only then).
      if (!(await services.store.getLinks(run.incidentId))[`run-result:${run.runId}`]) return;
      const finished = (await services.store.timelineAll(run.incidentId)).find((e) => e.type === 'job_finished' && e.jobId === run.runId);
      // (A refused run never started.)
      if (finished?.type !== 'job_finished' || finished.outcome === 'refused') return;
      const { outcome } = finished;
      await ensureRoot(outcome === 'unknown' ? runOutcomeUnknown({ ...base }) : runProgress({ ...base, state: { outcome } }));
      return;
    }
    case 'progress': {
      // Progress is fire-and-forget on the host and may arrive after the result: never undo a result.
      if (links[`run-result:${run.runId}`]) return;
      const thread = root ?? (await ensureRoot(runProgress({ ...base, state: 'started' })));
      const progress = runProgress({ ...base, state: { lines: event.tail.split('\n').slice(-20) } });
      const progressTs = links[`run-progress:${run.runId}`];
      if (progressTs) await ctx.update(channel, progressTs, progress);
      else await postLinked(ctx, run.incidentId, `run-progress:${run.runId}`, channel, progress, thread);
      return;
    }
    case 'finished': {
      const { result } = event;
      const snapshot = run.commandId === SNAPSHOT_COMMAND && result.outcome === 'succeeded' ? parseSnapshot(result.output) : undefined;
      const recorded = result.files.map((f) => ({ name: f.path, sha256: f.sha256, bytes: f.bytes }));
      const { outcome, exitCode, durationMs, outputDigest } = result;
      const finalRoot = runProgress({ ...base, state: { outcome: result.outcome } });
      const recording = recordFinished('finished', { outcome, exitCode, durationMs, outputDigest, files: recorded }, (commandId) => commandOf(commandId)?.ticks);
      const showResult = async (): Promise<string> => {
        const known = inSuite === undefined ? root : await inSuite();
        // With the thread already there, the result (what people wait for) does not wait for the root's redraw;
        // the root is redrawn once the result is recorded and linked (see 'started').
        const thread = known ?? (await ensureRoot(finalRoot));
        const posted = postResultOnce(runResult({ ...base, result }), thread);
        await settleAll([posted, ...(known === undefined ? [] : [Promise.all([recording, posted]).then(() => ensureRoot(finalRoot))])]);
        return thread;
      };
      const shown = showResult();
      await settleAll([recording, shown]);
      const thread = await shown;
      if (!links[`run-files:${run.runId}`]) {
        const files: { filename: string; content: Buffer }[] = snapshot ? [{ filename: `${run.runId}.json`, content: Buffer.from(`${JSON.stringify(snapshot, null, 2)}\n`) }] : [];
        for (const artifact of event.artifacts) {
          const content = await ctx.readArtifact(artifact.key);
          if (content) files.push({ filename: artifact.name, content });
        }
        const ids = await ctx.upload({ channel, threadTs: thread, files });
        await ctx.link(run.incidentId, `run-files:${run.runId}`, ids.join(',') || 'none');
      }
      if (snapshot) await recordSnapshot(ctx, { run, channel, thread, at: event.at, snapshot }, links);
      // The golden run passes the §8 check only when its results match the last good run.
      const checked = run.commandId === services.policy.maintenance.canary.command ? await goldenRunCheck(ctx, run, result, thread, channel, links) : outcome;
      if (commandOf(run.commandId)?.ticks === 'system_verified') await trackVerification(ctx, { incidentId: run.incidentId, commandId: run.commandId, outcome: checked, channel, runId: run.runId });
      return;
    }
    case 'refused':
    case 'unknown': {
      const message = event.kind === 'refused' ? runRefused({ ...base, reason: event.reason }) : runOutcomeUnknown({ ...base });
      const outcome = event.kind === 'refused' ? 'refused' : 'unknown';
      const show = async () => postResultOnce(message, await ensureRoot(message));
      await settleAll([recordFinished(outcome, { outcome, exitCode: null, durationMs: 0, outputDigest: '', files: [] }, () => undefined), show()]);
      return;
    }
  }
}

// Waits for every write, so a retry never starts while one of them is still in flight; then fails like the first that failed.
async function settleAll(writes: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((w) => w.status === 'rejected');
  if (failed) throw failed.reason;
}

// A snapshot becomes a timeline fact; its thread gets the compact facts and what changed since the first.
async function recordSnapshot(
  ctx: EffectContext,
  taken: { readonly run: RunJobData; readonly channel: string; readonly thread: string; readonly at: number; readonly snapshot: HostSnapshot },
  links: Links,
): Promise<void> {
  const { run, snapshot } = taken;
  const key = `${run.runId}-snapshot`;
  await apply(ctx.services, run.incidentId, (i) => recordHostSnapshot(i, { jobId: run.runId, host: run.host, snapshot }, { by: 'klaxon', at: taken.at, key }), key);
  if (links[`run-snapshot:${run.runId}`]) return;
  const events = await ctx.services.store.timelineAll(run.incidentId);
  const pair = snapshotPair(events);
  const first = events.find((e) => e.type === 'host_snapshot');
  const isFirst = first === undefined || (first.type === 'host_snapshot' && first.jobId === run.runId);
  const message = hostSnapshotMessage({ snapshot, locale: ctx.view.locale, ...(isFirst || !pair ? {} : { changes: pair.changes }) });
  await postLinked(ctx, run.incidentId, `run-snapshot:${run.runId}`, taken.channel, message, taken.thread);
}

// Compares an incident's golden run with the last good run and shows the table in its thread; what the
// verification suite counts: a drift or a run without metrics fails the check.
async function goldenRunCheck(ctx: EffectContext, run: RunJobData, result: RunResult, thread: string, channel: string, links: Links): Promise<string> {
  const { verdict, baseline } = await judgeGoldenRun(ctx.services, result);
  if (!links[`run-canary:${run.runId}`] && verdict.verdict !== 'failed') {
    const message = canaryComparison({
      ...(verdict.verdict === 'baseline' ? {} : { comparison: verdict.comparison }),
      ...(baseline === undefined ? {} : { baselineAt: baseline.at }),
      ...ctx.view,
    });
    await postLinked(ctx, run.incidentId, `run-canary:${run.runId}`, channel, message, thread);
  }
  return verdict.verdict === 'drift' || verdict.verdict === 'failed' ? 'failed' : result.outcome;
}
