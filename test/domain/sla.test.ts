import { describe, expect, it } from 'vitest';
import { must } from '../support/transitions.js';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { changeSeverity } from '../../src/domain/incident-records.js';
import { acknowledge, declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import type { Severity } from '../../src/domain/severity.js';
import { clockAlarms, clocks, DEFAULT_SLA, interimReportDueAt } from '../../src/domain/sla.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0);
const actor = (by: string, minutes: number): Actor => ({ by, at: T0 + minutes * MIN, key: `k-${by}-${minutes}` });

const declared = (severity: Severity): Incident =>
  must(declareIncident({ number: 1, title: 'Backtest main.py crashes', severity, source: 'slack' }, actor('U1', 0)));

// Runbook §1.2 (初期対応時間 / 復旧目標時間), in minutes.
const RUNBOOK_TABLE: readonly [Severity, number, number][] = [
  ['critical', 15, 60],
  ['high', 30, 240],
  ['medium', 60, 480],
  ['low', 240, 1440],
];

describe('DEFAULT_SLA and clocks, per runbook §1.2', () => {
  it.each(RUNBOOK_TABLE)('%s: first response %i min, recovery %i min', (severity, response, recovery) => {
    expect(DEFAULT_SLA[severity]).toEqual({ responseMinutes: response, recoveryMinutes: recovery });
    const incident = declared(severity);
    const atStart = clocks(incident, T0, DEFAULT_SLA[severity]);
    expect(atStart.response).toEqual({
      clock: 'response', targetMinutes: response, startedAt: T0, dueAt: T0 + response * MIN,
      remainingMs: response * MIN, breached: false, breachedByMs: 0,
    });
    expect(atStart.recovery.dueAt).toBe(T0 + recovery * MIN);
  });

  it.each(RUNBOOK_TABLE)('%s: breached from the due instant on, by how much', (severity, response, recovery) => {
    const incident = declared(severity);
    const targets = DEFAULT_SLA[severity];
    const justBefore = clocks(incident, T0 + response * MIN - 1, targets).response;
    expect([justBefore.breached, justBefore.remainingMs, justBefore.breachedByMs]).toEqual([false, 1, 0]);
    const atDue = clocks(incident, T0 + response * MIN, targets).response;
    expect([atDue.breached, atDue.remainingMs, atDue.breachedByMs]).toEqual([true, 0, 0]);
    const late = clocks(incident, T0 + (recovery + 7) * MIN, targets);
    expect(late.response.breachedByMs).toBe((recovery + 7 - response) * MIN);
    expect(late.recovery).toMatchObject({ breached: true, breachedByMs: 7 * MIN, remainingMs: -7 * MIN });
  });

  it.each(RUNBOOK_TABLE)('%s: the response clock stops at the first response and stays frozen', (severity, response) => {
    const incident = must(acknowledge(declared(severity), actor('U2', 5)));
    const later = clocks(incident, T0 + 10 * response * MIN, DEFAULT_SLA[severity]);
    expect(later.response).toMatchObject({ stoppedAt: T0 + 5 * MIN, remainingMs: (response - 5) * MIN, breached: false, breachedByMs: 0 });
    expect(later.recovery.stoppedAt).toBeUndefined();
  });

  it('stops the recovery clock at resolution; a late resolution stays breached by what it was', () => {
    const incident = must(resolveIncident(declared('critical'), actor('U2', 75)));
    const muchLater = clocks(incident, T0 + 1000 * MIN, DEFAULT_SLA.critical);
    expect(muchLater.recovery).toMatchObject({ stoppedAt: T0 + 75 * MIN, breached: true, breachedByMs: 15 * MIN, remainingMs: -15 * MIN });
    expect(muchLater.response).toMatchObject({ stoppedAt: T0 + 75 * MIN, breachedByMs: 60 * MIN });
  });

  it('follows a severity change because it reads the incident', () => {
    const low = declared('low');
    const critical = must(changeSeverity(low, 'critical', actor('U2', 1)));
    expect(clocks(low, T0, DEFAULT_SLA[low.severity]).recovery.dueAt).toBe(T0 + 1440 * MIN);
    expect(clocks(critical, T0, DEFAULT_SLA[critical.severity]).recovery.dueAt).toBe(T0 + 60 * MIN);
  });
});

describe('clockAlarms', () => {
  it('lists reminders at the policy fractions, the breaches and the interim report, in time order', () => {
    const alarms = clockAlarms(declared('critical'), DEFAULT_SLA.critical, defaultPolicy);
    expect(alarms.map((a) => [a.clock, a.kind, (a.dueAt - T0) / MIN])).toEqual([
      ['response', 'reminder', 7.5],
      ['response', 'reminder', 12],
      ['response', 'breach', 15],
      ['recovery', 'reminder', 30],
      ['interim', 'reminder', 30],
      ['recovery', 'reminder', 48],
      ['recovery', 'breach', 60],
    ]);
    expect(new Set(alarms.map((a) => a.key)).size).toBe(alarms.length);
  });

  it('drops the alarms of a stopped clock and, once resolved, every alarm', () => {
    const acknowledged = must(acknowledge(declared('high'), actor('U2', 3)));
    expect(clockAlarms(acknowledged, DEFAULT_SLA.high, defaultPolicy).map((a) => a.clock)).not.toContain('response');
    const resolved = must(resolveIncident(acknowledged, actor('U2', 30)));
    expect(clockAlarms(resolved, DEFAULT_SLA.high, defaultPolicy)).toEqual([]);
  });

  it('gives new keys when a severity change moves the due times', () => {
    const before = clockAlarms(declared('medium'), DEFAULT_SLA.medium, defaultPolicy).map((a) => a.key);
    const after = clockAlarms(must(changeSeverity(declared('medium'), 'critical', actor('klaxon', 1))), DEFAULT_SLA.critical, defaultPolicy);
    expect(after.map((a) => a.key).filter((key) => before.includes(key))).toEqual([]);
  });

  it.each([
    ['critical', 30],
    ['high', 60],
    ['medium', 240],
    ['low', null],
  ] as const)('%s: interim reports every %s min after the last update', (severity, cadence) => {
    const incident = declared(severity);
    const expected = cadence === null ? undefined : T0 + (20 + cadence) * MIN;
    expect(interimReportDueAt(incident, T0 + 20 * MIN, defaultPolicy)).toBe(expected);
    expect(clockAlarms(incident, DEFAULT_SLA[severity], defaultPolicy, T0 + 20 * MIN).filter((a) => a.clock === 'interim').map((a) => a.dueAt)).toEqual(
      expected === undefined ? [] : [expected],
    );
  });
});
