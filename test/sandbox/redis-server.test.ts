import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { startRedisServer } from '../../src/sandbox/redis-server.js';

describe('the test Redis', () => {
  it('is a real redis-server with AOF on and noeviction', async () => {
    const redis = new Redis(inject('redisUrl'));
    try {
      expect(await redis.ping()).toBe('PONG');
      const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
      expect(policy).toBe('noeviction');
      const info = await redis.info('server');
      expect(Number(/redis_version:(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(7);
    } finally {
      redis.disconnect();
    }
  });
});

describe('startRedisServer', () => {
  it('says how to install redis-server when the binary is missing', async () => {
    const result = await startRedisServer({ binary: 'redis-server-that-does-not-exist' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/apt-get install -y redis-server/);
  });
});
