import { describe, it, expect, beforeAll } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { runCommand } from '../../../src/worker/run/run-command.js';
import { execa } from 'execa';
import { context, demoHost, PYTHON, pythonSpec, tempDir } from './fixtures.js';

let root = '';
beforeAll(async () => {
  root = await demoHost('runner');
});

async function groupMembers(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(join('/proc', entry, 'stat'), 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

const STUBBORN = [
  'import os, signal, subprocess, sys, time',
  'signal.signal(signal.SIGTERM, signal.SIG_IGN)',
  "child = subprocess.Popen([sys.executable, '-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'])",
  "print(f'leader {os.getpid()} child {child.pid}', flush=True)",
  'time.sleep(600)',
].join('\n');

describe('runCommand with a process', () => {
  it('reports exit code, duration and output of a normal run', async () => {
    const result = await runCommand(pythonSpec('t.ok', "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"), {}, context(root));
    expect(result).toMatchObject({ commandId: 't.ok', outcome: 'failed', exitCode: 3, truncatedBytes: 0, files: [] });
    expect(result.output).toContain('out\n');
    expect(result.output).toContain('err\n');
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.outputDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('kills the whole process group at the timeout, children that ignore SIGTERM included', async () => {
    // Not read-only (it starts processes), so the read-only guard's start-up is not part of what is timed.
    // The timeout leaves a loaded machine time to start Python and install its SIGTERM handler: killed
    // earlier, the leader would die of the SIGTERM and the test would not be about stubborn processes.
    const spec = pythonSpec('t.stubborn', STUBBORN, { timeoutMs: 8000, risk: 'mutating' });
    const result = await runCommand(spec, {}, context(root, { killGraceMs: 500 }));
    expect(result.outcome).toBe('timed_out');
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGKILL');
    const [, leader, child] = /leader (\d+) child (\d+)/.exec(result.output) ?? [];
    expect(leader).toBeDefined();
    await sleep(200);
    expect(await groupMembers(Number(leader))).toEqual([]);
    expect(await readFile(`/proc/${child}/stat`, 'utf8').then((s) => s.includes(') Z '), () => true)).toBe(true);
  });

  it('cancels on abort and kills the group', async () => {
    const controller = new AbortController();
    const running = runCommand(pythonSpec('t.cancel', STUBBORN, { timeoutMs: 60_000 }), {}, context(root, { signal: controller.signal, killGraceMs: 300 }));
    await sleep(800);
    controller.abort();
    const result = await running;
    expect(result.outcome).toBe('canceled');
    const leader = /leader (\d+)/.exec(result.output)?.[1];
    await sleep(200);
    expect(await groupMembers(Number(leader))).toEqual([]);
  });

  it('does not start at all when already canceled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runCommand(pythonSpec('t.pre', "open('started', 'w')"), {}, context(root, { signal: controller.signal }));
    expect(result.outcome).toBe('canceled');
    await expect(readFile(join(root, 'started'))).rejects.toThrow();
  });

  it('passes only a minimal environment: no Redis or Slack secrets', async () => {
    const hostEnv = { ...process.env, REDIS_URL: 'redis://:pw@127.0.0.1:1', SLACK_BOT_TOKEN: 'x', KLAXON_CANARY: 'leak' };
    // The real interpreter, not a shell-script shim that would add its own variables.
    const { stdout: python } = await execa(PYTHON, ['-c', 'import sys; print(sys.executable)']);
    const result = await runCommand(pythonSpec('t.env', 'import os; print(sorted(os.environ))'), {}, context(root, { hostEnv, python }));
    const names = JSON.parse(result.output.trim().replaceAll("'", '"')) as string[];
    expect(names).toEqual(expect.arrayContaining(['PATH', 'PYTHONIOENCODING', 'LANG']));
    // LC_CTYPE is set by Python itself.
    // MPLBACKEND and the temp-folder variables come from klaxon (the read-only guard points TMPDIR outside the tree).
    const allowed = ['MPLBACKEND', 'PYTHONDONTWRITEBYTECODE', 'TMPDIR', 'TEMP', 'TMP', 'HOME', 'LANG', 'LC_CTYPE', 'PATH', 'PYTHONIOENCODING', 'PYTHONUNBUFFERED', 'TZ'];
    for (const name of names) expect(allowed).toContain(name);
  });

  it("gives each run a temporary folder of its own and removes it when the run ends, a run killed at its timeout included", async () => {
    const base = await tempDir('host-tmp');
    const hostTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = base;
    try {
      const writes = "import sys, tempfile; f = tempfile.NamedTemporaryFile(delete=False); f.write(b'x'); f.close(); print(f.name, flush=True)";
      const done = await runCommand(pythonSpec('t.tmp', writes), {}, context(root));
      expect(done.outcome).toBe('succeeded');
      expect(done.output.trim().startsWith(join(base, 'klaxon-run-'))).toBe(true);
      const killed = await runCommand(pythonSpec('t.tmp-killed', `${writes}; import time; time.sleep(60)`, { timeoutMs: 1500 }), {}, context(root, { killGraceMs: 200 }));
      expect(killed.outcome).toBe('timed_out');
      expect(killed.output).toContain(join(base, 'klaxon-run-'));
      expect(await readdir(base)).toEqual([]);
      // A temporary folder that cannot take a folder (a full disk): the run still runs, and says so first.
      process.env['TMPDIR'] = join(root, 'main.py', 'tmp');
      const anyway = await runCommand(pythonSpec('t.tmp-full', "print('diagnosed')"), {}, context(root));
      expect([anyway.outcome, anyway.output.split('\n')[0]]).toEqual(['succeeded', expect.stringMatching(/^klaxon: no temporary folder of its own for this run \(ENOTDIR in .*\); it uses the host's$/)]);
      expect(anyway.output).toContain('diagnosed');
    } finally {
      if (hostTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = hostTmp;
    }
  });

  it('runs in BACKTEST_ROOT', async () => {
    const result = await runCommand(pythonSpec('t.cwd', 'import os; print(os.getcwd())'), {}, context(root));
    expect(result.output.trim()).toBe(root);
  });

  it('reports a program that cannot start as failed, with a reason', async () => {
    const result = await runCommand(pythonSpec('t.missing', 'pass'), {}, context(root, { python: 'klaxon-no-such-python' }));
    expect(result.outcome).toBe('failed');
    expect(result.exitCode).toBeNull();
    expect(result.output).toContain('could not start');
  });

  it('reports a missing BACKTEST_ROOT as failed', async () => {
    const result = await runCommand(pythonSpec('t.noroot', 'pass'), {}, context(join(await tempDir('gone'), 'nope')));
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('does not exist');
  });

  it('never lets canary secrets reach the result or the progress stream', async () => {
    const token = ['xo', 'xb-9999-8888-CanaryCanaryCanary'].join('');
    const code = [
      'import sys, time',
      `t = ${JSON.stringify(token)}`,
      "sys.stdout.write('half ' + t[:9]); sys.stdout.flush(); time.sleep(0.2)",
      "sys.stdout.write(t[9:] + ' end\\n')",
      "print('password=CanaryPw123 ok'); print('Authorization: Bearer CanaryBearer0123456789')",
      "print('-----BEGIN PRIVATE KEY-----'); print('CanaryKeyMaterial'); print('-----END PRIVATE KEY-----')",
      "print('redis://u:CanaryRedisPw@h:6379', file=sys.stderr)",
    ].join('\n');
    let streamed = '';
    const result = await runCommand(pythonSpec('t.secrets', code), {}, context(root, { onOutput: (chunk) => (streamed += chunk) }));
    expect(result.outcome).toBe('succeeded');
    for (const text of [result.output, streamed]) {
      for (const canary of [token, 'CanaryPw123', 'CanaryBearer0123456789', 'CanaryKeyMaterial', 'CanaryRedisPw', token.slice(9)]) {
        expect(text).not.toContain(canary);
      }
      expect(text).toContain('xoxb-[REDACTED] end');
    }
  });

  it('keeps 200 MB of output within the cap with flat memory', async () => {
    const code = "import sys\nline = b'x' * 1023 + b'\\n'\nw = sys.stdout.buffer.write\nfor _ in range(200 * 1024): w(line)";
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const result = await runCommand(pythonSpec('t.flood', code, { timeoutMs: 120_000, outputCapBytes: 64 * 1024 }), {}, context(root));
    clearInterval(timer);
    expect(result.outcome).toBe('succeeded');
    expect(result.outputBytes).toBe(200 * 1024 * 1024);
    expect(result.truncatedBytes).toBeGreaterThan(200 * 1024 * 1024 - 64 * 1024 - 1024);
    expect(Buffer.byteLength(result.output)).toBeLessThan(64 * 1024 + 100);
    expect(result.output).toMatch(/… \d+ bytes omitted …/);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
