// Sliding one-minute windows of alert declarations: one per budget (the credential the alerts came with)
// and one over all of them, so an alert storm cannot open more channels than Slack's conversations.create
// tier allows (Tier 2, about 20 a minute). Budgets are never keyed on what the body says: a flood that
// changes its `source` on every alert still spends one budget.
import type { Redis } from 'ioredis';
import { storeKeys } from './keys.js';
import { redisScript } from './redis-script.js';

// Trim, count and add in one step over every window: concurrent deliveries on several replicas cannot
// overshoot a limit, and a declaration refused by one window is counted in none.
const acquireScript = redisScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
end
return 1
`);

export interface DeclareWindow {
  /** True when this declaration fits in its budget's window and the global one (and is counted), else false. */
  acquire(budget: string, member: string, at: number): Promise<boolean>;
}

export interface DeclareWindowOptions {
  readonly prefix: string;
  /** Declarations per budget per window. */
  readonly limit: number;
  /** Declarations over all budgets per window. */
  readonly globalLimit: number;
  readonly windowMs?: number;
}

export function createDeclareWindow(redis: Redis, options: DeclareWindowOptions): DeclareWindow {
  const windowMs = options.windowMs ?? 60_000;
  const keys = storeKeys(options.prefix);
  return {
    async acquire(budget, member, at) {
      // 'all' is never a budget name (budgets are `<route>-<token digest>`).
      const windows = [keys.alertsDeclared(budget), keys.alertsDeclared('all')];
      return Number(await acquireScript.run(redis, windows, [at, windowMs, member, options.limit, options.globalLimit])) === 1;
    },
  };
}
