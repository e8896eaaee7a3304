import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { startRedisServer, stopLeftoverRedis } from '../../src/sandbox/redis-server.js';

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

  it('removes the temporary folder it made when the server stops, or when it could not start', async () => {
    const own = await mkdtemp(join(tmpdir(), 'klaxon-own-tmp-'));
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = own;
    try {
      const started = await startRedisServer();
      if (!started.ok) throw new Error(started.error);
      expect(started.value.dir.startsWith(own)).toBe(true);
      expect(await readdir(started.value.dir)).toContain('klaxon-redis.port');
      await started.value.stop();
      expect(await readdir(own)).toEqual([]);
      expect((await startRedisServer({ binary: 'redis-server-that-does-not-exist' })).ok).toBe(false);
      expect(await readdir(own)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
      await rm(own, { recursive: true, force: true });
    }
  }, 30_000);

  it('stops a Redis a killed klaxon left on the same folder before starting, and keeps its data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'klaxon-leftover-'));
    const started: { stop(): Promise<void> }[] = [];
    try {
      const first = await startRedisServer({ dir, persistent: true });
      if (!first.ok) throw new Error(first.error);
      started.push(first.value);
      const client = new Redis(first.value.url);
      await client.set('kept', 'yes');
      client.disconnect();
      // The klaxon that started it is gone; its Redis is not (it has a process group of its own).
      const gone = once(first.value.process, 'exit');
      const second = await startRedisServer({ dir, persistent: true });
      if (!second.ok) throw new Error(second.error);
      started.push(second.value);
      await gone;
      expect(first.value.process.exitCode).toBe(0);
      const reader = new Redis(second.value.url);
      expect(await reader.get('kept')).toBe('yes');
      reader.disconnect();
    } finally {
      for (const redis of started) await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('leaves alone a Redis that serves another folder', async () => {
    const [dir, other] = await Promise.all([mkdtemp(join(tmpdir(), 'klaxon-leftover-')), mkdtemp(join(tmpdir(), 'klaxon-other-'))]);
    const running = await startRedisServer({ dir: other, persistent: true });
    if (!running.ok) throw new Error(running.error);
    try {
      // A port file naming a server that keeps its data elsewhere (a stale file, a reused port).
      await writeFile(join(dir, 'klaxon-redis.port'), `${running.value.port}\n`);
      expect(await stopLeftoverRedis(dir)).toBe(false);
      expect(running.value.process.exitCode).toBeNull();
      expect(await stopLeftoverRedis(join(dir, 'nothing-here'))).toBe(false);
    } finally {
      await running.value.stop();
      await Promise.all([rm(dir, { recursive: true, force: true }), rm(other, { recursive: true, force: true })]);
    }
  }, 30_000);
});
