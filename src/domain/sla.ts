// The response-time targets of runbook §1.2 as two clocks per incident, and the alarms a scheduler fires.
import type { Incident, Instant } from './incident.js';
import type { Severity } from './severity.js';

const MINUTE = 60_000;

export interface SlaTargets {
  readonly responseMinutes: number;
  readonly recoveryMinutes: number;
}

// Runbook §1.2 (初期対応時間 / 復旧目標時間); the policy may override it.
export const DEFAULT_SLA: Readonly<Record<Severity, SlaTargets>> = {
  critical: { responseMinutes: 15, recoveryMinutes: 60 },
  high: { responseMinutes: 30, recoveryMinutes: 4 * 60 },
  medium: { responseMinutes: 60, recoveryMinutes: 8 * 60 },
  low: { responseMinutes: 4 * 60, recoveryMinutes: 24 * 60 },
};

export type ClockName = 'response' | 'recovery';

export interface ClockState {
  readonly clock: ClockName;
  readonly targetMinutes: number;
  readonly startedAt: Instant;
  readonly dueAt: Instant;
  readonly stoppedAt?: Instant;
  /** Negative when overdue; frozen at stoppedAt. */
  readonly remainingMs: number;
  readonly breached: boolean;
  /** 0 when not breached. */
  readonly breachedByMs: number;
}

export interface Clocks {
  readonly response: ClockState;
  readonly recovery: ClockState;
}

/** A target is met when reached before its due instant (reaching it at the due instant is late, as the clocks say). */
export const metTarget = (takenMs: number, targetMinutes: number): boolean => takenMs < targetMinutes * MINUTE;

function clockState(clock: ClockName, startedAt: Instant, targetMinutes: number, now: Instant, stoppedAt?: Instant): ClockState {
  const dueAt = startedAt + targetMinutes * MINUTE;
  const reference = stoppedAt ?? now;
  const remainingMs = dueAt - reference;
  const breached = remainingMs <= 0;
  const base = { clock, targetMinutes, startedAt, dueAt, remainingMs, breached, breachedByMs: breached ? 0 - remainingMs : 0 };
  return stoppedAt === undefined ? base : { ...base, stoppedAt };
}

/**
 * Both §1.2 clocks of an incident, measured from its declaration. A clock is breached from its due instant
 * on (a first response at 15:00.000 of a 15-minute target counts as late), and stops at the first response
 * (acknowledgedAt) or at recovery (resolvedAt). Being a pure function of the incident, a severity change
 * recomputes it.
 * @example clocks(incident, incident.declaredAt + 20 * 60_000, DEFAULT_SLA.critical).response.breachedByMs //=> 300000
 */
export function clocks(incident: Incident, now: Instant, targets: SlaTargets): Clocks {
  const acknowledgedAt = incident.status === 'declared' ? undefined : incident.acknowledgedAt;
  const resolvedAt = incident.status === 'resolved' || incident.status === 'closed' ? incident.resolvedAt : undefined;
  return {
    response: clockState('response', incident.declaredAt, targets.responseMinutes, now, acknowledgedAt),
    recovery: clockState('recovery', incident.declaredAt, targets.recoveryMinutes, now, resolvedAt),
  };
}

/** The part of the policy the alarms depend on (the Policy type satisfies it). */
export interface AlarmPolicy {
  readonly reminders: { readonly atFractions: readonly number[] };
  readonly interimReportMinutes: Readonly<Record<Severity, number | null>>;
}

export interface ClockAlarm {
  readonly clock: ClockName | 'interim';
  readonly kind: 'reminder' | 'breach';
  readonly dueAt: Instant;
  /** Stable per (clock, kind, due time): a deterministic job id; a severity change yields new keys. */
  readonly key: string;
}

const alarm = (clock: ClockAlarm['clock'], kind: ClockAlarm['kind'], dueAt: Instant): ClockAlarm => ({
  clock,
  kind,
  dueAt,
  key: `${clock}-${kind}-${dueAt}`,
});

function alarmsOf(state: ClockState, fractions: readonly number[]): ClockAlarm[] {
  if (state.stoppedAt !== undefined) return [];
  const reminders = [...new Set(fractions)]
    .filter((f) => f > 0 && f < 1)
    .sort((a, b) => a - b)
    .map((f) => alarm(state.clock, 'reminder', state.startedAt + Math.round(f * state.targetMinutes * MINUTE)));
  return [...reminders, alarm(state.clock, 'breach', state.dueAt)];
}

/**
 * When the next interim report (中間報告) is due: one cadence after the last status update (or after the
 * declaration when there was none); undefined once resolved or when the severity has no cadence.
 * @example interimReportDueAt(criticalIncident, undefined, defaultPolicy) //=> declaredAt + 30 min
 */
export function interimReportDueAt(incident: Incident, lastUpdateAt: Instant | undefined, policy: AlarmPolicy): Instant | undefined {
  const cadence = policy.interimReportMinutes[incident.severity];
  if (cadence === null || incident.status === 'resolved' || incident.status === 'closed') return undefined;
  return Math.max(lastUpdateAt ?? incident.declaredAt, incident.declaredAt) + cadence * MINUTE;
}

/**
 * Every alarm a scheduler should have pending for the incident, in time order: a reminder at each policy
 * fraction of a running clock, its breach, and the next interim-report reminder. Stopped clocks have none.
 * Past alarms are included; the scheduler decides what is late (job ids come from `key`).
 * @example clockAlarms(critical, DEFAULT_SLA.critical, defaultPolicy).map((a) => a.kind) //=> ['reminder', ...]
 */
export function clockAlarms(incident: Incident, targets: SlaTargets, policy: AlarmPolicy, lastUpdateAt?: Instant): ClockAlarm[] {
  if (incident.status === 'closed') return [];
  const state = clocks(incident, incident.declaredAt, targets);
  const interim = interimReportDueAt(incident, lastUpdateAt, policy);
  return [
    ...alarmsOf(state.response, policy.reminders.atFractions),
    ...alarmsOf(state.recovery, policy.reminders.atFractions),
    ...(interim === undefined ? [] : [alarm('interim', 'reminder', interim)]),
  ].sort((a, b) => a.dueAt - b.dueAt);
}
