// Worker presence from heartbeats: a host is online while its heartbeat key lives, offline once it has expired.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeKeys } from '../../src/store/keys.js';
import { beatWorker, leaveWorker, listWorkers } from '../../src/store/worker-presence.js';

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

  it('keeps a host online while one of its workers beats, and not on the entry of a worker that crashed', async () => {
    const prefix = `w${randomUUID().slice(0, 8)}`;
    const beat = (id: string, at: number) => beatWorker(redis, prefix, { host: 'bt', id, pid: 100, concurrency: 2, at, ttlMs: 20_000 });
    await beat('a', 1_000_000);
    await beat('crashed', 1_000_000);
    await beat('b', 1_015_000);
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'bt', online: true, pid: 100, concurrency: 6, lastSeenAt: 1_015_000 }]);
    // 'crashed' never beats again: by now its entry is older than the heartbeat's life, and only 'a' and 'b' count.
    await beat('a', 1_025_000);
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'bt', online: true, pid: 100, concurrency: 4, lastSeenAt: 1_025_000 }]);
    await leaveWorker(redis, prefix, { host: 'bt', id: 'a', at: 1_026_000, ttlMs: 20_000 });
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'bt', online: true, pid: 100, concurrency: 2, lastSeenAt: 1_015_000 }]);
    // The heartbeat lives no longer than its newest entry: b's, 20 s after its beat.
    expect(await redis.pttl(storeKeys(prefix).workerHeartbeat('bt'))).toBeLessThanOrEqual(9_000);
    await leaveWorker(redis, prefix, { host: 'bt', id: 'b', at: 1_027_000, ttlMs: 20_000 });
    expect(await listWorkers(redis, prefix)).toEqual([{ host: 'bt', online: false }]);
  });
});
