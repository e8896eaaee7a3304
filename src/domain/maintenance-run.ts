// One run of a maintenance plan: its entries run one after another on the plan's host (log rotation before
// the cache clean-up, as §10.1 lists them); a failed entry does not stop the rest. Pure: every change is a
// new value, and a late or repeated worker report never moves an entry backwards.
import type { CanaryBaseline, CanaryComparison, CanaryMetrics } from './canary.js';
import type { Instant, UserId } from './incident.js';
import type { MaintenancePlan } from './maintenance-policy.js';
import type { RunOutcome } from './run-result.js';
import type { Severity } from './severity.js';

export type EntryStatus = 'pending' | 'queued' | 'running' | RunOutcome | 'refused' | 'unknown';

export interface PlanRunEntry {
  readonly command: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: EntryStatus;
  /** The worker run id, once queued. */
  readonly runId?: string;
  readonly exitCode?: number | null;
  readonly durationMs?: number;
  readonly outputDigest?: string;
  readonly reason?: string;
}

export type PlanTrigger =
  | { readonly kind: 'schedule' }
  | { readonly kind: 'manual'; readonly by: UserId }
  /** A step of an incident's §8 post-recovery suite. */
  | { readonly kind: 'verification'; readonly incidentId: string; readonly by: UserId };

export interface PlanRun {
  /** `mnt-<plan>-<firedAt>`: one id per firing, so a second replica's copy of the same firing is the same run. */
  readonly id: string;
  readonly planId: string;
  readonly trigger: PlanTrigger;
  readonly host: string;
  readonly channel: string;
  readonly startedAt: Instant;
  readonly finishedAt?: Instant;
  readonly entries: readonly PlanRunEntry[];
  /** The §7.1 maintenance-log line written on the host after the last entry. */
  readonly log?: EntryStatus;
  /** The incident a failed run opened or joined. */
  readonly incidentId?: string;
  /** The canary's findings (plan `canary` only). */
  readonly canary?: CanaryRunData;
}

export interface CanaryRunData {
  readonly metrics?: CanaryMetrics;
  /** Why there are no metrics (the golden run failed or printed none). */
  readonly error?: string;
  /** The host's reproducibility snapshot taken with this run. */
  readonly snapshot?: string;
  readonly verdict?: 'good' | 'drift' | 'failed' | 'baseline';
  readonly comparison?: CanaryComparison;
  /** The last good run it was compared with. */
  readonly baseline?: CanaryBaseline;
}

export type PlanOutcome = 'running' | 'succeeded' | 'failed';

const FINAL: ReadonlySet<EntryStatus> = new Set(['succeeded', 'failed', 'timed_out', 'canceled', 'refused', 'unknown']);
const ORDER: Readonly<Record<EntryStatus, number>> = {
  pending: 0, queued: 1, running: 2, succeeded: 3, failed: 3, timed_out: 3, canceled: 3, refused: 3, unknown: 3,
};

export const isFinal = (status: EntryStatus): boolean => FINAL.has(status);

/** The run id of one firing of a plan: the same for every replica that sees the same firing. */
export const planRunId = (planId: string, firedAt: Instant, trigger: PlanTrigger['kind'] = 'schedule'): string =>
  `mnt-${planId}-${trigger === 'schedule' ? '' : `${trigger}-`}${firedAt}`;

/**
 * A new run of a plan, every entry pending.
 * @example startPlanRun(weekly, { kind: 'schedule' }, at, { host: 'bt1', channel: 'C1' }).entries.length //=> 3
 */
export function startPlanRun(
  plan: Pick<MaintenancePlan, 'id' | 'entries'>,
  trigger: PlanTrigger,
  at: Instant,
  where: { readonly host: string; readonly channel: string },
): PlanRun {
  return {
    id: planRunId(plan.id, at, trigger.kind),
    planId: plan.id,
    trigger,
    host: where.host,
    channel: where.channel,
    startedAt: at,
    entries: plan.entries.map((e) => ({ command: e.command, params: e.params, status: 'pending' })),
  };
}

/** The entry to queue next: the first pending one, once nothing is queued or running. */
export function nextEntry(run: PlanRun): number | undefined {
  if (run.entries.some((e) => e.status === 'queued' || e.status === 'running')) return undefined;
  const index = run.entries.findIndex((e) => e.status === 'pending');
  return index < 0 ? undefined : index;
}

export type EntryUpdate = Partial<Omit<PlanRunEntry, 'command' | 'params'>> & { readonly status: EntryStatus };

/**
 * Records what happened to one entry. A report that would move it backwards (a late "started" after its
 * result) is ignored; the run finishes when its last entry does.
 */
export function recordEntry(run: PlanRun, index: number, update: EntryUpdate, at: Instant): PlanRun {
  const entry = run.entries[index];
  if (entry === undefined || ORDER[update.status] < ORDER[entry.status] || isFinal(entry.status)) return run;
  const entries = run.entries.map((e, i) => (i === index ? { ...e, ...update } : e));
  const done = entries.every((e) => isFinal(e.status));
  return { ...run, entries, ...(done && run.finishedAt === undefined ? { finishedAt: at } : {}) };
}

/** Records the maintenance-log line's progress (it never moves backwards either). */
export function recordLog(run: PlanRun, status: EntryStatus): PlanRun {
  if (run.log !== undefined && (isFinal(run.log) || ORDER[status] < ORDER[run.log])) return run;
  return { ...run, log: status };
}

/**
 * Whether the run is still going, or how it ended: succeeded only when every entry succeeded.
 * @example planOutcome({ …, entries: [{ status: 'succeeded' }, { status: 'failed' }] }) //=> 'failed'
 */
export function planOutcome(run: PlanRun): PlanOutcome {
  if (!run.entries.every((e) => isFinal(e.status))) return 'running';
  return run.entries.every((e) => e.status === 'succeeded') ? 'succeeded' : 'failed';
}

export const passedCount = (run: PlanRun): number => run.entries.filter((e) => e.status === 'succeeded').length;

/**
 * The §7.1 maintenance log's parameters for a finished run: the host's `logs/maintenance.log` gets
 * `<yyyy-MM-dd HH:mm:ss> - Scheduled maintenance <plan>: <outcome> (<passed>/<total> entries)`.
 */
export function maintenanceLogParams(run: PlanRun): Readonly<Record<string, string>> {
  const outcome = planOutcome(run);
  return { plan: run.planId, outcome: outcome === 'running' ? 'failed' : outcome, passed: String(passedCount(run)), total: String(run.entries.length) };
}

/** What a finished run does about incidents. */
export type FailureAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'declare'; readonly severity: Severity }
  | { readonly kind: 'attach'; readonly incidentId: string };

/**
 * A failed run opens an incident of the plan's severity, or joins the one its plan already has open; a
 * run started from an incident's verification suite reports there instead.
 * @example failureAction(run, 'low', 'inc-7') //=> { kind: 'attach', incidentId: 'inc-7' }
 */
export function failureAction(run: PlanRun, severity: Severity, openIncidentId: string | undefined): FailureAction {
  if (planOutcome(run) !== 'failed') return { kind: 'none' };
  if (run.trigger.kind === 'verification') return { kind: 'attach', incidentId: run.trigger.incidentId };
  return openIncidentId === undefined ? { kind: 'declare', severity } : { kind: 'attach', incidentId: openIncidentId };
}

/** The link under which a plan's open incident is found (one open incident per plan). */
export const planIncidentLink = (planId: string): `maintenance:${string}` => `maintenance:${planId}`;
