// The §11.1 ladder (L1 運用担当者 → L2 システム管理者 → L3 開発チーム): when to go up, and whether the next
// level is on duty. The trigger rule is not in the runbook; it is a product decision kept in one table.
import { isWithinBusinessHours, nextBusinessOpening, type BusinessCalendar } from './business-hours.js';
import type { EscalationLevel, Incident, Instant } from './incident.js';
import { slaFor, type LevelHours, type Policy } from './policy.js';
import type { Severity } from './severity.js';
import { clocks, type ClockName } from './sla.js';

export type EscalationReason = 'response_breached' | 'recovery_half_elapsed' | 'recovery_breached';

export interface EscalationRule {
  readonly to: 2 | 3;
  readonly reason: EscalationReason;
  readonly clock: ClockName;
  /** Fires once this fraction of the clock's target has passed while the clock still runs. */
  readonly atFraction: number;
}

// THE trigger table: nobody responded in time → L2; recovery half gone → L2; recovery overdue → L3.
export const ESCALATION_RULES: readonly EscalationRule[] = [
  { to: 2, reason: 'response_breached', clock: 'response', atFraction: 1 },
  { to: 2, reason: 'recovery_half_elapsed', clock: 'recovery', atFraction: 0.5 },
  { to: 3, reason: 'recovery_breached', clock: 'recovery', atFraction: 1 },
];

export type EscalationDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'escalate'; readonly to: 2 | 3; readonly reason: EscalationReason }
  | { readonly kind: 'wait'; readonly until: Instant; readonly to: 2 | 3; readonly reason: EscalationReason };

/** The zone business hours are read in when neither the policy nor the caller names one (DESIGN default). */
export const DEFAULT_TEAM_TIME_ZONE = 'Asia/Tokyo';

const MINUTE = 60_000;

function ruleInstants(incident: Incident, policy: Policy): { readonly rule: EscalationRule; readonly at: Instant }[] {
  if (incident.status === 'resolved' || incident.status === 'closed') return [];
  const state = clocks(incident, incident.declaredAt, slaFor(policy, incident.severity));
  return ESCALATION_RULES.filter((rule) => state[rule.clock].stoppedAt === undefined).map((rule) => ({
    rule,
    at: state[rule.clock].startedAt + Math.round(rule.atFraction * state[rule.clock].targetMinutes * MINUTE),
  }));
}

/**
 * When the ladder should be looked at again: the instants at which a rule of the table fires for this
 * incident (running clocks only), for a scheduler to call nextEscalation at.
 * @example escalationCheckpoints(declaredCritical, defaultPolicy) //=> [declaredAt + 15 min, + 30 min, + 60 min]
 */
export function escalationCheckpoints(incident: Incident, policy: Policy): Instant[] {
  return [...new Set(ruleInstants(incident, policy).map((r) => r.at))].sort((a, b) => a - b);
}

const calendarOf = (policy: Policy): BusinessCalendar => ({ ...policy.businessHours, holidays: policy.holidays });

const alwaysOnDuty = (hours: LevelHours, severity: Severity): boolean =>
  hours === 'always' || (severity === 'critical' && (hours === 'always-if-critical' || hours === 'business-or-critical'));

// Whether a level takes calls now: 24 h levels always, the others in business hours (24 h when critical).
export function isOnDuty(policy: Policy, level: EscalationLevel, severity: Severity, at: Instant, teamZone = DEFAULT_TEAM_TIME_ZONE): boolean {
  const hours = policy.escalation.levels[level - 1]?.hours ?? 'always';
  return alwaysOnDuty(hours, severity) || isWithinBusinessHours(at, calendarOf(policy), policy.businessHours.timeZone ?? teamZone);
}

/**
 * The next step up the ladder, one level at a time: escalate when a rule for the next level (or a higher
 * one) has fired and that level is on duty, wait until its hours open when it is not, none otherwise.
 * @example nextEscalation(criticalUnanswered20min, now, defaultPolicy) //=> { kind: 'escalate', to: 2, reason: 'response_breached' }
 */
export function nextEscalation(incident: Incident, now: Instant, policy: Policy, teamZone = DEFAULT_TEAM_TIME_ZONE): EscalationDecision {
  if (incident.escalationLevel === 3) return { kind: 'none' };
  const to = (incident.escalationLevel + 1) as 2 | 3;
  const fired = ruleInstants(incident, policy)
    .filter((r) => r.at <= now && r.rule.to >= to)
    .map((r) => r.rule);
  const rule = fired.find((r) => r.to === to) ?? fired[0];
  if (rule === undefined) return { kind: 'none' };
  if (isOnDuty(policy, to, incident.severity, now, teamZone)) return { kind: 'escalate', to, reason: rule.reason };
  const until = nextBusinessOpening(now, calendarOf(policy), policy.businessHours.timeZone ?? teamZone);
  return { kind: 'wait', until, to, reason: rule.reason };
}

/**
 * The people and user groups (U… / S…) the policy names for a level of the ladder.
 * @example levelMembers(sandboxPolicy, 2) //=> ['S0L2']
 */
export function levelMembers(policy: Policy, level: EscalationLevel): string[] {
  return (policy.escalation.levels.find((l) => l.level === level)?.members ?? []).map((ref) => ('user' in ref ? ref.user : ref.usergroup));
}

/**
 * Whom a clock alarm calls: the commander; with nobody leading, the ladder's current level.
 * @example whoToCall(policy, { …incident, roles: { commander: 'U1' } }) //=> ['U1']
 */
export function whoToCall(policy: Policy, incident: Incident): string[] {
  return incident.roles.commander !== undefined ? [incident.roles.commander] : levelMembers(policy, incident.escalationLevel);
}
