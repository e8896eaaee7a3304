// Who opened klaxon's Home tab, kept in one Redis set so every replica redraws the same people's tabs.
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
  };
}
