// Test-local builders: a declared incident and timeline events, without the domain's transitions.
import type { Redis } from 'ioredis';
import type { ChecklistItemId } from '../../src/domain/checklist.js';
import type { Incident } from '../../src/domain/incident.js';
import { anIncident as baseIncident } from '../support/an-incident.js';
import { ok, type Result } from '../../src/domain/result.js';
import type { TimelineEvent } from '../../src/domain/timeline.js';

export const T0 = Date.UTC(2026, 0, 5, 0, 30);

export function anIncident(number: number, overrides: Partial<Incident> = {}): Incident {
  const { host: _host, ...incident } = baseIncident({
    id: `inc-${number}`,
    number,
    title: `Backtest runner down ${number}`,
    declaredAt: T0 + number * 60_000,
    detectedAt: T0,
    declaredBy: 'U1',
    roles: {},
    responders: ['U1'],
  });
  return { ...incident, ...overrides } as Incident;
}

export function aNote(incidentId: string, id: string, text = `note ${id}`): TimelineEvent {
  return { type: 'note', text, id, incidentId, at: T0 + 1_000, by: 'U2' };
}

// A test-local transition: flip one checklist item and record it; toggles of any order commute.
export function toggle(item: ChecklistItemId, by: string, eventId: string) {
  return (incident: Incident): Result<{ incident: Incident; events: TimelineEvent[] }, never> => {
    const done = !incident.checklist[item].done;
    const checklist = { ...incident.checklist, [item]: { done, by } };
    const event: TimelineEvent = done
      ? { type: 'checklist_ticked', item, auto: false, id: eventId, incidentId: incident.id, at: T0, by }
      : { type: 'checklist_unticked', item, id: eventId, incidentId: incident.id, at: T0, by };
    return ok({ incident: { ...incident, checklist }, events: [event] });
  };
}

export const uniquePrefix = (name: string): string => `test-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

// Deletes every key under a test prefix.
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `{${prefix}}:*`, 'COUNT', 500);
    if (found.length > 0) await redis.del(...found);
    cursor = next;
  } while (cursor !== '0');
}
