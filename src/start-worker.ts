// The worker's composition root: Redis connections, the producer for results, and the host queue consumer.
import type { Catalogue } from './domain/catalogue.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createProducers } from './queue/queues.js';
import { createRedis } from './store/redis-connection.js';
import { startHostWorker } from './worker/host-worker.js';

export interface WorkerProcessOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly catalogue: Catalogue;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<{ stop(): Promise<void> }> {
  const { config, logger } = options;
  if (!config.redisUrl || !config.backtestRoot) throw new Error('REDIS_URL and BACKTEST_ROOT are required');
  const redis = createRedis(config.redisUrl, 'command');
  const blocking = createRedis(config.redisUrl, 'blocking');
  for (const connection of [redis, blocking]) connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const producers = createProducers(redis, config.redisPrefix);
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
    catalogue: options.catalogue,
    logger,
    lockDurationMs: options.lockDurationMs ?? config.workerLockMs,
    stalledIntervalMs: options.stalledIntervalMs ?? config.workerLockMs,
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
