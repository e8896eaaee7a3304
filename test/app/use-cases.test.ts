// The use cases on their own, not through Slack: the store and audit log are the Redis adapters, the Slack
// effects, run queue and clock jobs are recorded fakes, so each test sees exactly what a use case asked for.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { declare } from '../../src/app/declare.js';
import { postStatusUpdate } from '../../src/app/post-status-update.js';
import { decideApproval, recordRunFinished, releaseRunWindow, requestRun, startRun } from '../../src/app/request-run.js';
import type { RunJobData } from '../../src/app/ports.js';
import { resolveAndOfferVerification } from '../../src/app/resolve.js';
import { alarmJobId, currentAlarms } from '../../src/app/schedule-clocks.js';
import { interimBase } from '../../src/domain/clock-records.js';
import type { Incident } from '../../src/domain/incident.js';
import { addNote } from '../../src/domain/incident-records.js';
import { recordJobFinished } from '../../src/domain/job-records.js';
import { acknowledge } from '../../src/domain/lifecycle.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
const L2 = 'U0L2SYS';
const L3 = 'U0L3DEV';
const GROUPS = { [L1]: ['S0L1'], [L2]: ['S0L2'], [L3]: ['S0L3'] };

let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ groups: GROUPS });
});
afterEach(async () => w.stop());

