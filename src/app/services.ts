// What the use cases need from the outside world, wired once by the composition root.
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Catalogue } from '../domain/catalogue.js';
import type { Playbook } from '../domain/playbook.js';
import type { Policy } from '../domain/policy.js';
import type { Logger } from '../logger.js';
import type { Producers } from '../queue/queues.js';
import type { AuditLog } from '../store/audit-log.js';
import type { IncidentStore } from '../store/incident-store.js';
import type { Once } from '../store/once.js';
import type { SlackApi } from '../slack/slack-api.js';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly store: IncidentStore;
  readonly audit: AuditLog;
  readonly once: Once;
  readonly producers: Producers;
  readonly policy: Policy;
  readonly catalogue: Catalogue;
  readonly playbooks: readonly Playbook[];
  /** The Slack user groups a user belongs to (for role checks); the Slack adapter caches it. */
  readonly groupsOf: (userId: string) => Promise<readonly string[]>;
  /** Slack reads and writes with retries; listeners use it for the few calls they make directly. */
  readonly slack: SlackApi;
  /** @pure false — the only clock of the application. */
  readonly now: () => number;
}
