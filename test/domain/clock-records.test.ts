// The facts the clocks count from live in the record: the last status update and the last interim reminder.
import { describe, expect, it } from 'vitest';
import { interimBase, lastUpdateAt, recordClockAlarm } from '../../src/domain/clock-records.js';
import type { Actor } from '../../src/domain/incident.js';
import { postUpdate } from '../../src/domain/incident-records.js';
import { declareIncident } from '../../src/domain/lifecycle.js';
import { must } from '../support/transitions.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 1, 0);
const by = (user: string, minutes: number): Actor => ({ by: user, at: T0 + minutes * MIN, key: `req-${user}-${minutes}` });
const declared = () => must(declareIncident({ number: 7, title: 'main.py will not start', severity: 'critical', source: 'slack' }, by('U1', 0)));

describe('the interim base', () => {
  it('is undefined until an update or a reminder', () => {
    expect([lastUpdateAt(declared()), interimBase(declared())]).toEqual([undefined, undefined]);
  });

  it('keeps the latest status update as written, with who and when', () => {
    const updated = must(postUpdate(must(postUpdate(declared(), 'looking', by('U2', 10))), ' cause found ', by('U3', 20)));
    expect(updated.latestUpdate).toEqual({ text: ' cause found ', by: 'U3', at: T0 + 20 * MIN });
    expect([lastUpdateAt(updated), interimBase(updated)]).toEqual([T0 + 20 * MIN, T0 + 20 * MIN]);
  });

  it('counts from a reminder sent after the last update, at its due time or later (never earlier)', () => {
    const updated = must(postUpdate(declared(), 'looking', by('U2', 10)));
    const late = must(recordClockAlarm(updated, { clock: 'interim', kind: 'reminder', dueAt: T0 + 40 * MIN }, by('klaxon', 45)));
    expect(late.interimRemindedAt).toBe(T0 + 45 * MIN);
    const early = must(recordClockAlarm(updated, { clock: 'interim', kind: 'reminder', dueAt: T0 + 40 * MIN }, by('klaxon', 39)));
    expect(interimBase(early)).toBe(T0 + 40 * MIN);
    expect(interimBase(must(postUpdate(late, 'fixed', by('U2', 50))))).toBe(T0 + 50 * MIN);
  });

  it('is not moved by the other clocks', () => {
    const breach = must(recordClockAlarm(declared(), { clock: 'response', kind: 'breach', dueAt: T0 + 15 * MIN }, by('klaxon', 15)));
    expect(breach.interimRemindedAt).toBeUndefined();
  });
});