const names = () => w.asked.effects.map((e) => e.job.name);
const declared = async (severity: 'critical' | 'high' | 'medium' = 'high'): Promise<Incident> => {
  const result = await declare(w.services, { severity, title: 'main.py exits at start', source: 'slack', by: L1, key: `declare-${severity}` });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const stored = async (id: string) => (await w.services.store.get(id)) as Incident;

describe('declare', () => {
  it('stores the incident on the worker host, queues its Slack setup and plans its clocks', async () => {
    const incident = await declared('critical');
    expect(await stored(incident.id)).toMatchObject({ id: incident.id, status: 'declared', host: 'backtest-1', declaredBy: L1 });
    expect(w.asked.effects).toEqual([{ job: { name: 'setup', data: { incidentId: incident.id } }, jobId: `setup-${incident.id}` }]);
    const alarms = currentAlarms(incident, w.services.policy, undefined);
    expect(w.asked.clockJobs.map((j) => j.jobId)).toEqual(expect.arrayContaining(alarms.map((a) => alarmJobId(incident.id, a))));
  });

  it('stores the message it came from at its own time and the description in the declaration, which they answer for', async () => {
    const message = { text: 'Backtests stuck at 0% since 09:12', author: 'U0STAKE', originalAt: w.clock.now - 60_000 };
    const result = await declare(w.services, { severity: 'high', title: 'Backtests stuck', source: 'slack', by: L1, key: 'k', message, description: 'the nightly run never finished' });
    if (!result.ok) throw new Error(result.error.message);
    // A person's note is their first response, as when it was added after the declaration.
    expect(result.value).toMatchObject({ status: 'acknowledged', acknowledgedBy: L1, acknowledgedAt: w.clock.now });
    expect(await stored(result.value.id)).toEqual(result.value);
    const timeline = await w.services.store.timelineAll(result.value.id);
    expect(timeline.map((e) => [e.id, e.type])).toEqual(expect.arrayContaining([['declare-k', 'declared'], ['k-message', 'pinned'], ['k-description', 'note']]));
    expect(timeline.find((e) => e.type === 'pinned')?.at).toBe(message.originalAt);
  });

  it('declares all the same when the message is empty and the description blank, and keeps neither', async () => {
    const result = await declare(w.services, { severity: 'high', title: 'Backtests stuck', source: 'slack', by: L1, key: 'k', message: { text: '  ', author: 'U0STAKE', originalAt: w.clock.now }, description: ' \n ' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.status).toBe('declared');
    const types = (await w.services.store.timelineAll(result.value.id)).map((e) => e.type);
    expect(types).toContain('declared');
    expect(types).not.toContain('pinned');
    expect(types).not.toContain('note');
  });

  it('refuses an empty title before it takes a number', async () => {
    const result = await declare(w.services, { severity: 'high', title: '  ', source: 'slack', by: L1, key: 'k' });
    expect(result.ok ? 'ok' : result.error.code).toBe('usage');
    expect(await w.services.store.nextNumber()).toBe(1);
    expect(w.asked.effects).toEqual([]);
  });
});

describe('apply', () => {
  it('writes once per key: a repeat is a duplicate and queues no second render', async () => {
    const incident = await declared();
    const note = (i: Incident) => addNote(i, 'looking', { by: L2, at: w.clock.now, key: 'note-1' });
    const first = await apply(w.services, incident.id, note, 'note-1');
    const again = await apply(w.services, incident.id, note, 'note-1');
    expect([first.ok && first.value.duplicate, again.ok && again.value.duplicate]).toEqual([false, true]);
    expect(w.asked.renders).toEqual([incident.id]);
    expect((await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'note')).toHaveLength(1);
  });

  it('answers not_found for an incident that does not exist', async () => {
    const result = await apply(w.services, 'inc-404', (i) => acknowledge(i, { by: L2, at: 1, key: 'a' }), 'a');
    expect(result.ok ? 'ok' : result.error.code).toBe('not_found');
  });
});

describe('post a status update', () => {
  it('keeps it in the record, re-times the interim reminder and queues it for both channels', async () => {
    const incident = await declared('critical');
    w.clock.now += 10 * 60_000;
    const result = await postStatusUpdate(w.services, incident.id, 'cause found', { by: L2, at: w.clock.now, key: 'upd-1' });
    expect(result.ok).toBe(true);
    const after = await stored(incident.id);
    expect(after.latestUpdate).toEqual({ text: 'cause found', by: L2, at: w.clock.now });
    const interim = currentAlarms(after, w.services.policy, interimBase(after)).find((a) => a.clock === 'interim');
    expect(w.asked.clockJobs.map((j) => j.jobId)).toContain(alarmJobId(incident.id, interim as NonNullable<typeof interim>));
    expect(w.asked.effects.filter((e) => e.job.name === 'status-update').map((e) => e.jobId)).toEqual(['update-incident-upd-1', 'update-stakeholders-upd-1']);
    expect(w.asked.renders).toContain(incident.id);
  });

  it('queues a private incident’s update for its own channel only: the stakeholders must not learn what it is about', async () => {
    const result = await declare(w.services, { severity: 'critical', title: 'Leaked API key', source: 'slack', by: L1, key: 'declare-private', private: true });
    if (!result.ok) throw new Error(result.error.message);
    expect((await postStatusUpdate(w.services, result.value.id, 'key rotated', { by: L2, at: w.clock.now, key: 'upd-p' })).ok).toBe(true);
    expect(w.asked.effects.filter((e) => e.job.name === 'status-update').map((e) => e.jobId)).toEqual(['update-incident-upd-p']);
  });
});

describe('request a run', () => {
  it('queues a read-only command for the incident host, audited before the job exists', async () => {
    const incident = await declared();
    const result = await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-1' });
    expect(result.ok && result.value.state).toBe('queued');
    expect(w.asked.runs).toMatchObject([{ incidentId: incident.id, commandId: 'env.python-version', host: 'backtest-1', requestedBy: L1 }]);
    expect((await w.services.audit.read()).map((e) => e.decision)).toEqual(['queued']);
    expect(names()).toContain('run-accepted');
  });

  it('writes the allow in the step that records the run: no separate audit write stands between the click and its job', async () => {
    const incident = await declared();
    const services = { ...w.services, audit: { ...w.services.audit, append: () => Promise.reject(new Error('a separate audit write')) } };
    const result = await requestRun(services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-one-step' });
    expect(result.ok && result.value.state).toBe('queued');
    expect((await w.services.audit.read()).map((e) => [e.decision, e.requestId, e.actor])).toEqual([['queued', result.ok ? result.value.run.runId : '', L1]]);
    expect(w.asked.runs).toHaveLength(1);
  });

  it('gives the repeat window back when the host has no worker, so the same click is taken once a worker serves it', async () => {
    const incident = await declared();
    const ask = (services: typeof w.services, key: string) => requestRun(services, { incident, commandId: 'env.python-version', params: {}, by: L1, key });
    const unserved = await ask({ ...w.services, workers: async () => [{ host: 'backtest-2', online: true }] }, 'click-unserved');
    expect(unserved.ok ? 'ok' : unserved.error.code).toBe('unknown_host');
    await expect(ask({ ...w.services, workers: () => Promise.reject(new Error('Redis went away')) }, 'click-unread')).rejects.toThrow('Redis went away');
    const served = await ask(w.services, 'click-served');
    expect(served.ok && served.value.state).toBe('queued');
    expect((await w.services.audit.read()).map((e) => e.decision)).toEqual(['refused', 'queued']);
  });

  it('gives back the incident as stored with the run, so the next run of Run all is recorded without a second read', async () => {
    const incident = await declared();
    const first = await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'suite-a', hold: true });
    if (!first.ok || first.value.state !== 'queued') throw new Error('the first run was not queued');
    expect(first.value.incident).toEqual(await w.services.store.get(incident.id));
    const { store } = w.services;
    const current: boolean[] = [];
    const update: typeof store.update = async (id, transition, opts) => {
      current.push(opts?.lastSeen?.version === (await store.get(id))?.version);
      return store.update(id, transition, opts);
    };
    const second = await requestRun({ ...w.services, store: { ...store, update } }, { incident: first.value.incident, commandId: 'env.packages', params: {}, by: L1, key: 'suite-b', hold: true });
    expect(second.ok && second.value.state).toBe('queued');
    expect(current).toEqual([true]);
  });

  it('denies a destructive command to a role without it, and queues nothing', async () => {
    const incident = await declared();
    const result = await requestRun(w.services, { incident, commandId: 'cleanup.temp', params: {}, by: L1, key: 'click-2' });
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'not_allowed', action: 'run', command: 'cleanup.temp', needs: 'destructive' });
    expect(w.asked.runs).toEqual([]);
    expect((await w.services.audit.read()).map((e) => e.decision)).toEqual(['denied']);
  });

  it('says so when it refused before Slack listed the user groups: the role may be there', async () => {
    const incident = await declared();
    const services = { ...w.services, groupsOf: async () => undefined };
    const result = await requestRun(services, { incident, commandId: 'cleanup.temp', params: {}, by: L1, key: 'click-unlisted' });
    expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'not_allowed', needs: 'destructive', groupsUnknown: true });
    expect(w.asked.runs).toEqual([]);
    expect((await w.services.audit.read()).map((e) => [e.decision, e.detail])).toEqual([['denied', 'role lacks destructive (user groups not listed by Slack)']]);
    // Known to be in no group is a plain refusal.
    const plain = await requestRun({ ...w.services, groupsOf: async () => [] }, { incident, commandId: 'cleanup.temp', params: {}, by: L1, key: 'click-listed' });
    expect(plain.ok ? 'ok' : plain.error).not.toHaveProperty('groupsUnknown');
  });

  it('holds a run that needs approval until a second person approves it; the requester cannot', async () => {
    const incident = await declared();
    const requested = await requestRun(w.services, { incident, commandId: 'process.stop-python', params: {}, by: L2, key: 'click-3' });
    if (!requested.ok || requested.value.state !== 'needs_approval') throw new Error('expected a pending approval');
    expect(w.asked.runs).toEqual([]);
    const { runId } = requested.value.run;
    expect(await decideApproval(w.services, { runId, incidentId: incident.id, by: L2, approve: true })).toEqual({ ok: false, error: { code: 'self_approval' } });
    const other = L3;
    const approved = await decideApproval(w.services, { runId, incidentId: incident.id, by: other, approve: true });
    expect(approved.ok && approved.value.state).toBe('queued');
    expect(w.asked.runs).toMatchObject([{ runId, approvedBy: other }]);
    expect(await decideApproval(w.services, { runId, incidentId: incident.id, by: other, approve: true })).toEqual({ ok: false, error: { code: 'already_decided' } });
  });

  it('refuses any run in a closed incident', async () => {
    const incident = { ...(await declared()), status: 'closed' } as Incident;
    expect(await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-4' })).toEqual({ ok: false, error: { code: 'closed' } });
  });

  it('refuses a run whose incident was closed after it was read, and queues nothing', async () => {
    const incident = await declared();
    await w.services.store.update(incident.id, (i) => ({ ok: true, value: { incident: { ...i, status: 'closed' } as Incident, events: [] } }), { idempotencyKey: 'closed-meanwhile' });
    expect(await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-5' })).toEqual({ ok: false, error: { code: 'closed' } });
    expect(w.asked.runs).toEqual([]);
    expect((await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'job_queued')).toEqual([]);
  });

  it('records a held run as queued and leaves its host job to startRun', async () => {
    const incident = await declared();
    const held = await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-6', hold: true });
    if (!held.ok || held.value.state !== 'queued') throw new Error('expected a queued run');
    expect((await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'job_queued')).toMatchObject([{ jobId: held.value.run.runId }]);
    expect(w.asked.runs).toEqual([]);
    expect((await w.services.audit.read()).map((e) => e.decision)).toEqual([]);
    await startRun(w.services, held.value.run);
    expect(w.asked.runs).toMatchObject([{ runId: held.value.run.runId }]);
    expect((await w.services.audit.read()).map((e) => e.decision)).toEqual(['queued']);
  });
});

