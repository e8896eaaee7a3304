// A bot that died between recording a run as queued and handing its job to the host: the next bot to start
// hands it over, once, with what the record says the run was; nothing else is queued twice.
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { RunJobData } from '../../src/app/ports.js';
import { decideApproval, requestRun, type RunRequest } from '../../src/app/request-run.js';
import { APPROVAL_LAPSED, REQUEST_LAPSED } from '../../src/app/refuse-lapsed.js';
import { RESUME_AFTER_MS, RESUME_HOLD_S, resumeQueuedRuns, runsSeen } from '../../src/app/resume-queued-runs.js';
import type { Services } from '../../src/app/services.js';
import { declare } from '../../src/app/declare.js';
import { apply } from '../../src/app/apply.js';
import type { Incident } from '../../src/domain/incident.js';
import { addNote } from '../../src/domain/incident-records.js';
import { recordJobStarted } from '../../src/domain/job-records.js';
import { claimRunStart } from '../../src/store/audit-log.js';
import { storeKeys } from '../../src/store/keys.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
const L2 = 'U0L2SYS';
const L3 = 'U0L3DEV';

let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ groups: { [L1]: ['S0L1'], [L2]: ['S0L2'], [L3]: ['S0L3'] } });
});
afterEach(async () => w.stop());

