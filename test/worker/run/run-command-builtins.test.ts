// Builtins under the runner: same result shape, same timeout and cancel treatment as a process.
import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import type { CommandSpec } from '../../../src/domain/catalogue.js';
import { runCommand } from '../../../src/worker/run/run-command.js';
import { context, demoHost, PYTHON } from './fixtures.js';

const stopSpec = (timeoutMs: number): CommandSpec => ({
  id: 'test.slow-stop',
  title: { en: 'slow', ja: '遅い' },
  runbook: [],
  risk: 'read-only',
  timeoutMs,
  outputCapBytes: 4096,
  action: { kind: 'builtin', builtin: 'log-tail', options: { path: 'logs/main.log' } },
});

describe('builtins under the runner', () => {
  it('returns the same result shape as a process run', async () => {
    const root = await demoHost('builtin-shape');
    const result = await runCommand(stopSpec(5000), { lines: '2' }, context(root));
    const keys = ['commandId', 'durationMs', 'exitCode', 'files', 'outcome', 'output', 'outputBytes', 'outputDigest', 'truncatedBytes'];
    expect(Object.keys(result).sort()).toEqual(keys);
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    expect(result.output.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('reports an unknown builtin as failed rather than crashing', async () => {
    const root = await demoHost('builtin-unknown');
    const spec: CommandSpec = { ...stopSpec(1000), action: { kind: 'builtin', builtin: 'file-info', options: { paths: 'not-a-list' } } };
    const result = await runCommand(spec, {}, context(root));
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('must be a list of strings');
  });

  it('times out a builtin that takes too long', async () => {
    const root = await demoHost('builtin-timeout');
    const stubborn = execa(PYTHON, ['-c', "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(30)"], { cwd: root, reject: false });
    // Only once it ignores SIGTERM is there something for the builtin to wait on (a fixed sleep raced it).
    await new Promise((resolve) => stubborn.stdout?.once('data', resolve));
    const spec: CommandSpec = { ...stopSpec(500), action: { kind: 'builtin', builtin: 'stop-processes', options: { name: 'python', graceMs: 10_000 } } };
    const result = await runCommand(spec, {}, context(root));
    expect(result).toMatchObject({ outcome: 'timed_out', exitCode: null });
    // The run ended at its own timeout, not after the builtin's 10 s grace (which ends in SIGKILL).
    expect(stubborn.exitCode).toBeNull();
    expect(result.output).toContain(`SIGTERM sent to pid ${stubborn.pid}`);
    stubborn.kill('SIGKILL');
    await stubborn;
  });

  it('is canceled by the signal', async () => {
    const root = await demoHost('builtin-cancel');
    const controller = new AbortController();
    controller.abort();
    const result = await runCommand(stopSpec(5000), {}, context(root, { signal: controller.signal }));
    expect(result.outcome).toBe('canceled');
  });
});
