import { describe, expect, it } from 'vitest';
import { defaultMaintenance } from '../../src/domain/maintenance-policy.js';
import { CANARY_PLAN, findPlan, scheduledJobRefusal, scheduledPlans } from '../../src/domain/scheduled-work.js';

const withSnapshot = { ...defaultMaintenance, canary: { ...defaultMaintenance.canary, snapshot: 'host.snapshot', params: { symbol: '7203.T' } } };

describe('scheduled plans', () => {
  it('are the policy’s plans plus the canary, snapshot first', () => {
    expect(scheduledPlans(defaultMaintenance).map((p) => p.id)).toEqual(['weekly', 'monthly', CANARY_PLAN]);
    expect(findPlan(withSnapshot, CANARY_PLAN)).toMatchObject({
      cron: '30 5 * * *',
      severity: 'low',
      entries: [{ command: 'host.snapshot', params: {} }, { command: 'canary.golden-run', params: { symbol: '7203.T' } }],
    });
  });
});

describe('scheduledJobRefusal (the host’s check of a scheduled job)', () => {
  const job = { planId: 'weekly', slot: 2, commandId: 'cache.cleanup', params: {} };
  it.each([
    ['an entry of the plan, at its place', job, undefined],
    ['the closing maintenance-log line', { ...job, slot: 'log' as const, commandId: 'logs.maintenance-run' }, undefined],
    ['the canary with its pinned parameters (defaults filled in)', { planId: 'canary', slot: 1, commandId: 'canary.golden-run', params: { symbol: '7203.T', start: '2024-01-04' } }, undefined],
    ['a plan the host does not know', { ...job, planId: 'nightly' }, 'the host\'s policy has no maintenance plan "nightly"'],
    ['another command at that place', { ...job, commandId: 'process.stop-python' }, 'entry 2 of plan "weekly" is not process.stop-python in the host\'s policy'],
    ['a command in the log slot', { ...job, slot: 'log' as const }, 'cache.cleanup is not the maintenance-log command'],
    ['other parameters', { planId: 'canary', slot: 1, commandId: 'canary.golden-run', params: { symbol: '9984.T' } }, "parameter symbol differs from the host's policy"],
  ])('%s', (_what, candidate, refusal) => {
    expect(scheduledJobRefusal(withSnapshot, candidate)).toBe(refusal);
  });
});
