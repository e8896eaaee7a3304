// Redis connections for the two kinds of work klaxon does, and the settings check `klaxon doctor` runs.
import { Redis, type RedisOptions } from 'ioredis';
import type { Config, RedisSentinelConfig } from '../config.js';

/** Request-path commands fail fast; blocking queue consumers wait out outages. */
export type RedisPurpose = 'command' | 'blocking';

// Options per purpose, exported so callers (BullMQ, Sentinel setups) can reuse them with their own host list.
export function redisOptions(purpose: RedisPurpose): RedisOptions {
  if (purpose === 'blocking') {
    // BullMQ workers block on BZPOPMIN and must survive outages: commands wait for the reconnect forever.
    return { connectionName: 'klaxon-blocking', maxRetriesPerRequest: null, enableOfflineQueue: true };
  }
  // The Slack request path must fail fast, but `enableOfflineQueue: false` would reject every command sent
  // before the first connect completes. So the offline queue stays on (start-up just waits for the
  // connection), and instead a pending command is failed after two reconnect attempts (~0.3 s against a
  // dead server) or after 5 s without a reply (a hung server keeps the socket open, so only a timer helps).
  return { connectionName: 'klaxon-command', maxRetriesPerRequest: 2, commandTimeout: 5_000, enableOfflineQueue: true };
}

/** Where Redis is: one server by URL, or the primary the Sentinels name (the URL then gives credentials, db and TLS). */
export interface RedisTarget {
  readonly url?: string;
  readonly sentinel?: RedisSentinelConfig;
}

export const redisTargetOf = (config: Pick<Config, 'redisUrl' | 'redisSentinel'>): RedisTarget => ({
  ...(config.redisUrl ? { url: config.redisUrl } : {}),
  ...(config.redisSentinel ? { sentinel: config.redisSentinel } : {}),
});

// Asks the Sentinels for the primary at every (re)connect, so a failover is followed: the old connection
// closes, the next one goes to the promoted replica. A demoted primary answers writes with READONLY (a
// partition, not a crash): that reply drops the connection so the next command finds the new primary. (On a
// planned failover Sentinel itself closes the old primary's client connections; a blocked read, which changed
// nothing, is then sent again to the new primary.)
// ioredis's own `failoverDetector` is off on purpose: when its `+switch-master` message arrives while a
// reconnect is still waiting for a Sentinel's answer (the primary just died, a Sentinel is slow), it aborts
// that reconnect and the connection ends for good ("Connection is closed"): a worker then never takes a job
// again. test/store/sentinel-connection.test.ts reproduces it with a slow Sentinel.
function sentinelOptions(target: RedisTarget & { sentinel: RedisSentinelConfig }): RedisOptions {
  const url = target.url ? new URL(target.url) : undefined;
  const db = url ? Number(url.pathname.slice(1) || 0) : 0;
  return {
    sentinels: target.sentinel.sentinels.map(({ host, port }) => ({ host, port })),
    name: target.sentinel.name,
    role: 'master',
    ...(target.sentinel.password ? { sentinelPassword: target.sentinel.password } : {}),
    ...(url?.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url?.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db } : {}),
    ...(url?.protocol === 'rediss:' ? { tls: {} } : {}),
    failoverDetector: false,
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 1 : false),
  };
}

// One connection for a purpose; the caller owns it and calls quit() on shutdown.
export function createRedis(target: string | RedisTarget, purpose: RedisPurpose): Redis {
  const where: RedisTarget = typeof target === 'string' ? { url: target } : target;
  if (where.sentinel) return new Redis({ ...sentinelOptions({ ...where, sentinel: where.sentinel }), ...redisOptions(purpose) });
  if (!where.url) throw new Error('REDIS_URL or REDIS_SENTINELS is required');
  return new Redis(where.url, redisOptions(purpose));
}

/** How a log line or `klaxon doctor` names the Redis in use, without its password. */
export const describeRedisTarget = (target: RedisTarget): string =>
  target.sentinel
    ? `the primary ${target.sentinel.name} of Sentinels ${target.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}`
    : (target.url ?? '').replace(/\/\/([^@/]*)@/, '//***@');

/** What `klaxon doctor` and start-up report about the server. */
export interface RedisCheck {
  readonly version: string;
  readonly maxmemoryPolicy: string;
  readonly appendonly: 'yes' | 'no';
  /** One line per problem, each ending with how to fix it; empty when Redis is fit for klaxon. */
  readonly problems: readonly string[];
}

const MIN_MAJOR = 7;

const infoField = (info: string, field: string): string | undefined =>
  new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();

// Reads the server's settings through INFO (CONFIG is often disabled on managed Redis) and says what is wrong.
export async function checkRedis(redis: Redis): Promise<RedisCheck> {
  const info = await redis.info('server', 'memory', 'persistence');
  const version = infoField(info, 'redis_version') ?? 'unknown';
  const maxmemoryPolicy = infoField(info, 'maxmemory_policy') ?? 'unknown';
  const appendonly = infoField(info, 'aof_enabled') === '1' ? 'yes' : 'no';
  const problems: string[] = [];
  const major = Number(version.split('.')[0]);
  if (!(major >= MIN_MAJOR)) {
    problems.push(`Redis ${version} is older than ${MIN_MAJOR}: upgrade the server to Redis ${MIN_MAJOR} or newer.`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    problems.push(
      `maxmemory-policy is ${maxmemoryPolicy}, so Redis may silently evict incidents and queued jobs: ` +
        'set `maxmemory-policy noeviction` in redis.conf (and CONFIG SET maxmemory-policy noeviction).',
    );
  }
  if (appendonly === 'no') {
    problems.push(
      'appendonly is no, so a Redis restart loses recent incidents and SLA timers: ' +
        'set `appendonly yes` in redis.conf (and CONFIG SET appendonly yes).',
    );
  }
  return { version, maxmemoryPolicy, appendonly, problems };
}
