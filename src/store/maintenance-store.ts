// Redis keeps the maintenance runs and the canary's last good run, so every bot replica sees the same state
// and a restart loses nothing. A run is one JSON value changed by compare-and-set: worker
// reports about the same run may be handled by two replicas at once (a Lua compare-and-set on the value).
import type { Redis } from 'ioredis';
import type { CanaryResult, MaintenanceRuns } from '../app/ports.js';
import type { CanaryBaseline } from '../domain/canary.js';
import type { PlanRun } from '../domain/maintenance-run.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';

const RUN_TTL_S = 400 * 86_400;
const KEPT_PER_PLAN = 50;
const MAX_ATTEMPTS = 50;
// Writes the new value only if nobody changed the run since it was read.
const COMPARE_AND_SET = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end return 0";

export function createMaintenanceStore(redis: Redis, options: { readonly prefix?: string } = {}): MaintenanceRuns {
  const all = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  const keys = { run: all.maintenanceRun, runs: all.maintenanceRuns, links: all.maintenanceLinks, baseline: all.canaryBaseline, last: all.canaryLast };
  const read = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

  return {
    async create(run) {
      const created = await redis.set(keys.run(run.id), JSON.stringify(run), 'EX', RUN_TTL_S, 'NX');
      if (created !== 'OK') return false;
      await redis
        .multi()
        .zadd(keys.runs(run.planId), run.startedAt, run.id)
        .zremrangebyrank(keys.runs(run.planId), 0, -KEPT_PER_PLAN - 1)
        .exec();
      return true;
    },
    async get(runId) {
      return read<PlanRun>(await redis.get(keys.run(runId)));
    },
    async update(runId, change) {
      const key = keys.run(runId);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const text = await redis.get(key);
        const current = read<PlanRun>(text);
        if (current === undefined || text === null) return undefined;
        const next = change(current);
        if (next === current) return current;
        if ((await redis.eval(COMPARE_AND_SET, 1, key, text, JSON.stringify(next))) === 1) return next;
      }
      throw new Error(`maintenance run ${runId}: too much contention`);
    },
    async recent(planId, count) {
      const ids = await redis.zrevrange(keys.runs(planId), 0, count - 1);
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map((id) => keys.run(id)));
      return values.flatMap((v) => (v === null ? [] : [JSON.parse(v) as PlanRun]));
    },
    async setLink(runId, key, value) {
      await redis.multi().hset(keys.links(runId), key, value).expire(keys.links(runId), RUN_TTL_S).exec();
    },
    async getLinks(runId) {
      return redis.hgetall(keys.links(runId));
    },
    async baseline() {
      return read<CanaryBaseline>(await redis.get(keys.baseline));
    },
    async setBaseline(baseline) {
      await redis.set(keys.baseline, JSON.stringify(baseline));
    },
    async lastCanary() {
      return read<CanaryResult>(await redis.get(keys.last));
    },
    async setLastCanary(result) {
      await redis.set(keys.last, JSON.stringify(result));
    },
  };
}
