// WAIT against the test's Redis, which has no replica: an append that must reach one is never answered as
// saved, and one WAIT covers a whole burst of appends.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { createIntentLog } from '../../src/store/intent-log.js';
import { replicaBarrier } from '../../src/store/replica-barrier.js';
import { anIncident } from './fixtures.js';

describe('waiting for replicas', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(() => redis.disconnect());

  it('does not wait when no replica is asked for', async () => {
    const barrier = replicaBarrier(redis, 0, 100);
    await redis.set(`t${randomUUID()}`, '1');
    expect(await barrier.replicated(barrier.wrote())).toBe(true);
  });

  it('sends one WAIT for a burst, and says false when no replica holds the writes', async () => {
    const barrier = replicaBarrier(redis, 1, 100);
    const before = Number(/cmdstat_wait:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
    const burst = await Promise.all(Array.from({ length: 50 }, (_, n) => redis.set(`t${randomUUID()}-${n}`, '1').then(() => barrier.wrote())));
    const held = await Promise.all(burst.map((ticket) => barrier.replicated(ticket)));
    const after = Number(/cmdstat_wait:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
    expect(held.every((h) => h === false)).toBe(true);
    expect(after - before).toBe(1);
  });

  it('answers an append no replica holds as unreplicated, so the recorder says "not saved"', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    await createIncidentStore(redis, { prefix }).create(anIncident(1), []);
    const log = createIntentLog(redis, { prefix, replicas: 1, replicaWaitMs: 50 });
    const now = Number((await redis.time())[0]) * 1000;
    expect(await log.append('inc-1', 'k1', '{}', now + 60_000)).toEqual({ status: 'unreplicated' });
    expect(await createIntentLog(redis, { prefix }).append('inc-1', 'k2', '{}', now + 60_000)).toEqual({ status: 'ok' });
  });

  it('does not call a revoke done until the replicas hold it, so the recorder sends it again (to a new primary)', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    await createIncidentStore(redis, { prefix }).create(anIncident(1), []);
    const now = Number((await redis.time())[0]) * 1000;
    await createIntentLog(redis, { prefix }).append('inc-1', 'k1', '{}', now + 60_000);
    await expect(createIntentLog(redis, { prefix, replicas: 1, replicaWaitMs: 50 }).revoke('inc-1', 'k1')).rejects.toThrow(/not on the replicas/);
    // The revoke itself was written; without a replica to wait for, the same call is done.
    expect(await createIntentLog(redis, { prefix }).outcome('inc-1', 'k1')).toBe('r');
    expect(await createIntentLog(redis, { prefix }).revoke('inc-1', 'k1')).toBe(true);
  });
});
