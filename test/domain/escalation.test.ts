import { describe, expect, it } from 'vitest';
import { must } from '../support/transitions.js';
import { ESCALATION_RULES, escalationCheckpoints, isOnDuty, nextEscalation, whoToCall, type EscalationDecision } from '../../src/domain/escalation.js';
import type { Actor, EscalationLevel, Incident } from '../../src/domain/incident.js';
import { escalate } from '../../src/domain/clock-records.js';
import { acknowledge, declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import type { Severity } from '../../src/domain/severity.js';

const MIN = 60_000;
const WEEKDAY = Date.parse('2026-01-05T01:00:00Z'); // Monday 10:00 in Tokyo
const WEEKEND = Date.parse('2026-01-03T13:00:00Z'); // Saturday 22:00 in Tokyo
const MONDAY_OPENING = Date.parse('2026-01-05T00:00:00Z');


interface Case {
  readonly severity: Severity;
  readonly start: number;
  readonly ackAfter?: number;
  readonly resolveAfter?: number;
  readonly level?: EscalationLevel;
  readonly nowAfter: number;
  readonly expected: EscalationDecision;
}

function incidentFor(c: Case): Incident {
  const at = (minutes: number, key: string): Actor => ({ by: 'U1', at: c.start + minutes * MIN, key });
  let incident = must(declareIncident({ number: 1, title: 'Strategy run fails', severity: c.severity, source: 'slack' }, at(0, 'd')));
  if (c.ackAfter !== undefined) incident = must(acknowledge(incident, at(c.ackAfter, 'a')));
  if (c.level !== undefined && c.level > 1) incident = must(escalate(incident, { level: c.level, reason: 'setup' }, { by: 'klaxon', at: c.start, key: 'e' }));
  if (c.resolveAfter !== undefined) incident = must(resolveIncident(incident, at(c.resolveAfter, 'r')));
  return incident;
}

// The trigger table × the §11.1 hours, in Asia/Tokyo with Mon–Fri 09:00–18:00.
const CASES: readonly [string, Case][] = [
  ['critical, 14 min unanswered: not yet', { severity: 'critical', start: WEEKDAY, nowAfter: 14, expected: { kind: 'none' } }],
  ['critical, response breached → L2', { severity: 'critical', start: WEEKDAY, nowAfter: 15, expected: { kind: 'escalate', to: 2, reason: 'response_breached' } }],
  ['critical answered late: the stopped response clock no longer escalates', { severity: 'critical', start: WEEKDAY, ackAfter: 20, nowAfter: 21, expected: { kind: 'none' } }],
  ['critical answered, 29 min: not yet', { severity: 'critical', start: WEEKDAY, ackAfter: 5, nowAfter: 29, expected: { kind: 'none' } }],
  ['critical, half the recovery time gone → L2', { severity: 'critical', start: WEEKDAY, ackAfter: 5, nowAfter: 30, expected: { kind: 'escalate', to: 2, reason: 'recovery_half_elapsed' } }],
  ['critical at L1, recovery breached: one step at a time → L2', { severity: 'critical', start: WEEKDAY, ackAfter: 5, nowAfter: 60, expected: { kind: 'escalate', to: 2, reason: 'recovery_half_elapsed' } }],
  ['critical at L2, recovery breached → L3', { severity: 'critical', start: WEEKDAY, ackAfter: 5, level: 2, nowAfter: 60, expected: { kind: 'escalate', to: 3, reason: 'recovery_breached' } }],
  ['critical at L2, recovery half gone: L3 waits for the breach', { severity: 'critical', start: WEEKDAY, ackAfter: 5, level: 2, nowAfter: 45, expected: { kind: 'none' } }],
  ['critical at night: L2 is on 24 h', { severity: 'critical', start: WEEKEND, nowAfter: 15, expected: { kind: 'escalate', to: 2, reason: 'response_breached' } }],
  ['critical at night: L3 is on 24 h in emergencies', { severity: 'critical', start: WEEKEND, ackAfter: 1, level: 2, nowAfter: 61, expected: { kind: 'escalate', to: 3, reason: 'recovery_breached' } }],
  ['high at night: L2 waits for business hours', { severity: 'high', start: WEEKEND, nowAfter: 30, expected: { kind: 'wait', until: MONDAY_OPENING, to: 2, reason: 'response_breached' } }],
  ['high at night at L2: L3 waits for business hours', { severity: 'high', start: WEEKEND, ackAfter: 1, level: 2, nowAfter: 240, expected: { kind: 'wait', until: MONDAY_OPENING, to: 3, reason: 'recovery_breached' } }],
  ['high in business hours → L2', { severity: 'high', start: WEEKDAY, nowAfter: 30, expected: { kind: 'escalate', to: 2, reason: 'response_breached' } }],
  ['medium, half of 8 h gone → L2', { severity: 'medium', start: WEEKDAY, ackAfter: 10, nowAfter: 240, expected: { kind: 'escalate', to: 2, reason: 'recovery_half_elapsed' } }],
  ['low, 4 h unanswered → L2', { severity: 'low', start: WEEKDAY, nowAfter: 240, expected: { kind: 'escalate', to: 2, reason: 'response_breached' } }],
  ['resolved: nothing', { severity: 'critical', start: WEEKDAY, ackAfter: 5, resolveAfter: 50, nowAfter: 120, expected: { kind: 'none' } }],
  ['at L3: top of the ladder', { severity: 'critical', start: WEEKDAY, level: 3, nowAfter: 600, expected: { kind: 'none' } }],
];

describe('nextEscalation', () => {
  it.each(CASES)('%s', (_what, c) => {
    expect(nextEscalation(incidentFor(c), c.start + c.nowAfter * MIN, defaultPolicy, 'Asia/Tokyo')).toEqual(c.expected);
  });

  it('reads business hours in the policy zone when it names one', () => {
    const policy = { ...defaultPolicy, businessHours: { ...defaultPolicy.businessHours, timeZone: 'America/New_York' } };
    const c: Case = { severity: 'high', start: WEEKDAY, nowAfter: 30, expected: { kind: 'none' } };
    const decision = nextEscalation(incidentFor(c), WEEKDAY + 30 * MIN, policy, 'Asia/Tokyo');
    expect(decision).toEqual({ kind: 'wait', until: Date.parse('2026-01-05T14:00:00Z'), to: 2, reason: 'response_breached' });
  });

  it('keeps the trigger rule as one table', () => {
    expect(ESCALATION_RULES.map((r) => [r.to, r.clock, r.atFraction])).toEqual([
      [2, 'response', 1],
      [2, 'recovery', 0.5],
      [3, 'recovery', 1],
    ]);
  });
});

describe('isOnDuty', () => {
  it.each([
    [1, 'low', WEEKEND, true],
    [2, 'critical', WEEKEND, true],
    [2, 'high', WEEKEND, false],
    [3, 'critical', WEEKEND, true],
    [3, 'medium', WEEKEND, false],
    [3, 'medium', WEEKDAY, true],
  ] as const)('L%i for %s at %i: %s', (level, severity, at, expected) => {
    expect(isOnDuty(defaultPolicy, level, severity, at, 'Asia/Tokyo')).toBe(expected);
  });
});

describe('escalationCheckpoints', () => {
  it('lists when the rules fire for running clocks', () => {
    const declared = incidentFor({ severity: 'critical', start: WEEKDAY, nowAfter: 0, expected: { kind: 'none' } });
    expect(escalationCheckpoints(declared, defaultPolicy).map((t) => (t - WEEKDAY) / MIN)).toEqual([15, 30, 60]);
    const answered = incidentFor({ severity: 'high', start: WEEKDAY, ackAfter: 3, nowAfter: 0, expected: { kind: 'none' } });
    expect(escalationCheckpoints(answered, defaultPolicy).map((t) => (t - WEEKDAY) / MIN)).toEqual([120, 240]);
  });
});

describe('whoToCall', () => {
  const [l1, l2, l3] = defaultPolicy.escalation.levels;
  const ladder: Policy = { ...defaultPolicy, escalation: { levels: [{ ...l1, members: [{ usergroup: 'S0L1' }] }, { ...l2, members: [{ user: 'U0L2' }] }, { ...l3, members: [{ user: 'U0L3' }] }] } };
  const base = incidentFor({ severity: 'critical', start: WEEKDAY, nowAfter: 0, expected: { kind: 'none' } });
  const unled = { ...base, roles: {} };

  it.each([
    ['the commander, whatever the level', { ...base, roles: { commander: 'U0LEAD' } }, ['U0LEAD']],
    ['nobody leads: the current level', unled, ['S0L1']],
    ['nobody leads at L3: L3', { ...unled, escalationLevel: 3 as const }, ['U0L3']],
  ] as const)('%s', (_name, incident, expected) => {
    expect(whoToCall(ladder, incident as Incident)).toEqual(expected);
  });
});
