// A Lua script run by SHA: the body crosses the wire only when the server does not know it yet.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A script bound to its SHA, runnable on any connection. */
export interface RedisScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

// Every script this process has defined (modules define theirs when they load), for `loadRedisScripts`.
const defined = new Set<string>();

// EVALSHA with an EVAL fallback on NOSCRIPT (first use, a server restart, SCRIPT FLUSH, a failover).
export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  defined.add(lua);
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}

/**
 * Loads every script defined so far into Redis in one round trip, so that on a fresh or restarted server the
 * first click does not pay a NOSCRIPT answer, the whole body on the wire and its compile. Returns how many.
 */
export async function loadRedisScripts(redis: Redis): Promise<number> {
  const pipeline = redis.pipeline();
  for (const lua of defined) pipeline.script('LOAD', lua);
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  return defined.size;
}
