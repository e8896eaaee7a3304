// The read-only subcommands' access to the policy and to Redis: one connection for the call, closed afterwards, and where it
// looked named without the password a REDIS_URL may carry.
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { IncidentStore } from '../app/ports.js';
import type { Policy } from '../domain/policy.js';
import { loadPolicy } from '../load-policy.js';
import { createIncidentStore } from '../store/incident-store.js';
import { createRedis, describeRedisTarget, redisTargetOf } from '../store/redis-connection.js';

export function redisLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'Redis';
  }
}

/** Where the subcommand looked: the Sentinel set, or the URL without its password. */
export const whereLabel = (config: Config): string =>
  config.redisSentinel ? describeRedisTarget(redisTargetOf(config)) : redisLabel(config.redisUrl as string);

export async function withIncidentStore<T>(config: Config, use: (store: IncidentStore) => Promise<T>): Promise<T> {
  const redis = createRedis(redisTargetOf(config), 'command');
  redis.on('error', () => undefined);
  try {
    return await use(createIncidentStore(redis, { prefix: config.redisPrefix }));
  } finally {
    redis.disconnect();
  }
}

/** KLAXON_POLICY as the read-only subcommands use it; undefined (the problem written to stderr) when it is broken. */
export async function policyOrComplain(config: Config, io: Io): Promise<Policy | undefined> {
  const policy = await loadPolicy(config.policyFile);
  if (policy.ok) return policy.value;
  io.stderr.write(`${policy.error}\n`);
  return undefined;
}
