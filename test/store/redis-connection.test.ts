import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, startRedisServer } from '../../src/sandbox/redis-server.js';
import { checkRedis, createRedis, redisOptions } from '../../src/store/redis-connection.js';

const opened: { quit(): Promise<unknown>; disconnect(): void }[] = [];
const track = <T extends { quit(): Promise<unknown>; disconnect(): void }>(client: T): T => {
  opened.push(client);
  return client;
};

afterAll(() => {
  for (const client of opened) client.disconnect();
});

describe('createRedis', () => {
  it('queues the first command until the connection is ready instead of failing it', async () => {
    const redis = track(createRedis(inject('redisUrl'), 'command'));
    expect(redis.status).not.toBe('ready');
    expect(await redis.ping()).toBe('PONG');
  });

  it('fails a command fast when nothing listens, instead of waiting for Redis to come back', async () => {
    const redis = track(createRedis(`redis://127.0.0.1:${await freePort()}`, 'command'));
    redis.on('error', () => {});
    // Given up after its reconnect attempts, not after the 5 s command timeout or never.
    await expect(redis.get('x')).rejects.toThrow(/max retries per request/i);
  });

  it('lets blocking (BullMQ) connections wait for the reconnect forever', () => {
    expect(redisOptions('blocking').maxRetriesPerRequest).toBeNull();
    expect(redisOptions('command').maxRetriesPerRequest).toBeGreaterThan(0);
    expect(redisOptions('command').commandTimeout).toBeGreaterThan(0);
  });
});

describe('checkRedis', () => {
  it('finds nothing wrong with the test Redis (7+, noeviction, AOF)', async () => {
    const check = await checkRedis(track(createRedis(inject('redisUrl'), 'command')));
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ maxmemoryPolicy: 'noeviction', appendonly: 'yes' });
    expect(Number(check.version.split('.')[0])).toBeGreaterThanOrEqual(7);
  });

  it('reports an evicting, non-persistent Redis with a fix for each problem', async () => {
    const started = await startRedisServer({ extraArgs: ['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no'] });
    if (!started.ok) throw new Error(started.error);
    try {
      const check = await checkRedis(track(createRedis(started.value.url, 'command')));
      expect(check).toMatchObject({ maxmemoryPolicy: 'allkeys-lru', appendonly: 'no' });
      expect(check.problems).toHaveLength(2);
      expect(check.problems[0]).toMatch(/allkeys-lru.*maxmemory-policy noeviction/);
      expect(check.problems[1]).toMatch(/appendonly yes/);
    } finally {
      await started.value.stop();
    }
  });
});
