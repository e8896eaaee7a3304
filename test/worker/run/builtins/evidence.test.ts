// The two evidence builtins: the emergency log bundle (§3.1-2) and read-only evidence (§4.3-2).
import { describe, it, expect } from 'vitest';
import { execa } from 'execa';
import { readFile, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { findCommand } from '../../../../commands/index.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, demoHost } from '../fixtures.js';

const spec = (id: string) => {
  const found = findCommand(id);
  if (!found) throw new Error(`${id} missing`);
  return found;
};

describe('log-bundle', () => {
  it('writes main.log, errors.log, the last 100 lines and a manifest that sha256sum accepts', async () => {
    const root = await demoHost('bundle');
    const at = new Date(2026, 0, 15, 9, 30, 5).getTime();
    const result = await runCommand(spec('logs.collect'), {}, context(root, { now: () => at }));
    expect(result.outcome).toBe('succeeded');
    expect(result.files.map((f) => f.path)).toEqual([
      'incident_logs/20260115_093005/main.log',
      'incident_logs/20260115_093005/errors.log',
      'incident_logs/20260115_093005/structured.log',
      'incident_logs/20260115_093005/main_recent.log',
      'incident_logs/20260115_093005/manifest.sha256',
    ]);
    const dir = join(root, 'incident_logs/20260115_093005');
    expect(await readFile(join(dir, 'main_recent.log'), 'utf8')).toBe(await readFile(join(root, 'logs/main.log'), 'utf8'));
    const check = await execa('sha256sum', ['-c', 'manifest.sha256'], { cwd: dir });
    expect(check.stdout.split('\n')).toHaveLength(4);
    const second = await runCommand(spec('logs.collect'), {}, context(root, { now: () => at }));
    expect(second.files[0]?.path).toBe('incident_logs/20260115_093005_2/main.log');
  });

  it('keeps only the last 100 lines in main_recent.log', async () => {
    const root = await demoHost('bundle-long');
    const lines = Array.from({ length: 250 }, (_, i) => `2026-01-15 10:00:00,000 - main - INFO - line ${i}`);
    await execa('python3', ['-c', `open('logs/main.log','w').write(${JSON.stringify(lines.join('\n') + '\n')})`], { cwd: root });
    const result = await runCommand(spec('logs.collect'), {}, context(root));
    const recent = result.files.find((f) => f.path.endsWith('main_recent.log'))?.path ?? '';
    const text = await readFile(join(root, recent), 'utf8');
    expect(text.split('\n').filter(Boolean)).toEqual(lines.slice(150));
  });
});

describe('preserve-evidence', () => {
  it('copies logs/ read-only under security_incident/<ts>/ with a manifest and leaves links alone', async () => {
    const root = await demoHost('evidence');
    await symlink('/etc/hostname', join(root, 'logs/planted.log'));
    const result = await runCommand(spec('logs.preserve-evidence'), {}, context(root));
    expect(result.outcome).toBe('succeeded');
    expect(result.output).toContain('not copied (symbolic link): logs/planted.log');
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^security_incident\/\d{8}_\d{6}\/logs\/main\.log$/)]));
    expect(paths.some((p) => p.includes('planted'))).toBe(false);
    for (const path of paths) expect((await stat(join(root, path))).mode & 0o777).toBe(0o444);
    const manifest = paths.find((p) => p.endsWith('manifest.sha256')) ?? '';
    await expect(execa('sha256sum', ['-c', 'manifest.sha256'], { cwd: dirname(join(root, manifest)) })).resolves.toMatchObject({ exitCode: 0 });
  });
});

describe('log-search and log-tail', () => {
  it('finds today’s errors in the host time zone only', async () => {
    const root = await demoHost('search');
    const result = await runCommand(spec('logs.todays-errors'), { last: '2' }, context(root));
    const matches = result.output.split('\n').filter((line) => /^(logs|output)\//.test(line));
    expect(matches).toHaveLength(2);
    const tomorrow = await runCommand(spec('logs.todays-errors'), {}, context(root, { now: () => Date.now() + 86_400_000 }));
    expect(tomorrow.output).toMatch(/^No line matches \/ERROR\//);
  });

  it('refuses a log path that leaves the root through a link', async () => {
    const root = await demoHost('tail-link');
    const tail = spec('logs.tail-errors');
    await execa('rm', [join(root, 'logs/errors.log')]);
    await symlink('/etc/passwd', join(root, 'logs/errors.log'));
    const result = await runCommand(tail, {}, context(root));
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('leaves BACKTEST_ROOT through a symbolic link');
    expect(result.output).not.toContain('root:');
  });
});
