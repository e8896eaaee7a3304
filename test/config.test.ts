import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeConfig, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('reports every problem at once', () => {
    const result = loadConfig({ REDIS_URL: 'http://nope', KLAXON_TIMEZONE: 'Mars/Olympus', PORT: 'eighty' }, 'doctor');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.error.message;
    expect(result.error.problems).toHaveLength(3);
    expect(text).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(text).toMatch(/KLAXON_TIMEZONE: is not an IANA time zone/);
    expect(text).toMatch(/PORT: must be a number/);
  });

  it('applies the defaults of the contract', () => {
    const result = loadConfig({}, 'sandbox');
    expect(result.ok && result.value).toMatchObject({
      port: 3000, timeZone: 'Asia/Tokyo', locale: 'ja', backtestPython: 'python3', workerHost: 'backtest-1', archiveOnClose: false,
    });
  });

  it.each([
    ['bot', {}, ['SLACK_BOT_TOKEN', 'REDIS_URL', 'SLACK_SIGNING_SECRET']],
    ['worker', {}, ['REDIS_URL', 'BACKTEST_ROOT']],
    ['bot', { SLACK_BOT_TOKEN: 'xoxb-1', REDIS_URL: 'redis://h:1', SLACK_APP_TOKEN: 'xapp-1' }, []],
  ] as const)('requires what %s needs', (role, env, missing) => {
    const result = loadConfig(env, role);
    const problems = result.ok ? [] : result.error.problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(missing);
  });

  it('finds Redis through Sentinels instead of REDIS_URL, and then waits for a replica by default', () => {
    const result = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381', REDIS_SENTINEL_PASSWORD: 'sentinel-secret', BACKTEST_ROOT: '/srv/backtest' }, 'worker');
    expect(result.ok && result.value).toMatchObject({
      redisSentinel: { name: 'mymaster', password: 'sentinel-secret', sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-b', port: 26380 }, { host: '::1', port: 26381 }] },
      redisWaitReplicas: 1,
    });
    expect(result.ok && JSON.stringify(describeConfig(result.value))).not.toContain('sentinel-secret');
    expect(loadConfig({ REDIS_URL: 'redis://h:1', BACKTEST_ROOT: '/srv' }, 'worker')).toMatchObject({ ok: true, value: { redisWaitReplicas: 0 } });
    const bad = loadConfig({ REDIS_SENTINELS: 'sentinel-a', REDIS_WAIT_REPLICAS: 'all' }, 'doctor');
    expect(bad.ok ? [] : bad.error.problems).toEqual(['REDIS_SENTINELS: must be host:port pairs separated by commas', 'REDIS_WAIT_REPLICAS: must be a number']);
  });

  it('treats blank values as unset', () => {
    const result = loadConfig({ PORT: '', KLAXON_LOCALE: '  ', SLACK_BOT_TOKEN: '' }, 'sandbox');
    expect(result.ok && result.value.port).toBe(3000);
  });

  it('never shows a secret in full when described', () => {
    const result = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-123456789-secret', SLACK_SIGNING_SECRET: 'abcdef0123456789', REDIS_URL: 'redis://user:pw@h:6379' },
      'bot',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = JSON.stringify(describeConfig(result.value));
    expect(text).not.toContain('xoxb-123456789-secret');
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toContain('pw@');
  });

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
