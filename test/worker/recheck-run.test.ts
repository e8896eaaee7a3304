// The worker's own policy check: what it can prove from user ids and approvals, and what it leaves to the bot.
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../commands/index.js';
import type { CommandSpec } from '../../src/domain/catalogue.js';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import { SYSTEM_ACTOR } from '../../src/domain/scheduled-work.js';
import { recheckRun } from '../../src/worker/recheck-run.js';

const spec = (id: string): CommandSpec => {
  const found = findCommand(id);
  if (!found) throw new Error(id);
  return found;
};
const users: Policy = { ...defaultPolicy, roles: { mutating: [{ user: 'U1' }, { user: 'U2' }], destructive: [{ user: 'U2' }], approvers: [{ user: 'U3' }] } };
const mixed: Policy = { ...defaultPolicy, roles: { mutating: [], destructive: [{ user: 'U2' }, { usergroup: 'S9' }], approvers: [] } };

describe('recheckRun', () => {
  it.each([
    ['read-only, anyone', users, 'env.python-version', { requestedBy: 'U7' }, undefined],
    ['mutating, listed user', users, 'run.safe-mode', { requestedBy: 'U1' }, undefined],
    ['mutating, unlisted user', users, 'run.safe-mode', { requestedBy: 'U7' }, 'U7 does not hold the mutating role'],
    ['destructive, listed user', users, 'cleanup.temp', { requestedBy: 'U2' }, undefined],
    ['destructive, unlisted user', users, 'cleanup.temp', { requestedBy: 'U1' }, 'U1 does not hold the destructive role'],
    ['destructive, a group might hold them', mixed, 'cleanup.temp', { requestedBy: 'U7' }, undefined],
    ['destructive, nobody holds the role', defaultPolicy, 'cleanup.temp', { requestedBy: 'U2' }, "the worker's policy gives no one the destructive role"],
    ['approval missing', users, 'config.restore', { requestedBy: 'U2' }, 'needs the approval of a second person'],
    ['self-approval', users, 'config.restore', { requestedBy: 'U2', approvedBy: 'U2' }, 'self-approval is not allowed'],
    ['approver outside the list', users, 'config.restore', { requestedBy: 'U2', approvedBy: 'U1' }, 'U1 is not an approver'],
    ['listed approver', users, 'config.restore', { requestedBy: 'U2', approvedBy: 'U3' }, undefined],
    ['a responder without the role asks, a listed approver approves', users, 'config.restore', { requestedBy: 'U1', approvedBy: 'U3' }, undefined],
    ['approvers default to the destructive role, which has a group', mixed, 'config.restore', { requestedBy: 'U2', approvedBy: 'U8' }, undefined],
  ] as const)('%s', (_name, policy, id, people, expected) => {
    expect(recheckRun(policy, spec(id), people)).toBe(expected);
  });

  it('without a policy checks approvals only', () => {
    expect(recheckRun(undefined, spec('cleanup.temp'), { requestedBy: 'U7' })).toBeUndefined();
    expect(recheckRun(undefined, spec('config.restore'), { requestedBy: 'U7', approvedBy: 'U7' })).toBe('self-approval is not allowed');
  });
});

describe('recheckRun for scheduled maintenance', () => {
  const destructive = { id: 'cache.cleanup', title: { en: 'c', ja: 'c' }, runbook: [], risk: 'destructive', timeoutMs: 1, outputCapBytes: 1, action: { kind: 'argv', argv: ['x'] } } as const;
  const scheduled = { requestedBy: SYSTEM_ACTOR, maintenance: { planId: 'weekly', slot: 2 } } as const;
  it.each([
    ['an entry its policy lists, destructive or not (the plan is the permission)', defaultPolicy, scheduled, undefined],
    ['another place of the plan', defaultPolicy, { ...scheduled, maintenance: { planId: 'weekly', slot: 0 } }, 'entry 0 of plan "weekly" is not cache.cleanup in the host\'s policy'],
    ['a plan the host does not have', defaultPolicy, { ...scheduled, maintenance: { planId: 'nightly', slot: 0 } }, 'the host\'s policy has no maintenance plan "nightly"'],
    ['a person claiming a plan', defaultPolicy, { requestedBy: 'U1', maintenance: { planId: 'weekly', slot: 2 } }, 'a scheduled run must come from the scheduler'],
    ['the system actor without a plan', defaultPolicy, { requestedBy: SYSTEM_ACTOR }, 'a scheduled run must come from the scheduler'],
    ['no policy on the host (approvals only)', undefined, scheduled, undefined],
  ] as const)('%s', (_what, policy, people, refusal) => {
    expect(recheckRun(policy, destructive, people)).toBe(refusal);
  });

  it('never lets a schedule carry an approval', () => {
    expect(recheckRun(defaultPolicy, { ...destructive, requiresApproval: true }, scheduled)).toBe("a scheduled run cannot carry a second person's approval");
  });
});
