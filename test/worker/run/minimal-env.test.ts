import { describe, it, expect } from 'vitest';
import { minimalEnv } from '../../../src/worker/run/minimal-env.js';

const host = {
  PATH: '/opt/py/bin:/usr/bin',
  HOME: '/home/ops',
  LANG: 'ja_JP.UTF-8',
  TZ: 'Asia/Tokyo',
  REDIS_URL: 'redis://:pw@redis:6379',
  SLACK_BOT_TOKEN: 'x',
  SLACK_SIGNING_SECRET: 'y',
  SystemRoot: 'C:\\Windows',
};

describe('minimalEnv', () => {
  it.each([
    ['linux', { PATH: '/opt/py/bin:/usr/bin', HOME: '/home/ops', LANG: 'ja_JP.UTF-8', TZ: 'Asia/Tokyo', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' }],
    ['win32', { PATH: '/opt/py/bin:/usr/bin', HOME: '/home/ops', LANG: 'ja_JP.UTF-8', TZ: 'Asia/Tokyo', SYSTEMROOT: 'C:\\Windows', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' }],
  ] as const)('on %s passes only harmless variables', (platform, expected) => {
    expect(minimalEnv(host, platform)).toEqual(expected);
  });

  it('fills a PATH and LANG when the host has none', () => {
    expect(minimalEnv({}, 'linux')).toEqual({ PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' });
  });
});
