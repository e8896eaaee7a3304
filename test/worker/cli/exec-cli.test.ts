import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execCli, parseExecArgs } from '../../../src/worker/cli/exec-cli.js';
import { demoHost, PYTHON } from '../run/fixtures.js';

const collect = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
};

let root = '';
beforeAll(async () => {
  root = await demoHost('exec-cli');
});

const options = () => ({ root, python: PYTHON, hostEnv: process.env });

describe('klaxon exec', () => {
  it('runs a command and prints exit code, duration, output and files', async () => {
    const { out, io } = collect();
    expect(await execCli(['logs.collect'], io, options())).toBe(0);
    expect(out.stdout).toMatch(/^command: {2}logs\.collect\noutcome: {2}succeeded\nexit: {5}0\nduration: \d+ ms\n/);
    expect(out.stdout).toMatch(/file: {5}incident_logs\/\d{8}_\d{6}\/manifest\.sha256 \(\d+ bytes, sha256 [0-9a-f]{64}\)/);
  });

  it('passes parameters and prints JSON with --json', async () => {
    const { out, io } = collect();
    expect(await execCli(['logs.tail-errors', '--param', 'lines=3', '--json'], io, options())).toBe(0);
    const result = JSON.parse(out.stdout) as { outcome: string; output: string; exitCode: number };
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0 });
    expect(result.output).toContain('==> logs/main.log (last 3 lines) <==');
  });

  it.each([
    [['nope.nothing'], 'refused: unknown command "nope.nothing"'],
    [['logs.tail-errors', '--param', 'lines=3; touch pwned'], 'refused: parameter "lines" must be a whole number'],
    [['logs.tail-errors', '--param', 'threads=2'], 'refused: unexpected parameter "threads"'],
    [['logs.tail-errors', '--param', 'lines'], '--param needs k=v'],
    [['logs.tail-errors', '--param=lines=2', '--param', 'lines=3'], 'given twice'],
    [[], 'usage: klaxon exec'],
    [['a', 'b'], "unexpected argument 'b'"],
    [['logs.tail-errors', '--force'], "unknown option '--force'"],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { out, io } = collect();
    expect(await execCli(args, io, options())).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stdout).toBe('');
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it('refuses without BACKTEST_ROOT', async () => {
    const { out, io } = collect();
    expect(await execCli(['perf.gc'], io, { root: undefined, python: PYTHON })).toBe(2);
    expect(out.stderr).toBe('klaxon exec: BACKTEST_ROOT is not set\n');
  });

  it('exits 1 when the command fails', async () => {
    const { out, io } = collect();
    expect(await execCli(['data.fetch-test'], io, options())).toBe(1);
    expect(out.stdout).toContain('outcome:  failed');
  });

  it('parses --param forms', () => {
    expect(parseExecArgs(['x.y', '-p', 'a=1=2', '--param=b=', '--json'])).toEqual({ ok: true, value: { commandId: 'x.y', params: { a: '1=2', b: '' }, json: true } });
  });
});
