// A Lua script run by SHA: the body crosses the wire only when the server does not know it yet.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A script bound to its SHA, runnable on any connection. */
export interface RedisScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

// EVALSHA with an EVAL fallback on NOSCRIPT (first use, a server restart, SCRIPT FLUSH, a failover).
export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
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
