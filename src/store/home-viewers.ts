// Who opened klaxon's Home tab, kept in one Redis set so every replica redraws the same people's tabs, and the
// hash of each tab as last drawn, so a replica's draw from older data cannot land over a newer one.
import type { Redis } from 'ioredis';
import type { HomeViewers } from '../app/ports.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';

export function createHomeViewers(redis: Redis, options: { readonly prefix?: string } = {}): HomeViewers {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  return {
    async add(userId) {
      await redis.sadd(keys.homeViewers, userId);
    },
    async list() {
      return (await redis.smembers(keys.homeViewers)).sort();
    },
    async tabHash(userId) {
      return (await redis.hget(keys.homeTabs, userId)) ?? undefined;
    },
    async keepTabHash(userId, hash) {
      await redis.hset(keys.homeTabs, userId, hash);
    },
  };
}
