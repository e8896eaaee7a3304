import { describe, it, expect } from 'vitest';
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCommand } from '../../../../commands/index.js';
import type { CommandSpec } from '../../../../src/domain/catalogue.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, demoHost } from '../fixtures.js';

const restore = findCommand('config.restore');
if (!restore) throw new Error('config.restore missing');

// The runbook's own layout, backup/<yyyyMMdd>/config/, which the builtin still supports.
const dated: CommandSpec = { ...restore, id: 'test.dated-restore', params: { backup: { kind: 'pattern', pattern: '^(latest|[0-9]{8})$', maxLength: 8 } }, action: { kind: 'builtin', builtin: 'restore-config', options: { backups: 'backup', config: 'config' } } };

describe('restore-config', () => {
  it('snapshots first, restores config_backup/ over the current files and keeps the rest of config/', async () => {
    const root = await demoHost('restore');
    await writeFile(join(root, 'config/optimized_parameters.py'), 'corrupted!!');
    const result = await runCommand(restore, {}, context(root));
    expect(result.outcome, result.output).toBe('succeeded');
    expect(result.output).toContain('from config_backup/ into config/');
    const snapshot = (await readdir(join(root, 'backups'))).find((b) => b.startsWith('pre-restore-')) ?? '';
    expect(await readFile(join(root, 'backups', snapshot, 'config/optimized_parameters.py'), 'utf8')).toBe('corrupted!!');
    expect(await readFile(join(root, 'config/optimized_parameters.py'), 'utf8')).toContain('class OptimizedParameterManager');
    expect(await readdir(join(root, 'config'))).toEqual(expect.arrayContaining(['basic_system_test.py', 'multi_strategy_coordination_interface.py']));
    expect((await readdir(root)).filter((name) => name.startsWith('.config-'))).toEqual([]);
    expect(result.files.map((f) => f.path)).toContain('config/optimized_parameters.py');
  });

  it('with dated backups: restores a named one, refuses one that does not exist, never picks a pre-restore snapshot', async () => {
    const root = await demoHost('restore-named');
    for (const day of ['20260114', '20260115']) await cp(join(root, 'config_backup'), join(root, 'backup', day, 'config'), { recursive: true });
    await writeFile(join(root, 'backup/20260114/config/marker.txt'), 'older');
    expect((await runCommand(dated, { backup: '20260114' }, context(root))).outcome).toBe('succeeded');
    expect(await readFile(join(root, 'config/marker.txt'), 'utf8')).toBe('older');
    const missing = await runCommand(dated, { backup: '19990101' }, context(root));
    expect(missing).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(missing.output).toContain('No backup backup/19990101');
    const again = await runCommand(dated, { backup: 'latest' }, context(root));
    expect(again.output).toMatch(/from backup\/20260115\/config\//);
  });

  it('does not copy a symbolic link out of a backup', async () => {
    const root = await demoHost('restore-link');
    await symlink('/etc/hostname', join(root, 'config_backup', 'planted.py'));
    const result = await runCommand(restore, {}, context(root));
    expect(result.outcome).toBe('succeeded');
    expect(await readdir(join(root, 'config'))).not.toContain('planted.py');
  });

  it('fails cleanly when there is no backup at all', async () => {
    const root = await demoHost('restore-none');
    await mkdir(join(root, 'empty-backups'));
    const spec = { ...dated, action: { kind: 'builtin', builtin: 'restore-config', options: { backups: 'empty-backups', config: 'config' } } } as const;
    const result = await runCommand(spec, { backup: 'latest' }, context(root));
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(result.output).toContain('No dated backup');
  });
});
