import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadRedisScripts, redisScript } from '../../src/store/redis-script.js';

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

  it('loads every script defined so far ahead of its first use', async () => {
    const lua = `return 'loaded ahead' -- ${randomUUID()}`;
    const script = redisScript(lua);
    const sha = createHash('sha1').update(lua).digest('hex');
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    expect(await loadRedisScripts(redis)).toBeGreaterThanOrEqual(1);
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    // Known to the server, so the first run is an EVALSHA that needs no fallback.
    expect(await redis.evalsha(sha, 0)).toBe('loaded ahead');
    expect(await script.run(redis, [], [])).toBe('loaded ahead');
  });

  it('throws when Redis refuses to load scripts, so the caller can say so and rely on the fallback', async () => {
    const user = `klaxon-test-${randomUUID()}`;
    await redis.acl('SETUSER', user, 'on', '>pw', '~*', '&*', '+@all', '-script');
    const limited = new Redis(inject('redisUrl'), { username: user, password: 'pw' });
    try {
      redisScript(`return 1 -- ${randomUUID()}`);
      await expect(loadRedisScripts(limited)).rejects.toThrow(/NOPERM/);
    } finally {
      limited.disconnect();
      await redis.acl('DELUSER', user);
    }
  });
});
