// What a scheduled run may run: the entries of a plan, or the canary's snapshot and golden run, plus the
// §7.1 maintenance-log line every run ends with. The bot builds runs from this and the worker re-checks
// every scheduled job against it, so a queued job can only ever be an entry the policy lists.
import type { MaintenancePlan, MaintenancePolicy, PlanEntry } from './maintenance-policy.js';
import type { Bilingual } from './locale.js';

/** The canary's plan id: it runs through the same machinery as the maintenance plans. */
export const CANARY_PLAN = 'canary';
/** The catalogue command that writes the §7.1 maintenance-log line. */
export const MAINTENANCE_LOG_COMMAND = 'logs.maintenance-run';
/** Who a scheduled job is requested by in the audit stream and on the host. */
export const SYSTEM_ACTOR = 'klaxon:maintenance';

/** A plan as it is scheduled: the canary is one too, in the same shape as the policy's plans. */
export type ScheduledPlan = MaintenancePlan;

const CANARY_TITLE: Bilingual = { en: 'Golden-run canary', ja: 'ゴールデンラン (基準バックテスト)' };

/**
 * Every scheduled plan, the canary included (as plan `canary`: the snapshot first, so it describes the host
 * the golden run ran on, then the golden run).
 */
export function scheduledPlans(maintenance: MaintenancePolicy): ScheduledPlan[] {
  const { canary } = maintenance;
  const canaryEntries: PlanEntry[] = [
    ...(canary.snapshot === undefined ? [] : [{ command: canary.snapshot, params: {} }]),
    { command: canary.command, params: canary.params },
  ];
  return [
    ...maintenance.plans,
    {
      id: CANARY_PLAN,
      title: CANARY_TITLE,
      cron: canary.cron,
      ...(canary.timeZone === undefined ? {} : { timeZone: canary.timeZone }),
      entries: canaryEntries,
      ...(canary.host === undefined ? {} : { host: canary.host }),
      ...(canary.channel === undefined ? {} : { channel: canary.channel }),
      severity: canary.failureSeverity,
      enabled: canary.enabled,
    },
  ];
}

export const findPlan = (maintenance: MaintenancePolicy, planId: string): ScheduledPlan | undefined =>
  scheduledPlans(maintenance).find((p) => p.id === planId);

/** Where a scheduled job sits in its run: an entry's index, or the closing maintenance-log line. */
export type EntrySlot = number | 'log';

/**
 * Why the host refuses a scheduled job, or undefined when its policy lists exactly this command at this
 * place of this plan. Parameters are compared after the catalogue filled in defaults, so both sides agree.
 * @example scheduledJobRefusal(policy.maintenance, { planId: 'weekly', slot: 0, commandId: 'system.health-check', params: {} }) //=> undefined
 */
export function scheduledJobRefusal(
  maintenance: MaintenancePolicy,
  job: { readonly planId: string; readonly slot: EntrySlot; readonly commandId: string; readonly params: Readonly<Record<string, string>> },
): string | undefined {
  const plan = findPlan(maintenance, job.planId);
  if (plan === undefined) return `the host's policy has no maintenance plan "${job.planId}"`;
  if (job.slot === 'log') return job.commandId === MAINTENANCE_LOG_COMMAND ? undefined : `${job.commandId} is not the maintenance-log command`;
  const entry = plan.entries[job.slot];
  if (entry?.command !== job.commandId) return `entry ${job.slot} of plan "${job.planId}" is not ${job.commandId} in the host's policy`;
  const changed = Object.entries(entry.params).find(([name, value]) => job.params[name] !== value);
  return changed === undefined ? undefined : `parameter ${changed[0]} differs from the host's policy`;
}
