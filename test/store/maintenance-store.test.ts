import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultPlans } from '../../src/domain/maintenance-policy.js';
import { recordEntry, startPlanRun } from '../../src/domain/maintenance-run.js';
import { createMaintenanceStore } from '../../src/store/maintenance-store.js';
import { deletePrefix, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('maint');
let redis: Redis;
const weekly = defaultPlans[0]!;
const where = { host: 'bt1', channel: 'C0OPS' };

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('the maintenance store', () => {
  it('creates one run per firing, whichever replica asks first', async () => {
    const other = new Redis(inject('redisUrl'));
    const run = startPlanRun(weekly, { kind: 'schedule' }, 1_000, where);
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, n) => createMaintenanceStore(n % 2 === 0 ? redis : other, { prefix }).create(run)),
    );
    await other.quit();
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await createMaintenanceStore(redis, { prefix }).recent('weekly', 5)).toEqual([run]);
  });

  it('loses no concurrent entry report (compare-and-set)', async () => {
    const store = createMaintenanceStore(redis, { prefix });
    const run = startPlanRun(weekly, { kind: 'schedule' }, 2_000, where);
    await store.create(run);
    await Promise.all(run.entries.map((_, i) => store.update(run.id, (r) => recordEntry(r, i, { status: 'succeeded' }, 3_000 + i))));
    const stored = await store.get(run.id);
    expect(stored?.entries.map((e) => e.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(stored?.finishedAt).toBeGreaterThanOrEqual(3_000);
    expect(await store.update('mnt-nope', (r) => r)).toBeUndefined();
  });

  it('lists a plan’s runs newest first and keeps the canary’s last good run', async () => {
    const store = createMaintenanceStore(redis, { prefix });
    expect((await store.recent('weekly', 1))[0]?.startedAt).toBe(2_000);
    expect(await store.baseline()).toBeUndefined();
    await store.setBaseline({ metrics: { tradeCount: 3 }, at: 5, runId: 'r1', snapshot: 'commit abc' });
    expect(await store.baseline()).toEqual({ metrics: { tradeCount: 3 }, at: 5, runId: 'r1', snapshot: 'commit abc' });
    await store.setLastCanary({ runId: 'r2', at: 6, outcome: 'drift', metrics: { tradeCount: 4 } });
    expect((await store.lastCanary())?.outcome).toBe('drift');
  });
});
