import { describe, it, expect } from 'vitest';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCommand } from '../../../../commands/index.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, demoHost } from '../fixtures.js';

const restore = findCommand('config.restore');
if (!restore) throw new Error('config.restore missing');

describe('restore-config', () => {
  it('snapshots first, restores today’s backup over the current files and keeps the rest of config/', async () => {
    const root = await demoHost('restore');
    await writeFile(join(root, 'config/optimized_parameters.py'), 'corrupted!!');
    const result = await runCommand(restore, { backup: 'latest' }, context(root));
    expect(result.outcome, result.output).toBe('succeeded');
    const backups = await readdir(join(root, 'backup'));
    const today = backups.filter((b) => /^\d{8}$/.test(b)).sort().at(-1) ?? '';
    expect(result.output).toContain(`from backup/${today}/config/`);
    const snapshot = backups.find((b) => b.startsWith('pre-restore-')) ?? '';
    expect(await readFile(join(root, 'backup', snapshot, 'config/optimized_parameters.py'), 'utf8')).toBe('corrupted!!');
    expect(await readFile(join(root, 'config/optimized_parameters.py'), 'utf8')).toContain('class OptimizedParameterManager');
    expect(await readdir(join(root, 'config'))).toEqual(expect.arrayContaining(['basic_system_test.py', 'data_cache', 'cache_manager.py']));
    expect((await readdir(root)).filter((name) => name.startsWith('.config-'))).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual(['config/backtest_config.xlsm', 'config/optimized_parameters.py']);
  });

  it('restores a named backup, refuses one that does not exist, and never picks a pre-restore snapshot', async () => {
    const root = await demoHost('restore-named');
    const dated = (await readdir(join(root, 'backup'))).sort();
    const older = dated[0] ?? '';
    await writeFile(join(root, 'backup', older, 'config', 'marker.txt'), 'older');
    expect((await runCommand(restore, { backup: older }, context(root))).outcome).toBe('succeeded');
    expect(await readFile(join(root, 'config/marker.txt'), 'utf8')).toBe('older');
    const missing = await runCommand(restore, { backup: '19990101' }, context(root));
    expect(missing).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(missing.output).toContain('No backup backup/19990101');
    const again = await runCommand(restore, { backup: 'latest' }, context(root));
    expect(again.output).toMatch(/from backup\/\d{8}\/config\//);
  });

  it('does not copy a symbolic link out of a backup', async () => {
    const root = await demoHost('restore-link');
    const newest = (await readdir(join(root, 'backup'))).sort().at(-1) ?? '';
    await symlink('/etc/hostname', join(root, 'backup', newest, 'config', 'planted.py'));
    const result = await runCommand(restore, { backup: newest }, context(root));
    expect(result.outcome).toBe('succeeded');
    expect(await readdir(join(root, 'config'))).not.toContain('planted.py');
  });

  it('fails cleanly when there is no backup at all', async () => {
    const root = await demoHost('restore-none');
    await mkdir(join(root, 'empty-backups'));
    const spec = { ...restore, action: { kind: 'builtin', builtin: 'restore-config', options: { backups: 'empty-backups', config: 'config' } } } as const;
    const result = await runCommand(spec, { backup: 'latest' }, context(root));
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(result.output).toContain('No dated backup');
  });
});
