// Worker presence from heartbeats: a host is online while its heartbeat key lives, offline once it has expired.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeKeys } from '../../src/store/keys.js';
import { listWorkers } from '../../src/store/worker-presence.js';

describe('listWorkers', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(() => redis.disconnect());

  it('is empty before any worker registered', async () => {
    expect(await listWorkers(redis, `w${randomUUID().slice(0, 8)}`)).toEqual([]);
  });

  it('lists hosts in order, online with their heartbeat, offline without one', async () => {
    const prefix = `w${randomUUID().slice(0, 8)}`;
    const keys = storeKeys(prefix);
    await redis.sadd(keys.workerHosts, 'zeta', 'alpha');
    await redis.set(keys.workerHeartbeat('alpha'), JSON.stringify({ host: 'alpha', pid: 42, concurrency: 3, lastSeenAt: 1_700_000_000_000 }), 'PX', 60_000);
    await redis.set(keys.workerHeartbeat('zeta'), JSON.stringify({ host: 'zeta', pid: 7, concurrency: 1, lastSeenAt: 1 }), 'PX', 50);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await listWorkers(redis, prefix)).toEqual([
      { host: 'alpha', online: true, pid: 42, concurrency: 3, lastSeenAt: 1_700_000_000_000 },
      { host: 'zeta', online: false },
    ]);
  });
});
