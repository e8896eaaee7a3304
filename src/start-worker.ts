// The worker's composition root: Redis connections, the producer for results, and the host queue consumer.
import type { Catalogue } from './domain/catalogue.js';
import type { Config } from './config.js';
import { loadPolicy } from './load-policy.js';
import type { Policy } from './domain/policy.js';
import type { Logger } from './logger.js';
import { createProducers } from './queue/queues.js';
import { createRedis, redisTargetOf } from './store/redis-connection.js';
import { loadScripts } from './load-scripts.js';
import { hostCatalogue } from './worker/host-catalogue.js';
import { startHostWorker } from './worker/host-worker.js';
import { sweepLeftScratch } from './worker/run/run-scratch.js';

export interface WorkerProcessOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly catalogue: Catalogue;
  /** Overrides KLAXON_POLICY (the sandbox passes its demo policy). */
  readonly policy?: Policy;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  /** Least time between two progress updates of a run (default 2 s). */
  readonly progressEveryMs?: number;
  /** @pure false — the clock of job events (tests script it). */
  readonly now?: () => number;
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<{ stop(): Promise<void> }> {
  const { config, logger } = options;
  if (!config.backtestRoot) throw new Error('BACKTEST_ROOT is required');
  const policy = options.policy ?? (await workerPolicy(config, logger));
  const redis = createRedis(redisTargetOf(config), 'command');
  const blocking = createRedis(redisTargetOf(config), 'blocking');
  for (const connection of [redis, blocking]) connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const producers = createProducers(redis, config.redisPrefix);
  await loadScripts(redis, logger);
  const swept = await sweepLeftScratch();
  if (swept > 0) logger.info({ folders: swept }, 'removed the temporary folders of runs whose worker was killed');
  const worker = await startHostWorker({
    connection: blocking,
    redis,
    producers,
    prefix: config.redisPrefix,
    host: config.workerHost,
    concurrency: config.workerConcurrency,
    root: config.backtestRoot,
    python: config.backtestPython,
    hostEnv: config.hostEnv,
    catalogue: hostCatalogue(options.catalogue, config),
    ...(policy ? { policy } : {}),
    logger,
    lockDurationMs: options.lockDurationMs ?? config.workerLockMs,
    stalledIntervalMs: options.stalledIntervalMs ?? config.workerLockMs,
    ...(options.now ? { now: options.now } : {}),
    ...(options.progressEveryMs === undefined ? {} : { progressEveryMs: options.progressEveryMs }),
  });
  return {
    async stop() {
      await worker.close();
      await producers.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}

// The worker re-checks roles by user id only with a policy file; without one it re-checks approvals alone.
async function workerPolicy(config: Config, logger: Logger): Promise<Policy | undefined> {
  if (!config.policyFile) {
    logger.warn('KLAXON_POLICY is not set: the worker re-checks approvals only, roles are left to the bot');
    return undefined;
  }
  const loaded = await loadPolicy(config.policyFile);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}
