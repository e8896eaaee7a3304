// A sliding one-minute window of alert declarations per sender, so an alert storm cannot open more channels
// than Slack's conversations.create tier allows (Tier 2, about 20 a minute).
import type { Redis } from 'ioredis';
import { storeKeys } from './keys.js';
import { redisScript } from './redis-script.js';

// Trim, count and add in one step: concurrent deliveries on several replicas cannot overshoot the limit.
const acquireScript = redisScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 1
`);

export interface DeclareWindow {
  /** True when this declaration fits in the sender's window (and is counted), false when it is full. */
  acquire(sender: string, member: string, at: number): Promise<boolean>;
}

export function createDeclareWindow(redis: Redis, options: { readonly prefix: string; readonly limit: number; readonly windowMs?: number }): DeclareWindow {
  const windowMs = options.windowMs ?? 60_000;
  const keys = storeKeys(options.prefix);
  return {
    async acquire(sender, member, at) {
      return Number(await acquireScript.run(redis, [keys.alertsDeclared(sender)], [at, windowMs, options.limit, member])) === 1;
    },
  };
}
