import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisScript } from '../../src/store/redis-script.js';

let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await redis.quit();
});

describe('redisScript', () => {
  it('runs by SHA and loads the body again after the server forgot it', async () => {
    const echo = redisScript(`return {KEYS[1], ARGV[1], ARGV[2]} -- redis-script test`);
    expect(await echo.run(redis, ['{t}:k'], ['a', 2])).toEqual(['{t}:k', 'a', '2']);
    await redis.script('FLUSH');
    expect(await echo.run(redis, ['{t}:k'], ['b', 3])).toEqual(['{t}:k', 'b', '3']);
  });

  it('passes script errors through instead of retrying them', async () => {
    const broken = redisScript(`return redis.error_reply('klaxon test failure')`);
    await expect(broken.run(redis, [], [])).rejects.toThrow(/klaxon test failure/);
  });
});
