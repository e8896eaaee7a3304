// The use cases of src/app against their ports: the Redis adapters on the test Redis (a fake store could be
// kinder than Redis), and in-memory fakes for the ports whose other side is Slack, BullMQ or a worker host.
// Each fake records what the use case asked of it, which is what the tests assert on.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { catalogue, playbooks } from '../../commands/index.js';
import type { EffectJob, PlannedJob, RunJobData, WorkerPresence } from '../../src/app/ports.js';
import type { Services } from '../../src/app/services.js';
import { loadConfig } from '../../src/config.js';
import type { Policy } from '../../src/domain/policy.js';
import { createLogger } from '../../src/logger.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import { createApprovals } from '../../src/store/approvals.js';
import { createAuditLog } from '../../src/store/audit-log.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { createMaintenanceStore } from '../../src/store/maintenance-store.js';
import { createHomeViewers } from '../../src/store/home-viewers.js';
import { createOnce } from '../../src/store/once.js';

/** What the use cases asked of the ports that are not Redis. */
export interface Asked {
  readonly effects: { readonly job: EffectJob; readonly jobId: string | undefined }[];
  readonly renders: string[];
  readonly runs: RunJobData[];
  readonly clockJobs: PlannedJob[];
}

export interface UseCaseWorld {
  readonly services: Services;
  readonly asked: Asked;
  /** The scripted clock: set `now` to move it. */
  readonly clock: { now: number };
  stop(): Promise<void>;
}

export interface WorldOptions {
  readonly policy?: Partial<Policy>;
  /** The Slack user groups of each user (the sandbox policy's roles are groups). */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Default: a worker online on WORKER_HOST (backtest-1). */
  readonly workers?: readonly WorkerPresence[];
  readonly locale?: 'en' | 'ja';
}

const unused = (port: string) => () => {
  throw new Error(`${port} is not a port of the use cases under test`);
};

export function useCaseWorld(options: WorldOptions = {}): UseCaseWorld {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `uc${randomUUID().slice(0, 8)}`;
  const config = loadConfig(
    { SLACK_BOT_TOKEN: 'xoxb-unit', SLACK_SIGNING_SECRET: 'unit-signing-secret', REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: prefix, WORKER_HOST: 'backtest-1', KLAXON_LOCALE: options.locale ?? 'en', KLAXON_TIMEZONE: 'Asia/Tokyo' },
    'bot',
  );
  if (!config.ok) throw new Error(`config: ${JSON.stringify(config.error)}`);
  const asked: Asked = { effects: [], renders: [], runs: [], clockJobs: [] };
  const clock = { now: Date.UTC(2026, 0, 5, 1, 0) };
  const services: Services = {
    config: config.value,
    logger: createLogger({ level: 'silent', pretty: false }),
    store: createIncidentStore(redis, { prefix }),
    recorder: { record: unused('the recorder'), sweep: unused('the recorder'), drain: unused('the recorder') },
    audit: createAuditLog(redis, { prefix }),
    once: createOnce(redis, { prefix }),
    effects: {
      enqueue: async (job, jobId) => void asked.effects.push({ job, jobId }),
      has: async (jobId) => asked.effects.some((e) => e.jobId === jobId),
      render: async (incidentId) => void asked.renders.push(incidentId),
      homes: async () => undefined,
    },
    runs: { enqueue: async (run) => void asked.runs.push(run), has: async (run) => asked.runs.some((queued) => queued.runId === run.runId) },
    clockJobs: { add: async (planned) => void asked.clockJobs.push(...planned), repeat: unused('repeating clock jobs') },
    approvals: createApprovals(redis, { prefix }),
    maintenance: createMaintenanceStore(redis, { prefix }),
    schedules: { sync: unused('schedules'), next: unused('schedules') },
    homeViewers: createHomeViewers(redis, { prefix }),
    workers: async () => [...(options.workers ?? [{ host: 'backtest-1', online: true }])],
    policy: { ...sandboxPolicy, hostSnapshots: false, ...options.policy },
    catalogue,
    playbooks,
    groupsOf: async (user) => options.groups?.[user] ?? [],
    findPeople: async () => [],
    now: () => clock.now,
  };
  return {
    services,
    asked,
    clock,
    async stop() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}
