// What the use cases need from the outside world: ports (src/app/ports.ts), wired once by the composition root.
import type { Config } from '../config.js';
import type { Catalogue } from '../domain/catalogue.js';
import type { Playbook } from '../domain/playbook.js';
import type { Policy } from '../domain/policy.js';
import type { Logger } from '../logger.js';
import type { Approvals, AuditLog, ClockJobs, Effects, HomeViewers, IncidentStore, MaintenanceRuns, Once, RunQueue, Schedules, WorkerPresence } from './ports.js';
import type { Recorder } from './record.js';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: IncidentStore;
  /** People's actions: durable before the answer, folded into the record in order. */
  readonly recorder: Recorder;
  readonly audit: AuditLog;
  readonly once: Once;
  /** The Slack side effects (the Slack adapter renders and delivers them). */
  readonly effects: Effects;
  /** The hosts' run queues. */
  readonly runs: RunQueue;
  /** Delayed wake-ups of the SLA clocks and the escalation ladder. */
  readonly clockJobs: ClockJobs;
  readonly approvals: Approvals;
  /** Scheduled maintenance runs and the canary's last good run. */
  readonly maintenance: MaintenanceRuns;
  /** The maintenance schedulers. */
  readonly schedules: Schedules;
  /** Who opened the Home tab (it is redrawn for them as incidents change). */
  readonly homeViewers: HomeViewers;
  /** Which worker hosts are online, from their heartbeats. */
  readonly workers: () => Promise<WorkerPresence[]>;
  readonly policy: Policy;
  readonly catalogue: Catalogue;
  readonly playbooks: readonly Playbook[];
  /**
   * The Slack user groups a user belongs to (for role checks); the Slack adapter caches it. Undefined while
   * Slack has not listed the groups yet: a check then sees no role, and its refusal says it could not check.
   */
  readonly groupsOf: (userId: string) => Promise<readonly string[] | undefined>;
  /** The people a typed name (handle, display name, real name) may mean: one, none or several. */
  readonly findPeople: (name: string) => Promise<readonly string[]>;
  /** @pure false — the only clock of the application. */
  readonly now: () => number;
}
