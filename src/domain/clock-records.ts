// Records the clocks make: a reminder or breach notice of runbook §1.2, and a step up the §11.1 ladder.
import type { Actor, EscalationLevel, Incident, Instant } from './incident.js';
import { act, fail, type TransitionResult } from './lifecycle.js';
import { ok } from './result.js';

// Moves the incident up the §11.1 ladder; never down.
export function escalate(incident: Incident, to: { readonly level: EscalationLevel; readonly reason: string }, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => {
    if (current.status === 'resolved') return fail('not_open', `${current.id} is resolved`, { status: 'resolved' });
    if (to.level <= current.escalationLevel) return fail('not_higher', `${current.id} is at level ${current.escalationLevel} already`);
    return ok({ incident: { ...current, escalationLevel: to.level }, events: [{ type: 'escalated', level: to.level, reason: to.reason }] });
  });
}

export interface ClockAlarmFired {
  readonly clock: 'response' | 'recovery' | 'interim';
  readonly kind: 'reminder' | 'breach';
  readonly dueAt: Instant;
}

// A reminder or breach notice went out; refused when its clock has stopped in the meantime.
export function recordClockAlarm(incident: Incident, alarm: ClockAlarmFired, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => {
    const running = alarm.clock === 'response' ? current.status === 'declared' : current.status === 'declared' || current.status === 'acknowledged';
    return running
      ? ok({ incident: alarm.clock === 'interim' ? reminded(current, alarm, actor.at) : current, events: [{ type: 'clock', ...alarm }] })
      : fail('clock_stopped', `the ${alarm.clock} clock of ${current.id} has stopped`, { status: current.status });
  });
}

// The next interim nudge is a cadence after this one, not after its due time: a late one does not cascade.
const reminded = (incident: Incident, alarm: ClockAlarmFired, at: Instant): Incident => ({ ...incident, interimRemindedAt: Math.max(at, alarm.dueAt) });

/** The last status update's time, or undefined when there was none. */
export const lastUpdateAt = (incident: Incident): Instant | undefined => incident.latestUpdate?.at;

/** What the next interim reminder counts from: the later of the last update and the last reminder. */
export function interimBase(incident: Incident): Instant | undefined {
  const times = [incident.latestUpdate?.at, incident.interimRemindedAt].filter((t): t is Instant => t !== undefined);
  return times.length === 0 ? undefined : Math.max(...times);
}
