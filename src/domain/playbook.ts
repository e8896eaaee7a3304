// Playbooks: the runbook's scenarios (§4.1–§7.1), the post-recovery suite (§8) and the maintenance plans
// (§10.1) as ordered, time-boxed steps that reference catalogue command ids.
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