describe('a person clicking the same Run again', () => {
  const click = (incident: Incident, key: string) => requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key });
  const runOf = (decision: Awaited<ReturnType<typeof click>>): RunJobData => {
    if (!decision.ok) throw new Error(`expected a queued run, got ${decision.error.code}`);
    return decision.value.run;
  };
  // What the run event does when the host reports the result, without (`release: false`) the window's release
  // that follows the record: the state a bot that died between the two leaves behind.
  const finish = async (run: RunJobData, release = true) => {
    const result = { outcome: 'succeeded', exitCode: 0, durationMs: 5, outputDigest: '', files: [] } as const;
    const actor = { by: 'klaxon', at: w.clock.now, key: `${run.runId}-finished` };
    if (release) return void (await recordRunFinished(w.services, run, result, () => undefined, actor));
    const job = { jobId: run.runId, commandId: run.commandId, host: run.host };
    await apply(w.services, run.incidentId, (i) => recordJobFinished(i, { ...job, ...result }, () => undefined, actor), actor.key);
  };
  const codeOf = (decision: Awaited<ReturnType<typeof click>>) => (decision.ok ? decision.value.state : decision.error.code);

  it('is the run already asked for until it has a result; once its result is recorded it is a re-run, without reading the timeline', async () => {
    const incident = await declared();
    const first = runOf(await click(incident, 'click-a'));
    expect(codeOf(await click(incident, 'click-b'))).toBe('duplicate');
    await finish(first);
    let timelineReads = 0;
    const { store } = w.services;
    const counted = { ...w.services, store: { ...store, timelineAll: (id: string) => ((timelineReads += 1), store.timelineAll(id)) } };
    const again = await requestRun(counted, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-c' });
    expect([codeOf(again), timelineReads]).toEqual(['queued', 0]);
    expect(codeOf(await click(incident, 'click-d'))).toBe('duplicate');
  });

  it('is a re-run after a result whose window was never let go; a late release of that run frees nothing', async () => {
    const incident = await declared();
    const first = runOf(await click(incident, 'click-a'));
    await finish(first, false);
    const second = runOf(await click(incident, 'click-b'));
    expect(second.runId).not.toBe(first.runId);
    // The bot that recorded the first result releases its window only now: the second run holds it.
    expect(await releaseRunWindow(w.services, first)).toBe(false);
    expect(codeOf(await click(incident, 'click-c'))).toBe('duplicate');
    await finish(second);
    expect(codeOf(await click(incident, 'click-d'))).toBe('queued');
  });

  it('lets exactly one of many simultaneous re-runs through', async () => {
    const incident = await declared();
    await finish(runOf(await click(incident, 'click-0')), false);
    const clicks = await Promise.all(Array.from({ length: 12 }, (_, n) => click(incident, `click-${n + 1}`)));
    expect(clicks.map(codeOf).sort()).toEqual([...Array.from({ length: 11 }, () => 'duplicate'), 'queued']);
  });

  it('never has two runs without a result, and queues a click whenever the last run has its result', async () => {
    const step = fc.constantFrom('click', 'finish', 'finish and release', 'release');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const world = useCaseWorld({ groups: GROUPS });
        const previous = w;
        w = world;
        try {
          const incident = await declared();
          const runs: { run: RunJobData; finished: boolean }[] = [];
          for (const [n, s] of steps.entries()) {
            const last = runs.at(-1);
            if (s === 'click') {
              const expected = last === undefined || last.finished ? 'queued' : 'duplicate';
              const decision = await click(incident, `click-${n}`);
              expect(codeOf(decision)).toBe(expected);
              if (decision.ok) runs.push({ run: decision.value.run, finished: false });
            } else if (s === 'release') {
              // A late release, as by a bot that recorded the result and died before letting go: only after the result.
              if (last?.finished) await releaseRunWindow(w.services, last.run);
            }
            else if (last !== undefined && !last.finished) {
              await finish(last.run, s === 'finish and release');
              last.finished = true;
            }
          }
          expect(runs.filter((r) => !r.finished).length).toBeLessThanOrEqual(1);
        } finally {
          w = previous;
          await world.stop();
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('resolve', () => {
  it('resolves and offers the §8.1 verification; a second resolve offers it again and says already resolved', async () => {
    const incident = await declared();
    w.clock.now += 30 * 60_000;
    expect((await resolveAndOfferVerification(w.services, incident.id, { by: L2, at: w.clock.now, key: 'res-1' })).ok).toBe(true);
    expect((await stored(incident.id)).status).toBe('resolved');
    const again = await resolveAndOfferVerification(w.services, incident.id, { by: L2, at: w.clock.now, key: 'res-2' });
    expect(again.ok ? 'ok' : again.error.code).toBe('already_resolved');
    expect(w.asked.effects.filter((e) => e.job.name === 'verification-offer').map((e) => e.jobId)).toEqual([`verify-offer-${incident.id}`, `verify-offer-${incident.id}`]);
  });
});
