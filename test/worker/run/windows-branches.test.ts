// The worker's Windows branches, run on Linux through an injected platform and path.win32: nothing here
// was ever run on Windows itself (docs/windows-worker.md says what was not).
import { describe, it, expect } from 'vitest';
import { buildArgv } from '../../../src/worker/run/build-argv.js';
import { insideRoot, pythonCandidates } from '../../../src/worker/run/host-platform.js';
import { killPlan } from '../../../src/worker/run/kill-plan.js';
import { minimalEnv } from '../../../src/worker/run/minimal-env.js';

describe('the kill plan', () => {
  it.each([
    ['linux', 'SIGTERM', { kind: 'signal-group', pgid: 4242, signal: 'SIGTERM' }],
    ['darwin', 'SIGKILL', { kind: 'signal-group', pgid: 4242, signal: 'SIGKILL' }],
    ['win32', 'SIGTERM', { kind: 'exec', argv: ['taskkill', '/PID', '4242', '/T'] }],
    ['win32', 'SIGKILL', { kind: 'exec', argv: ['taskkill', '/PID', '4242', '/T', '/F'] }],
  ] as const)('%s %s', (platform, signal, step) => {
    expect(killPlan(platform, 4242, signal)).toEqual(step);
  });
});

describe('paths on Windows', () => {
  it.each([
    ['C:\\Users\\imega\\backtest', 'C:\\Users\\imega\\backtest\\logs\\main.log', true],
    ['C:\\Users\\imega\\backtest', 'c:\\users\\IMEGA\\Backtest\\config', true],
    ['C:\\Users\\imega\\backtest', 'C:\\Users\\imega\\backtest', true],
    ['C:\\Users\\imega\\backtest', 'C:\\Users\\imega\\backtest-old\\x', false],
    ['C:\\Users\\imega\\backtest', 'D:\\Users\\imega\\backtest\\x', false],
    ['C:\\Users\\imega\\backtest', 'C:\\Users\\imega\\backtest\\..\\secrets', false],
  ])('%s contains %s: %s', (root, path, inside) => {
    expect(insideRoot('win32', root, path)).toBe(inside);
  });

  it('stays case-sensitive on Linux', () => {
    expect(insideRoot('linux', '/srv/backtest', '/srv/Backtest/x')).toBe(false);
    expect(insideRoot('linux', '/srv/backtest', '/srv/backtest/x')).toBe(true);
  });

  it('builds helper argv with Windows paths and finds Python as py first', () => {
    const argv = buildArgv({ kind: 'argv', argv: ['{python}', '{helper:klaxon_guard}', '-c', 'print(1)'] }, {}, 'py', 'C:\\klaxon\\host');
    expect(argv[0]).toBe('py');
    expect(argv[1]?.replace(/\//g, '\\')).toBe('C:\\klaxon\\host\\klaxon_guard.py');
    expect(pythonCandidates('win32')[0]).toBe('py');
    expect(pythonCandidates('linux')[0]).toBe('python3');
  });

  it('passes SYSTEMROOT on Windows, whatever its case, and a Windows PATH default', () => {
    expect(minimalEnv({ SystemRoot: 'C:\\Windows' }, 'win32')).toMatchObject({ SYSTEMROOT: 'C:\\Windows', PATH: 'C:\\Windows\\System32' });
    expect(minimalEnv({ SystemRoot: 'C:\\Windows' }, 'linux')).not.toHaveProperty('SYSTEMROOT');
  });
});
