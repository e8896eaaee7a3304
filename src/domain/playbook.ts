// Playbooks: the runbook's scenarios (§4.1–§7.1), the post-recovery suite (§8) and the maintenance plans
// (§10.1) as ordered, time-boxed steps that reference catalogue command ids.
import type { Instant } from './incident.js';
import type { Severity } from './severity.js';

export interface PlaybookStep {
  readonly title: { readonly en: string; readonly ja: string };
  /** The runbook's time box for the step, in minutes from the start of the playbook (e.g. "5分以内" → 5). */
  readonly withinMinutes?: number;
  readonly commands: readonly string[];
  /** Steps with no command (e.g. "contact the security lead"). */
  readonly manual?: { readonly en: string; readonly ja: string };
}

export interface Playbook {
  readonly id: string;
  readonly kind: 'scenario' | 'verification' | 'maintenance';
  readonly title: { readonly en: string; readonly ja: string };
  readonly runbook: string;
  /** Scenarios belong to a severity section of the runbook. */
  readonly severity?: Severity;
  /** Maintenance plans: 'weekly' | 'monthly'. */
  readonly schedule?: 'weekly' | 'monthly';
  readonly symptoms?: readonly { readonly en: string; readonly ja: string }[];
  readonly steps: readonly PlaybookStep[];
}

/**
 * The scenario playbooks of a severity's runbook section (§4 critical … §7 low), in catalogue order.
 * @example playbooksFor(playbooks, 'critical').map((p) => p.runbook) //=> ['§4.1', '§4.2', '§4.3']
 */
export function playbooksFor(playbooks: readonly Playbook[], severity: Severity): Playbook[] {
  return playbooks.filter((playbook) => playbook.kind === 'scenario' && playbook.severity === severity);
}

export interface StepDue {
  readonly index: number;
  readonly step: PlaybookStep;
  /** Absent for steps the runbook gives no time box. */
  readonly dueAt?: Instant;
}

/**
 * When each step is due, counting its time box from the start of the playbook.
 * @example stepDueTimes(systemDown, startedAt)[0]?.dueAt //=> startedAt + 5 * 60_000
 */
export function stepDueTimes(playbook: Playbook, startedAt: Instant): StepDue[] {
  return playbook.steps.map((step, index) =>
    step.withinMinutes === undefined ? { index, step } : { index, step, dueAt: startedAt + step.withinMinutes * 60_000 },
  );
}

// Every command id the playbooks use, once, in first-use order: the catalogue must define each of them.
export function referencedCommandIds(playbooks: readonly Playbook[]): string[] {
  return [...new Set(playbooks.flatMap((playbook) => playbook.steps.flatMap((step) => step.commands)))];
}
