// Pending destructive runs between the request and a second person's decision, one key per run.
import type { Redis } from 'ioredis';
import type { Approvals, PendingApproval } from '../app/ports.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';

export function createApprovals(redis: Redis, options: { readonly prefix?: string } = {}): Approvals {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  return {
    async put(pending, ttlSeconds) {
      await redis.set(keys.runRequest(pending.run.runId), JSON.stringify(pending), 'EX', ttlSeconds, 'NX');
    },
    async get(runId) {
      const raw = await redis.get(keys.runRequest(runId));
      return raw === null ? undefined : (JSON.parse(raw) as PendingApproval);
    },
    async replace(pending) {
      await redis.set(keys.runRequest(pending.run.runId), JSON.stringify(pending), 'KEEPTTL');
    },
  };
}
