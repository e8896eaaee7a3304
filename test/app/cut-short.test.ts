// A failure after an action was recorded is told apart from one before it: the first stands and a later look
// finishes it (so whoever asked must not ask again), the second recorded nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordedButCutShort, suiteCutShort } from '../../src/app/cut-short.js';
import type { RunJobData } from '../../src/app/ports.js';
import { declare, type DeclareRequest } from '../../src/app/declare.js';
import { recordApprovalRequested, requestRun } from '../../src/app/request-run.js';
import type { Services } from '../../src/app/services.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ groups: { [L1]: ['S0L1'] } });
});
afterEach(async () => w.stop());

const request: DeclareRequest = { severity: 'critical', title: 'main.py exits at start', source: 'slack', by: L1, key: 'declare-1' };
const away = new Error('Redis is away');
const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => expect.fail('it went through'), (error: unknown) => error);

describe('a failure', () => {
  it('after a declaration was stored says which incident stands', async () => {
    const error = await failure(declare(diesQueueingSetup(w.services, away), request));
    const [stored] = await w.services.store.listOpen();
    expect(error).toBeInstanceOf(RecordedButCutShort);
    expect(error).toMatchObject({ recorded: { kind: 'declaration', incidentId: stored?.id }, cause: away });
  });

  it('after a declaration was stored keeps the message it came from and its description with it', async () => {
    const message = { text: 'Backtests stuck at 0% since 09:12', author: 'U0STAKE', originalAt: w.clock.now - 60_000 };
    const error = await failure(declare(diesQueueingSetup(w.services, away), { ...request, message, description: 'the nightly run never finished' }));
    expect(error).toBeInstanceOf(RecordedButCutShort);
    const [stored] = await w.services.store.listOpen();
    const timeline = await w.services.store.timelineAll(stored?.id ?? 'none');
    expect(timeline.find((e) => e.type === 'pinned')).toMatchObject({ text: message.text, author: 'U0STAKE', at: message.originalAt, id: 'declare-1-message' });
    expect(timeline.find((e) => e.type === 'note')).toMatchObject({ text: 'the nightly run never finished', by: L1, id: 'declare-1-description' });
  });

  it('before a declaration was stored is the failure itself', async () => {
    const dying: Services = { ...w.services, store: { ...w.services.store, create: () => Promise.reject(away) } };
    expect(await failure(declare(dying, request))).toBe(away);
    expect(await w.services.store.listOpen()).toEqual([]);
  });

  it('after a run was recorded as queued says which run stands; before it, it is the failure itself', async () => {
    const declared = await declare(w.services, request);
    if (!declared.ok) throw new Error(declared.error.message);
    const incident = declared.value;
    const handover: Services = { ...w.services, runs: { ...w.services.runs, enqueue: () => Promise.reject(away) } };
    const error = await failure(requestRun(handover, { incident, commandId: 'env.python-version', params: {}, by: L1, key: 'click-1' }));
    const queued = (await w.services.store.timelineAll(incident.id)).find((e) => e.type === 'job_queued');
    expect(error).toBeInstanceOf(RecordedButCutShort);
    expect(error).toMatchObject({ recorded: { kind: 'run', run: { runId: queued?.type === 'job_queued' ? queued.jobId : 'none', commandId: 'env.python-version' } }, cause: away });

    const record: Services = { ...w.services, store: { ...w.services.store, update: () => Promise.reject(away) } };
    expect(await failure(requestRun(record, { incident, commandId: 'logs.tail-errors', params: {}, by: L1, key: 'click-2' }))).toBe(away);
  });
});

describe('an approval request cut short', () => {
  it('after its message was queued stands: its message records it on the timeline, once, at the time it was asked for', async () => {
    const declared = await declare(w.services, request);
    if (!declared.ok) throw new Error(declared.error.message);
    const incident = declared.value;
    const asked = w.clock.now;
    const recordFails: Services = { ...w.services, store: { ...w.services.store, update: () => Promise.reject(away) } };
    const error = await failure(requestRun(recordFails, { incident, commandId: 'process.stop-python', params: {}, by: L1, key: 'click-1' }));
    expect(error).toBeInstanceOf(RecordedButCutShort);
    expect(error).toMatchObject({ recorded: { kind: 'approval', run: { commandId: 'process.stop-python', requestedBy: L1 } }, cause: away });
    const message = w.asked.effects.find((e) => e.job.name === 'run-accepted');
    expect(message?.job).toMatchObject({ data: { approval: { requestedAt: asked } } });
    const requested = async () => (await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'approval' && e.decision === 'requested');
    expect(await requested()).toEqual([]);

    // What the message's effect does first, as often as its job is tried.
    w.clock.now += 5_000;
    const { run } = (error as RecordedButCutShort).recorded as { run: RunJobData };
    await recordApprovalRequested(w.services, run, asked);
    await recordApprovalRequested(w.services, run, asked);
    expect(await requested()).toMatchObject([{ jobId: run.runId, by: L1, at: asked }]);
  });

  it('before its message was queued is the failure itself: nobody will see it, and asking again is right', async () => {
    const declared = await declare(w.services, request);
    if (!declared.ok) throw new Error(declared.error.message);
    const queueFails: Services = { ...w.services, effects: { ...w.services.effects, enqueue: () => Promise.reject(away) } };
    expect(await failure(requestRun(queueFails, { incident: declared.value, commandId: 'process.stop-python', params: {}, by: L1, key: 'click-1' }))).toBe(away);
  });
});

describe('a "Run all" cut short while its runs were being recorded', () => {
  const run = (commandId: string): RunJobData => ({ runId: `run-inc-1-${commandId}`, incidentId: 'inc-1', commandId, params: {}, host: 'backtest-1', requestedBy: L1, severity: 'critical', suite: 's' });
  const commands = ['a', 'b', 'c', 'd'];
  const cases: readonly (readonly [string, readonly string[], string, unknown, readonly string[] | undefined, readonly string[] | undefined])[] = [
    // what, recorded before, failed at, error, runs that stand, commands never asked for (undefined: the error itself)
    ['at its first run, before it was recorded', [], 'a', away, undefined, undefined],
    ['at its first run, once that was recorded', [], 'a', new RecordedButCutShort({ kind: 'run', run: run('a') }, away), ['a'], ['b', 'c', 'd']],
    ['at its third run, before it was recorded', ['a', 'b'], 'c', away, ['a', 'b'], ['c', 'd']],
    ['at its last run, once that was recorded', ['a', 'b', 'c'], 'd', new RecordedButCutShort({ kind: 'run', run: run('d') }, away), ['a', 'b', 'c', 'd'], []],
  ];
  it.each(cases)('%s', (_what, before, failedAt, error, stand, notRecorded) => {
    const result = suiteCutShort(before.map(run), commands, failedAt, error);
    if (stand === undefined) return expect(result).toBe(error);
    expect(result).toBeInstanceOf(RecordedButCutShort);
    const { recorded } = result as RecordedButCutShort;
    expect(recorded.kind === 'suite' ? recorded.runs.map((r) => r.commandId) : recorded).toEqual(stand);
    expect(recorded.kind === 'suite' ? (recorded.notRecorded ?? []) : recorded).toEqual(notRecorded);
  });
});
