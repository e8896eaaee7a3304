import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDeclareWindow } from '../../src/store/declare-window.js';
import { deletePrefix, uniquePrefix } from '../store/fixtures.js';

const prefix = uniquePrefix('declare-window');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('declare window', () => {
  it('lets exactly `limit` of many concurrent declarations of one sender through', async () => {
    const window = createDeclareWindow(redis, { prefix, limit: 10, globalLimit: 100 });
    const at = Date.UTC(2026, 0, 15);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => window.acquire('storm', `d${n}`, at + n)));
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(results.slice(0, 10).every(Boolean)).toBe(true);
  });

  it('counts budgets apart, and frees a slot once a declaration is a minute old', async () => {
    const window = createDeclareWindow(redis, { prefix, limit: 2, globalLimit: 100 });
    const at = Date.UTC(2026, 0, 16);
    expect(await window.acquire('a', 'a1', at)).toBe(true);
    expect(await window.acquire('a', 'a2', at + 10_000)).toBe(true);
    expect(await window.acquire('a', 'a3', at + 20_000)).toBe(false);
    expect(await window.acquire('b', 'b1', at + 20_000)).toBe(true);
    expect(await window.acquire('a', 'a4', at + 59_999)).toBe(false);
    expect(await window.acquire('a', 'a5', at + 60_000)).toBe(true);
    expect(await window.acquire('a', 'a6', at + 60_001)).toBe(false);
  });

  it('caps all budgets together, and a declaration refused by one window is counted in none', async () => {
    const window = createDeclareWindow(redis, { prefix: `${prefix}-global`, limit: 2, globalLimit: 3 });
    const at = Date.UTC(2026, 0, 17);
    expect(await window.acquire('t1', 'x1', at)).toBe(true);
    expect(await window.acquire('t1', 'x2', at + 1)).toBe(true);
    expect(await window.acquire('t1', 'x3', at + 2)).toBe(false);
    expect(await window.acquire('t2', 'y1', at + 3)).toBe(true);
    expect(await window.acquire('t3', 'z1', at + 4)).toBe(false);
    expect(await window.acquire('t2', 'y2', at + 5)).toBe(false);
    // t1's refused x3 took no global slot: once x1 ages out, exactly one more fits.
    expect(await window.acquire('t3', 'z2', at + 60_000)).toBe(true);
    expect(await window.acquire('t3', 'z3', at + 60_000)).toBe(false);
  });
});
