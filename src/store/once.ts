// A first-come claim on a key for a while: Slack request replays and event retries are acted on once.
import type { Redis } from 'ioredis';
import type { Once } from '../app/ports.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';

export type { Once } from '../app/ports.js';

// SET NX EX: atomic, so concurrent replicas receiving the same retry agree on one winner.
export function createOnce(redis: Redis, options: { readonly prefix?: string } = {}): Once {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  return {
    async claim(key, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
      return (await redis.set(keys.once(key), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async hold(key, owner, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
      // SET NX GET (Redis ≥ 7): one step, so two claimants never both see the key free.
      const previous = await redis.call('SET', keys.once(key), owner, 'EX', String(ttlSeconds), 'NX', 'GET');
      return previous === null ? owner : String(previous);
    },
  };
}
