import { describe, it, expect, beforeAll } from 'vitest';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInside } from '../../../src/worker/run/safe-path.js';
import { tempDir } from './fixtures.js';

let root = '';
let outside = '';
beforeAll(async () => {
  root = await realpath(await tempDir('safe-root'));
  outside = await realpath(await tempDir('safe-outside'));
  await mkdir(join(root, 'logs'));
  await writeFile(join(outside, 'secret.txt'), 'no');
  await symlink(outside, join(root, 'logs', 'escape'));
  await symlink(join(root, 'logs'), join(root, 'inner-link'));
});

describe('resolveInside', () => {
  it.each([
    ['logs', true],
    ['logs/new/file.log', true],
    ['inner-link/x.log', true],
    ['.', true],
    ['../x', false],
    ['logs/../../x', false],
    ['/etc/passwd', false],
    ['logs/escape/secret.txt', false],
    ['logs/escape/not-yet/file', false],
  ])('%s → inside: %s', async (path, inside) => {
    const result = await resolveInside(root, path);
    expect(result.ok).toBe(inside);
    if (result.ok) expect(result.value.startsWith(root)).toBe(true);
  });
});
