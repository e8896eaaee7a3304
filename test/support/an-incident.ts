// One incident record for tests that need a stored or rendered incident without running the transitions.
import { CHECKLIST_ITEMS, type ChecklistState } from '../../src/domain/checklist.js';
import type { Incident, Instant } from '../../src/domain/incident.js';

export const T0: Instant = Date.UTC(2026, 2, 10, 1, 0); // 2026-03-10 10:00 JST

export const emptyChecklist = (): ChecklistState =>
  Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i.id, { done: false }])) as ChecklistState;

/** A declared critical incident (inc-42) on backtest-01; `overrides` set any field, the status too. */
export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-42',
    number: 42,
    title: 'Backtest main process crashed',
    severity: 'critical',
    declaredAt: T0,
    detectedAt: T0 - 5 * 60_000,
    declaredBy: 'U0DECLARER',
    source: 'slack',
    roles: { commander: 'U0COMMANDER' },
    responders: ['U0DECLARER'],
    checklist: emptyChecklist(),
    escalationLevel: 1,
    host: 'backtest-01',
    report: {},
    version: 1,
    status: 'declared',
    ...overrides,
  } as Incident;
}
