import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/domain/lifecycle.js';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import { maySee } from '../../src/domain/visibility.js';
import { must } from '../support/transitions.js';

const policy: Policy = {
  ...defaultPolicy,
  responders: { ...defaultPolicy.responders, critical: [{ usergroup: 'S0L2' }, { user: 'U0ONCALL' }] },
  escalation: {
    levels: [
      { ...defaultPolicy.escalation.levels[0], members: [] },
      { ...defaultPolicy.escalation.levels[1], members: [] },
      { ...defaultPolicy.escalation.levels[2], members: [{ usergroup: 'S0L3' }] },
    ],
  },
};
const declared = must(declareIncident({ number: 7, title: 'Leaked key', severity: 'critical', source: 'slack', private: true }, { by: 'U0DECL', at: 0, key: 'k' }));

describe('maySee', () => {
  it.each([
    ['the declarer (and lead)', 'U0DECL', [], true],
    ['a responder named by user', 'U0ONCALL', [], true],
    ['a responder through a user group', 'U0SUZUKI', ['S0L2'], true],
    ['L3 before the ladder reached it', 'U0TANAKA', ['S0L3'], false],
    ['a stakeholder', 'U0STAKE', [], false],
  ] as const)('a private incident: %s → %s', (_who, id, groups, expected) => {
    expect(maySee(policy, declared, { id, groups })).toBe(expected);
  });

  it('lets in the levels the ladder reached and whoever acted on it', () => {
    expect(maySee(policy, { ...declared, escalationLevel: 3 }, { id: 'U0TANAKA', groups: ['S0L3'] })).toBe(true);
    expect(maySee(policy, { ...declared, responders: ['U0HELPER'] }, { id: 'U0HELPER', groups: [] })).toBe(true);
  });

  it('shows a public incident to everyone', () => {
    const { private: _private, ...open } = declared;
    expect(maySee(policy, open, { id: 'U0STAKE', groups: [] })).toBe(true);
  });
});
