import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPlans } from '../../src/domain/maintenance-policy.js';
import {
  failureAction, maintenanceLogParams, nextEntry, planOutcome, planRunId, recordEntry, startPlanRun, type EntryStatus, type PlanRun,
} from '../../src/domain/maintenance-run.js';

const weekly = defaultPlans[0]!;
const T0 = Date.UTC(2026, 11, 6, 21, 0); // Monday 06:00 in Tokyo
const where = { host: 'backtest-1', channel: 'C0OPS' };
const fresh = (): PlanRun => startPlanRun(weekly, { kind: 'schedule' }, T0, where);
const finishAll = (run: PlanRun, statuses: readonly EntryStatus[]): PlanRun =>
  statuses.reduce((r, status, i) => recordEntry(r, i, { status }, T0 + (i + 1) * 1000), run);

describe('a plan run', () => {
  it('starts with every entry pending, under one id per firing', () => {
    const run = fresh();
    expect(run.id).toBe(`mnt-weekly-${T0}`);
    expect(planRunId('weekly', T0, 'manual')).toBe(`mnt-weekly-manual-${T0}`);
    expect(run.entries.map((e) => [e.command, e.status])).toEqual([
      ['system.health-check', 'pending'],
      ['logs.rotate', 'pending'],
      ['cache.cleanup', 'pending'],
    ]);
    expect(planOutcome(run)).toBe('running');
  });

  it('runs its entries one after another, and a failure does not stop the rest', () => {
    let run = fresh();
    expect(nextEntry(run)).toBe(0);
    run = recordEntry(run, 0, { status: 'queued', runId: 'r0' }, T0);
    expect(nextEntry(run)).toBeUndefined();
    run = recordEntry(run, 0, { status: 'failed', exitCode: 1 }, T0 + 1);
    expect(nextEntry(run)).toBe(1);
    run = recordEntry(run, 1, { status: 'succeeded' }, T0 + 2);
    run = recordEntry(run, 2, { status: 'succeeded' }, T0 + 3);
    expect(nextEntry(run)).toBeUndefined();
    expect([planOutcome(run), run.finishedAt]).toEqual(['failed', T0 + 3]);
  });

  it.each([
    [['succeeded', 'succeeded', 'succeeded'], 'succeeded', { plan: 'weekly', outcome: 'succeeded', passed: '3', total: '3' }],
    [['succeeded', 'timed_out', 'succeeded'], 'failed', { plan: 'weekly', outcome: 'failed', passed: '2', total: '3' }],
    [['refused', 'unknown', 'canceled'], 'failed', { plan: 'weekly', outcome: 'failed', passed: '0', total: '3' }],
  ] as const)('%j ends %s, logged as %j', (statuses, outcome, log) => {
    const run = finishAll(fresh(), statuses);
    expect(planOutcome(run)).toBe(outcome);
    expect(maintenanceLogParams(run)).toEqual(log);
  });

  it('never moves an entry backwards, whatever order the reports arrive in, and finishes once', () => {
    const status = fc.constantFrom<EntryStatus>('queued', 'running', 'succeeded', 'failed', 'timed_out');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), status), { maxLength: 20 }), (reports) => {
        let run = fresh();
        let finishedAt: number | undefined;
        reports.forEach(([index, s], i) => {
          const before = run.entries[index]!.status;
          run = recordEntry(run, index, { status: s }, T0 + i);
          const after = run.entries[index]!.status;
          if (['succeeded', 'failed', 'timed_out'].includes(before)) expect(after).toBe(before);
          if (finishedAt !== undefined) expect(run.finishedAt).toBe(finishedAt);
          finishedAt = run.finishedAt;
        });
      }),
    );
  });
});

describe('failureAction', () => {
  const failed = finishAll(fresh(), ['failed', 'succeeded', 'succeeded']);
  const passed = finishAll(fresh(), ['succeeded', 'succeeded', 'succeeded']);

  it.each([
    ['a passing run', passed, undefined, { kind: 'none' }],
    ['a run still going', fresh(), undefined, { kind: 'none' }],
    ['a failed run with no open incident', failed, undefined, { kind: 'declare', severity: 'low' }],
    ['a failed run while its plan has one open', failed, 'inc-12', { kind: 'attach', incidentId: 'inc-12' }],
    [
      'a failed run of an incident’s verification suite',
      { ...failed, trigger: { kind: 'verification', incidentId: 'inc-3', by: 'U1' } } as PlanRun,
      'inc-12',
      { kind: 'attach', incidentId: 'inc-3' },
    ],
  ])('%s → %j', (_what, run, open, action) => {
    expect(failureAction(run, 'low', open)).toEqual(action);
  });
});
