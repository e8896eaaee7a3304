import { describe, it, expect } from 'vitest';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCommand } from '../../../../commands/index.js';
import type { CommandSpec } from '../../../../src/domain/catalogue.js';
import { runCommand } from '../../../../src/worker/run/run-command.js';
import { context, demoHost, tempDir } from '../fixtures.js';

const cleanup = findCommand('cleanup.temp-and-cache');
if (!cleanup) throw new Error('cleanup.temp-and-cache missing');

describe('clean-temp', () => {
  it('counts, reports, then deletes the contents of cache/ and data_cache/ only', async () => {
    const root = await demoHost('clean');
    const outside = await tempDir('clean-outside');
    await writeFile(join(outside, 'keep.txt'), 'keep');
    await mkdir(join(root, 'cache/nested'));
    await writeFile(join(root, 'cache/nested/a.bin'), Buffer.alloc(1000));
    await symlink(outside, join(root, 'cache/link-out'));
    const result = await runCommand(cleanup, {}, context(root));
    expect(result.outcome).toBe('succeeded');
    expect(result.output).toContain('cache/: 2 file(s), 1044 bytes, 1 link(s)');
    expect(result.output).toContain('data_cache/: deleted 2 file(s), 9364 bytes');
    expect(await readdir(join(root, 'cache'))).toEqual([]);
    expect(await readdir(join(root, 'data_cache'))).toEqual([]);
    expect(await readFile(join(outside, 'keep.txt'), 'utf8')).toBe('keep');
    expect(await readdir(join(root, 'config'))).toContain('optimized_parameters.py');
  });

  it('refuses to delete anywhere else, whatever the spec says', async () => {
    const root = await demoHost('clean-refuse');
    const spec: CommandSpec = { ...cleanup, id: 'test.bad-clean', action: { kind: 'builtin', builtin: 'clean-temp', options: { dirs: ['logs'] } } };
    const result = await runCommand(spec, {}, context(root));
    expect(result.outcome).toBe('failed');
    expect(result.output).toContain('may not delete inside logs/');
    expect(await readdir(join(root, 'logs'))).toEqual(expect.arrayContaining(['main.log', 'errors.log']));
  });
});
