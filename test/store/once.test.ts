import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOnce } from '../../src/store/once.js';
import { deletePrefix, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('once');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('once', () => {
  it('lets exactly one of many concurrent claims win', async () => {
    const clients = [redis, new Redis(inject('redisUrl'))];
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, n) => createOnce(clients[n % 2] as Redis, { prefix }).claim('evt-Ev1', 60)),
    );
    await clients[1]?.quit();
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('keeps keys apart and frees a key when its time is up', async () => {
    const once = createOnce(redis, { prefix });
    expect(await once.claim('trigger-1', 1)).toBe(true);
    expect(await once.claim('trigger-2', 1)).toBe(true);
    expect(await once.claim('trigger-1', 1)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await once.claim('trigger-1', 1)).toBe(true);
  });

  it('holds a key for its first owner: the owner is told it holds it again, every other claimant who does', async () => {
    const clients = [redis, new Redis(inject('redisUrl'))];
    const holders = await Promise.all(
      Array.from({ length: 20 }, (_, n) => createOnce(clients[n % 2] as Redis, { prefix }).hold('window-1', `click-${n}`, 60)),
    );
    await clients[1]?.quit();
    const winner = holders[0] as string;
    expect(holders.every((h) => h === winner)).toBe(true);
    expect(await createOnce(redis, { prefix }).hold('window-1', winner, 60)).toBe(winner);
    expect(await createOnce(redis, { prefix }).hold('window-2', 'click-x', 60)).toBe('click-x');
  });

  it('releases a hold only for the owner holding it, so a later claimant can take it', async () => {
    const once = createOnce(redis, { prefix });
    expect(await once.hold('window-3', 'run-a', 60)).toBe('run-a');
    expect(await once.release('window-3', 'run-b')).toBe(false);
    expect(await once.hold('window-3', 'run-b', 60)).toBe('run-a');
    expect(await once.release('window-3', 'run-a')).toBe(true);
    expect(await once.release('window-3', 'run-a')).toBe(false);
    expect(await once.hold('window-3', 'run-b', 60)).toBe('run-b');
  });

  it('passes a hold on only from the owner holding it, to one of many takers at once', async () => {
    const once = createOnce(redis, { prefix });
    expect(await once.hold('window-4', 'first', 60)).toBe('first');
    expect(await once.swap('window-4', 'someone', 'taker-x', 60)).toBe(false);
    const clients = [redis, new Redis(inject('redisUrl'))];
    const swaps = await Promise.all(Array.from({ length: 20 }, (_, n) => createOnce(clients[n % 2] as Redis, { prefix }).swap('window-4', 'first', `taker-${n}`, 60)));
    await clients[1]?.quit();
    expect(swaps.filter(Boolean)).toHaveLength(1);
    expect(await once.hold('window-4', 'late', 60)).toBe(`taker-${swaps.indexOf(true)}`);
    expect(await once.swap('window-5', 'nobody', 'taker', 60)).toBe(false);
    expect(await once.hold('window-5', 'late', 60)).toBe('late');
  });

  it.each([0, -1, 1.5])('treats a ttl of %s as a bug', async (ttl) => {
    await expect(createOnce(redis, { prefix }).claim('x', ttl)).rejects.toThrow(/positive integer/);
  });
});

describe('once, claims made together', () => {
  it('answers each of a burst of claims on one connection for its own key', async () => {
    const once = createOnce(redis, { prefix });
    const keys = ['burst-a', 'burst-b', 'burst-a', 'burst-c', 'burst-b', 'burst-a'];
    expect(await Promise.all(keys.map((key) => once.claim(key, 60)))).toEqual([true, true, false, true, false, false]);
    expect(await once.claim('burst-c', 60)).toBe(false);
  });

  it('refuses a TTL that is not a positive whole number of seconds without touching Redis', async () => {
    await expect(createOnce(redis, { prefix }).claim('bad-ttl', 1.5)).rejects.toThrow(/positive integer/);
  });
});
