import { describe, it, expect } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { copyDemoHost, demoHostSource } from '../../../src/worker/run/demo-host.js';
import { tempDir } from './fixtures.js';

describe('copyDemoHost', () => {
  it.each([
    ['in the same year', new Date(2026, 10, 29, 15, 0).getTime(), ['20261128', '20261129'], '2026-11-29'],
    ['across a year end', new Date(2027, 0, 1, 0, 30).getTime(), ['20261231', '20270101'], '2027-01-01'],
    ['on the example’s own date', new Date(2026, 0, 15, 8, 0).getTime(), ['20260114', '20260115'], '2026-01-15'],
  ])('moves the newest date to today %s', async (_name, now, backups, today) => {
    const root = await copyDemoHost(join(await tempDir('demo'), 'host'), { now });
    expect((await readdir(join(root, 'backup'))).sort()).toEqual(backups);
    const errors = await readFile(join(root, 'logs/errors.log'), 'utf8');
    expect(errors).toContain(`${today} 09:00:05,101 - main - ERROR`);
    expect(errors.match(/^\d{4}-\d{2}-\d{2}/gm)?.sort().at(-1)).toBe(today);
    const newest = await stat(join(root, 'backup', backups[1] ?? ''));
    const older = await stat(join(root, 'backup', backups[0] ?? ''));
    expect(newest.mtimeMs).toBeGreaterThan(older.mtimeMs);
  });

  it('leaves the example itself untouched', async () => {
    await copyDemoHost(join(await tempDir('demo-src'), 'host'), { now: new Date(2030, 5, 1).getTime() });
    expect((await readdir(join(demoHostSource(), 'backup'))).sort()).toEqual(['20260114', '20260115']);
    expect(await readFile(join(demoHostSource(), 'logs/errors.log'), 'utf8')).toContain('2026-01-15');
  });
});