const declared = async (key = 'declare-1'): Promise<Incident> => {
  const result = await declare(w.services, { severity: 'critical', title: 'main.py exits at start', source: 'slack', by: L1, key });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

// The same services, on a bot that dies where it would hand the job to the host.
const dying = (): Services => ({ ...w.services, runs: { ...w.services.runs, enqueue: () => Promise.reject(new Error('the bot died here')) } });
const diesAfterRecording = async (request: RunRequest): Promise<string> => {
  await expect(requestRun(dying(), request)).rejects.toThrow('the bot died here');
  const queued = (await w.services.store.timelineAll(request.incident.id)).filter((e) => e.type === 'job_queued').at(-1);
  if (queued?.type !== 'job_queued') throw new Error('the run was not recorded');
  return queued.jobId;
};
// L2 asks for a destructive command; L3's approval is recorded and the bot dies before the run is queued.
const approvedBeforeDeath = async (): Promise<{ runId: string; expiresAt: number }> => {
  const incident = await declared();
  const requested = await requestRun(w.services, { incident, commandId: 'process.stop-python', params: {}, by: L2, key: 'click-1' });
  if (!requested.ok || requested.value.state !== 'needs_approval') throw new Error('expected a pending approval');
  const { runId } = requested.value.run;
  await expect(decideApproval(dying(), { runId, incidentId: incident.id, by: L3, approve: true })).rejects.toThrow('the bot died here');
  return { runId, expiresAt: requested.value.expiresAt };
};
const later = () => {
  w.clock.now += RESUME_AFTER_MS + 1;
};
const auditOf = async (runId: string) => (await w.services.audit.read()).filter((e) => e.requestId === runId);

describe('runs recorded as queued without a host job', () => {
  it('go to their host once, as they were asked for, audited and answered in Slack like a click', async () => {
    const incident = await declared();
    const runId = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: { lines: '50' }, by: L1, key: 'click-1' });
    expect(w.asked.runs).toEqual([]);
    later();
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [runId] });
    expect(w.asked.runs).toEqual([
      { runId, incidentId: incident.id, commandId: 'logs.tail-errors', params: { lines: '50' }, host: 'backtest-1', requestedBy: L1, severity: 'critical' } satisfies RunJobData,
    ]);
    // The dying bot audited its allow; the next one says why it queued the same run.
    expect((await auditOf(runId)).map((e) => [e.decision, e.detail])).toEqual([
      ['queued', undefined],
      ['queued', 'queued again: its host job was never queued'],
    ]);
    expect(w.asked.effects.filter((e) => e.jobId === `run-root-${runId}`)).toHaveLength(1);

    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [] });
    expect(w.asked.runs).toHaveLength(1);
  });

  it('are queued by one of two bots starting together; the other looks again once its hold has passed', async () => {
    const incident = await declared();
    const runId = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-1' });
    later();
    const both = await Promise.all([resumeQueuedRuns(w.services), resumeQueuedRuns(w.services)]);
    expect(both).toEqual(expect.arrayContaining([{ resumed: [runId] }, { resumed: [], again: w.clock.now + RESUME_HOLD_S * 1000 }]));
    expect(w.asked.runs).toHaveLength(1);
    expect((await auditOf(runId)).map((e) => e.detail)).toEqual([undefined, 'queued again: its host job was never queued']);
    // Its second look finds the job on the queue.
    w.clock.now += RESUME_HOLD_S * 1000;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [] });
  });

  it('are left while a live bot may still be queueing them, and the answer says when to look again', async () => {
    const incident = await declared();
    const recordedAt = w.clock.now;
    await diesAfterRecording({ incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-1' });
    w.clock.now += RESUME_AFTER_MS - 1;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [], again: recordedAt + RESUME_AFTER_MS });
    expect(w.asked.runs).toEqual([]);
  });

  it('leave alone a run whose job is on its queue, one a host started, and the runs of a closed incident', async () => {
    const incident = await declared();
    const queued = await requestRun(w.services, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-1' });
    expect(queued.ok).toBe(true);
    const started = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-2' });
    await apply(w.services, incident.id, (i) => recordJobStarted(i, { jobId: started, commandId: 'logs.tail-errors', host: 'backtest-1' }, { by: 'klaxon', key: `${started}-started`, at: w.clock.now }), `${started}-started`);
    const other = await declared('declare-2');
    await diesAfterRecording({ incident: other, commandId: 'env.python-version', params: {}, by: L1, key: 'click-3' });
    await w.services.store.update(other.id, (i) => ({ ok: true, value: { incident: { ...i, status: 'closed' } as Incident, events: [] } }), { idempotencyKey: 'closed' });
    later();
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [] });
    expect(w.asked.runs).toHaveLength(1);
  });

  it('keep who asked and who approved an approved run', async () => {
    const { runId } = await approvedBeforeDeath();
    later();
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [runId] });
    expect(w.asked.runs).toMatchObject([{ runId, requestedBy: L2, approvedBy: L3 }]);
    expect((await auditOf(runId)).at(-1)).toMatchObject({ decision: 'queued', actor: L3 });
  });

  it('refuse an approved run whose approval ran out meanwhile: a destructive command does not start unasked hours later', async () => {
    const { runId, expiresAt } = await approvedBeforeDeath();
    w.clock.now = expiresAt + 1;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [], lapsed: [runId] });
    expect(w.asked.runs).toEqual([]);
    expect((await auditOf(runId)).at(-1)).toMatchObject({ action: 'run', decision: 'refused', actor: 'klaxon', detail: APPROVAL_LAPSED });
    expect(w.asked.effects.filter((e) => e.jobId === `run-event-${runId}-refused`)).toMatchObject([
      { job: { name: 'run-event', data: { kind: 'refused', reason: APPROVAL_LAPSED, run: { runId, requestedBy: L2, approvedBy: L3 } } } },
    ]);
  });

  it('go within the approval window of their request, and are refused after it: a click does not run a command unasked hours later', async () => {
    const incident = await declared();
    const window = w.services.policy.approvalTtlMinutes * 60_000;
    const asked = w.clock.now;
    const fresh = await diesAfterRecording({ incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-1' });
    w.clock.now = asked + window;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [fresh] });

    const stale = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-2' });
    w.clock.now += window + 1;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [], lapsed: [stale] });
    expect(w.asked.runs.map((r) => r.runId)).toEqual([fresh]);
    expect((await auditOf(stale)).at(-1)).toMatchObject({ action: 'run', decision: 'refused', actor: 'klaxon', detail: REQUEST_LAPSED });
    expect(w.asked.effects.filter((e) => e.jobId === `run-event-${stale}-refused`)).toMatchObject([
      { job: { name: 'run-event', data: { kind: 'refused', reason: REQUEST_LAPSED, run: { runId: stale, requestedBy: L1 } } } },
    ]);
  });

  it('go to their host whatever their age when a host claimed their start: the host, not a guess, says what happened', async () => {
    const incident = await declared();
    const started = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-1' });
    // A host took the job and claimed its start; the start never reached the timeline, and the job was removed.
    const redis = new Redis(inject('redisUrl'));
    const entry = { at: w.clock.now, actor: L1, action: 'run', decision: 'started', requestId: started, incidentId: incident.id, commandId: 'logs.tail-errors', host: 'backtest-1' } as const;
    await claimRunStart(redis, storeKeys(w.services.config.redisPrefix), { runId: started, marker: String(w.clock.now), ttlSeconds: 60, mayRunAgain: true, audit: { first: entry, again: entry, unknown: entry } });
    await redis.quit();
    w.clock.now += w.services.policy.approvalTtlMinutes * 60_000 + 1;
    expect(await resumeQueuedRuns(w.services)).toEqual({ resumed: [started] });
  });

  it('report in their "Run all" summary when it was queued, and in a thread of their own when the bot died before it', async () => {
    const incident = await declared();
    const hold = { incident, params: {}, by: L1, hold: true } as const;
    const shown = await requestRun(w.services, { ...hold, commandId: 'env.python-version', key: 'click-1-a', suite: 'suite-shown' });
    const lost = await requestRun(w.services, { ...hold, commandId: 'logs.tail-errors', key: 'click-2-a', suite: 'suite-lost' });
    if (!shown.ok || !lost.ok) throw new Error('expected two held runs');
    await w.services.store.setLink(incident.id, 'suite-def:suite-shown', JSON.stringify({ id: 'suite-shown' }));
    later();
    const { resumed } = await resumeQueuedRuns(w.services);
    expect(resumed).toEqual([shown.value.run.runId, lost.value.run.runId]);
    expect(w.asked.runs.map((r) => [r.runId, r.suite])).toEqual([
      [shown.value.run.runId, 'suite-shown'],
      [lost.value.run.runId, undefined],
    ]);
  });

  it('are looked for, on the later looks of a bot, only in the timelines that grew since its last one', async () => {
    const incident = await declared();
    const quiet = await declared('declare-2');
    const runId = await diesAfterRecording({ incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-1' });
    const reads: string[] = [];
    const asked: string[] = [];
    const counting: Services = {
      ...w.services,
      store: { ...w.services.store, timelineAll: (id) => (reads.push(id), w.services.store.timelineAll(id)) },
      runs: { ...w.services.runs, has: (run) => (asked.push(run.runId), w.services.runs.has(run)) },
    };
    const seen = runsSeen();
    later();
    expect(await resumeQueuedRuns(counting, seen)).toEqual({ resumed: [runId] });
    expect([...reads].sort()).toEqual([incident.id, quiet.id].sort());

    // Nothing new: no timeline is read, and the run just queued is not asked about again.
    reads.length = 0;
    asked.length = 0;
    expect(await resumeQueuedRuns(counting, seen)).toEqual({ resumed: [] });
    expect(reads).toEqual([]);
    expect(asked).toEqual([]);

    // A note on one incident and a run left behind on the other: each timeline that grew is read, once.
    await apply(w.services, quiet.id, (i) => addNote(i, 'disk at 91%', { by: L1, key: 'note-1', at: w.clock.now }), 'note-1');
    const second = await diesAfterRecording({ incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-2' });
    later();
    expect(await resumeQueuedRuns(counting, seen)).toEqual({ resumed: [second] });
    expect([...reads].sort()).toEqual([incident.id, quiet.id].sort());
    expect(asked).toEqual([second]);
    expect(w.asked.runs.map((r) => r.runId)).toEqual([runId, second]);
  });
});
