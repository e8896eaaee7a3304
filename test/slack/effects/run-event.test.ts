// The bot's run-event processor on the real bot and emulator: events fed straight into the klaxon-slack queue
// in the orders an at-least-once, fire-and-forget host can produce them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectContext } from '../../../src/slack/effects/effect-context.js';
import { runEvent } from '../../../src/slack/effects/run-event.js';
import { runAccepted } from '../../../src/slack/effects/run-accepted.js';
import type { EffectRun } from '../../../src/app/ports.js';
import { requestRun } from '../../../src/app/request-run.js';
import type { RunEvent, RunJobData } from '../../../src/queue/queues.js';
import type { RunResult } from '../../../src/domain/run-result.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../../support/klaxon-harness.js';
import { replicaEffects } from '../../support/replica-effects.js';

describe('run events in Slack', () => {
  let k: Klaxon;
  let channel: string;
  let incidentId: string;
  beforeAll(async () => {
    k = await startKlaxon();
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Slow backtests' });
    channel = (await eventually(() => k.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the channel')).id;
    incidentId = (await eventually(async () => (await k.bot.services.store.listOpen())[0], 'the incident')).id;
  });
  afterAll(async () => k?.stop());

  const runOf = (runId: string): RunJobData => ({ runId, incidentId, commandId: 'env.python-version', params: {}, host: 'backtest-1', requestedBy: USERS.l1, severity: 'high' });
  const result: RunResult = { commandId: 'env.python-version', outcome: 'succeeded', exitCode: 0, durationMs: 42, output: 'Python 3.12.1\n', outputBytes: 14, truncatedBytes: 0, outputDigest: 'a'.repeat(64), files: [] };
  const send = (event: RunEvent, id: string) => k.bot.producers.effects.enqueue({ name: 'run-event', data: event }, id);
  const replica = (job?: EffectRun): EffectContext => replicaEffects(k, job);
  const rootOf = (runId: string) => k.bot.services.store.getLinks(incidentId).then((links) => links[`run:${runId}`]);

  it('a progress event that arrives after the result changes nothing', async () => {
    const run = runOf('run-late-progress');
    await send({ kind: 'started', run, at: 1 }, 'a1');
    await send({ kind: 'finished', run, at: 3, result, artifacts: [] }, 'a2');
    await send({ kind: 'progress', run, at: 2, tail: 'late line' }, 'a3');
    const rootTs = await eventually(() => rootOf(run.runId), 'the root message');
    await eventually(async () => (await k.bot.producers.slack.getJobCounts('wait', 'active', 'delayed')).wait === 0 && (await k.bot.producers.slack.getJob('a3'))?.finishedOn, 'the late progress processed');
    const root = k.emulator.messages(channel).find((m) => m.ts === rootTs);
    expect(root?.text).toContain('Succeeded');
    const thread = k.emulator.messages(channel, { threadTs: rootTs }).filter((m) => m.ts !== rootTs);
    expect(thread.map((m) => m.text).join('\n')).not.toContain('Progress');
  });

  it('a restart is a second job_started on the timeline; a redelivered event is not', async () => {
    const run = runOf('run-restarted');
    await send({ kind: 'started', run, at: 10 }, 'b1');
    await send({ kind: 'started', run, at: 10 }, 'b1-redelivered');
    await send({ kind: 'started', run, at: 20, restarted: true }, 'b2');
    await send({ kind: 'finished', run, at: 30, result, artifacts: [] }, 'b3');
    const events = await eventually(async () => {
      const timeline = await k.bot.services.store.timelineAll(incidentId);
      const done = timeline.some((e) => e.type === 'job_finished' && e.jobId === run.runId);
      return done && (await k.bot.producers.slack.getJob('b2'))?.finishedOn ? timeline : undefined;
    }, 'job_finished and the restart processed');
    expect(events.filter((e) => e.type === 'job_started' && e.jobId === run.runId)).toHaveLength(2);
  });

  it('a start that read the links before its run finished still leaves the root showing the result', async () => {
    const run = runOf('run-raced');
    await send({ kind: 'started', run, at: 50 }, 'd1');
    await send({ kind: 'finished', run, at: 52, result, artifacts: [] }, 'd2');
    const linked = async () => (await k.bot.services.store.getLinks(incidentId))[`run-result:${run.runId}`];
    await eventually(linked, 'the result linked');
    const rootTs = (await rootOf(run.runId)) as string;
    // A second replica took the start at the same time as the finish: its read of the links has no result yet.
    const ctx = replica();
    const before: EffectContext = {
      ...ctx,
      load: async (id) => {
        const loaded = await ctx.load(id);
        return { ...loaded, links: Object.fromEntries(Object.entries(loaded.links).filter(([key]) => key !== `run-result:${run.runId}`)) };
      },
    };
    await runEvent(before, { kind: 'started', run, at: 50 });
    expect(k.emulator.messages(channel).find((m) => m.ts === rootTs)?.text).toContain('Succeeded');
  });

  it('two replicas that both find a new run without its root post one root between them', async () => {
    const run = runOf('run-two-replicas');
    // Each replica reads the links before either posts: the order one bot's lanes keep, two bots do not.
    let loaded = 0;
    let bothLoaded: () => void = () => undefined;
    const together = new Promise<void>((resolve) => (bothLoaded = resolve));
    const reading = (ctx: EffectContext): EffectContext => ({
      ...ctx,
      load: async (id) => {
        const read = await ctx.load(id);
        if ((loaded += 1) === 2) bothLoaded();
        await together;
        return read;
      },
    });
    const accepted = () => runAccepted(reading(replica({ jobId: 'accepted-1', attempt: 1 })), { incidentId, run });
    const started = () => runEvent(reading(replica({ jobId: 'started-1', attempt: 1 })), { kind: 'started', run, at: 70 });
    const [first, second] = await Promise.allSettled([accepted(), started()]);
    const lost = [first, second].filter((r) => r.status === 'rejected');
    expect(lost.map((r) => String(r.reason))).toEqual([expect.stringMatching(/is being posted by another replica/)]);
    // The loser's retry (the queue's next attempt) finds the root and brings it up to date.
    if (first.status === 'rejected') await runAccepted(replica({ jobId: 'accepted-1', attempt: 2 }), { incidentId, run });
    else await runEvent(replica({ jobId: 'started-1', attempt: 2 }), { kind: 'started', run, at: 70 });
    const roots = k.emulator.messages(channel).filter((m) => m.metadata?.event_payload['key'] === `${incidentId}/run:${run.runId}`);
    expect(roots.map((m) => m.ts)).toEqual([await rootOf(run.runId)]);
    expect(roots[0]?.text).toContain('Running');
  });

  it('keeps the host\'s result on the timeline while Slack cannot take its message', async () => {
    const run = runOf('run-slack-down');
    // Nothing else of this incident in the queue, so what follows is all this event's doing.
    await eventually(async () => Object.values(await k.bot.producers.slack.getJobCounts('wait', 'active', 'delayed', 'prioritized')).every((n) => n === 0), 'an idle queue');
    k.emulator.faults.add({ method: 'chat.postMessage', channel, kind: 'error', error: 'service_unavailable', forMs: 60_000 });
    try {
      await send({ kind: 'finished', run, at: 40, result, artifacts: [] }, 'c1');
      const finished = await eventually(async () => (await k.bot.services.store.timelineAll(incidentId)).find((e) => e.type === 'job_finished' && e.jobId === run.runId), 'job_finished while Slack fails');
      expect(finished).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
      expect(await rootOf(run.runId)).toBeUndefined();
    } finally {
      k.emulator.faults.clear();
    }
    const rootTs = await eventually(() => rootOf(run.runId), 'the root once Slack is back');
    expect(k.emulator.messages(channel).find((m) => m.ts === rootTs)?.text).toContain('Succeeded');
  });

  it('lets the person click the same Run again once the result is recorded: a re-run, found without reading the timeline', async () => {
    const incident = await k.bot.services.store.get(incidentId);
    if (!incident) throw new Error('no incident');
    const ask = (services: typeof k.bot.services, key: string) => requestRun(services, { incident, commandId: 'env.python-version', params: {}, by: USERS.l1, key });
    const first = await ask(k.bot.services, 'rerun-1');
    if (!first.ok || first.value.state !== 'queued') throw new Error('expected a queued run');
    expect(await ask(k.bot.services, 'rerun-2')).toEqual({ ok: false, error: { code: 'duplicate' } });
    await send({ kind: 'finished', run: first.value.run, at: 60, result, artifacts: [] }, 'e1');
    await eventually(async () => (await k.bot.producers.slack.getJob('e1'))?.finishedOn, 'the result processed');
    let timelineReads = 0;
    const { store } = k.bot.services;
    const counted = { ...k.bot.services, store: { ...store, timelineAll: (id: string) => ((timelineReads += 1), store.timelineAll(id)) } };
    const again = await ask(counted, 'rerun-3');
    expect([again.ok && again.value.state, timelineReads]).toEqual(['queued', 0]);
  });
});
