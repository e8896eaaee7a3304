import { describe, expect, it } from 'vitest';
import { lowers, mayApproveRun, mayChange, mayRequestRun, namedResponders, unlessGroupsUnknown } from '../../src/domain/authority.js';
import type { Incident } from '../../src/domain/incident.js';
import { declareIncident } from '../../src/domain/lifecycle.js';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';

// The sandbox's people: Sato (L1), Suzuki (L2), Tanaka (L3), Yamada (a stakeholder, named nowhere).
const [L1, L2, L3] = [{ usergroup: 'S0L1' }, { usergroup: 'S0L2' }, { usergroup: 'S0L3' }];
const policy: Policy = sandboxPolicy;
const sato = { id: 'U0L1OPS', groups: ['S0L1'] };
const suzuki = { id: 'U0L2SYS', groups: ['S0L2'] };
const yamada = { id: 'U0STAKE', groups: [] };

const declaredBy = (user: string): Incident => {
  const result = declareIncident({ number: 1, title: 'main.py crashes', severity: 'critical', source: 'slack' }, { by: user, at: 0, key: 'k' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.incident;
};

const LIFECYCLE = ['resolve', 'close', 'reopen', 'severity_down', 'assign'] as const;

describe('mayChange', () => {
  it.each(LIFECYCLE)('lets the commander and named responders %s, and refuses a stakeholder with whom to ask', (action) => {
    const incident = declaredBy('U0L1OPS');
    expect(mayChange(policy, incident, sato, action, action).ok).toBe(true);
    expect(mayChange(policy, incident, suzuki, action, action).ok).toBe(true);
    expect(mayChange(policy, incident, yamada, action, `${action} now`)).toEqual({
      ok: false,
      error: { code: 'not_allowed', action, command: `${action} now`, needs: 'commander_or_responder', ask: [{ user: 'U0L1OPS' }, L1, L2, L3] },
    });
  });

  it('lets a stakeholder who declared lead their own incident', () => {
    expect(mayChange(policy, declaredBy('U0STAKE'), yamada, 'resolve', 'resolve').ok).toBe(true);
  });

  it('takes `authority.responders` over the names found elsewhere', () => {
    const strict: Policy = { ...policy, authority: { responders: [L2], requestApproval: [] } };
    expect(mayChange(strict, declaredBy('U0L2SYS'), sato, 'close', 'close')).toMatchObject({ ok: false, error: { ask: [{ user: 'U0L2SYS' }, L2] } });
  });

  it('lets everyone when the policy names nobody (it cannot tell a stakeholder from a responder)', () => {
    expect(namedResponders(defaultPolicy)).toBeNull();
    expect(mayChange(defaultPolicy, declaredBy('U0L1OPS'), yamada, 'resolve', 'resolve').ok).toBe(true);
  });
});

describe('mayRequestRun', () => {
  const destructive = { id: 'recovery.kill-python', risk: 'destructive' as const };
  const approved = { ...destructive, requiresApproval: true };

  it('lets any responder ask for an approval, but not a stakeholder', () => {
    const incident = declaredBy('U0L2SYS');
    expect(mayRequestRun(policy, incident, sato, approved).ok).toBe(true);
    expect(mayRequestRun(policy, incident, yamada, approved)).toEqual({
      ok: false,
      error: { code: 'not_allowed', action: 'request_approval', command: 'recovery.kill-python', needs: 'responder', ask: [{ user: 'U0L2SYS' }, L1, L2, L3] },
    });
  });

  it('needs the destructive role to run a destructive command outright, and names who holds it', () => {
    expect(mayRequestRun(policy, declaredBy('U0L2SYS'), sato, destructive)).toEqual({
      ok: false,
      error: { code: 'not_allowed', action: 'run', command: 'recovery.kill-python', needs: 'destructive', ask: [L2, L3] },
    });
    expect(mayRequestRun(policy, declaredBy('U0L2SYS'), suzuki, destructive).ok).toBe(true);
    expect(mayRequestRun(policy, declaredBy('U0L2SYS'), yamada, { id: 'detection.status', risk: 'read-only' }).ok).toBe(true);
  });

  it('names the approvers when someone else tries to approve', () => {
    expect(mayApproveRun(policy, sato, 'recovery.kill-python')).toMatchObject({ ok: false, error: { action: 'approve', needs: 'approver', ask: [L2, L3] } });
    expect(mayApproveRun(policy, suzuki, 'recovery.kill-python').ok).toBe(true);
  });
});

describe('lowers', () => {
  it.each([
    ['critical', 'high', true],
    ['high', 'low', true],
    ['low', 'critical', false],
    ['medium', 'medium', false],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(lowers(from, to)).toBe(expected);
  });
});


describe('unlessGroupsUnknown', () => {
  const incident = declaredBy('U0L1OPS');
  const refusal = mayChange(policy, incident, yamada, 'resolve', 'resolve');
  it.each([
    ['a refusal, groups known', refusal, true, refusal],
    ['a refusal, groups not listed', refusal, false, refusal.ok ? refusal : { ok: false, error: { ...refusal.error, groupsUnknown: true } }],
    ['an allowance, groups not listed', mayChange(policy, incident, sato, 'resolve', 'resolve'), false, { ok: true, value: undefined }],
  ] as const)('%s', (_, decision, groupsKnown, expected) => {
    expect(unlessGroupsUnknown(decision, groupsKnown)).toEqual(expected);
  });
});
