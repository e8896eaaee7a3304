import { describe, expect, it } from 'vitest';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { addNote } from '../../src/domain/incident-records.js';
import { declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { measureIncident, median, monthRange, previousMonth } from '../../src/domain/response-metrics.js';
import { DEFAULT_SLA } from '../../src/domain/sla.js';
import { must } from '../support/transitions.js';

const T0 = Date.UTC(2026, 1, 28, 15, 30); // 2026-03-01 00:30 JST, 2026-02-28 in UTC
const MIN = 60_000;
const actor = (by: string, minutes: number): Actor => ({ by, at: T0 + minutes * MIN, key: `k${minutes}` });
const declared = must(declareIncident({ number: 1, title: 't', severity: 'critical', source: 'slack' }, actor('U1', 0)));
const acked = (minutes: number): Incident => must(addNote(declared, 'x', actor('U2', minutes)));

describe('measureIncident (runbook §1.2: critical 15 min to respond, 60 to recover)', () => {
  it.each<[string, Incident, number, Partial<ReturnType<typeof measureIncident>>]>([
    ['declared, nothing due yet', declared, 10, { responseMet: undefined, recoveryMet: undefined }],
    ['declared, response overdue', declared, 15, { responseMet: false, recoveryMet: undefined }],
    ['acknowledged just before the due instant', acked(14.99), 20, { acknowledgeMs: 14.99 * MIN, responseMet: true }],
    ['acknowledged at the due instant is late', acked(15), 20, { acknowledgeMs: 15 * MIN, responseMet: false }],
    ['recovered at 59 minutes', must(resolveIncident(acked(5), actor('U2', 59))), 500, { recoverMs: 59 * MIN, recoveryMet: true, closeMs: undefined }],
  ])('%s', (_name, incident, nowMinutes, expected) => {
    const measure = measureIncident(incident, DEFAULT_SLA.critical, T0 + nowMinutes * MIN, 'Asia/Tokyo');
    expect(measure).toMatchObject({ month: '2026-03', severity: 'critical' });
    for (const [key, value] of Object.entries(expected)) expect(measure[key as keyof typeof measure], key).toBe(value);
  });
});

describe('months and medians', () => {
  it('draws month lines in the team zone', () => {
    expect(monthRange('2026-03', 'Asia/Tokyo')).toEqual({ from: Date.UTC(2026, 1, 28, 15), to: Date.UTC(2026, 2, 31, 15) });
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
