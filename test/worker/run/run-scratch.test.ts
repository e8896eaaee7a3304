// A run's own temporary folder, and what a starting worker removes of the folders killed workers left.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processAlive, sweepLeftScratch, withScratch } from '../../../src/worker/run/run-scratch.js';
import { tempDir } from './fixtures.js';

describe('withScratch', () => {
  it('hands the run a fresh folder as TMPDIR, TEMP and TMP, named after the worker, and removes it even when the run throws', async () => {
    let seen = '';
    await expect(
      withScratch({ PATH: '/bin' }, async (env) => {
        seen = env['TMPDIR'] ?? '';
        expect(env).toMatchObject({ PATH: '/bin', TEMP: seen, TMP: seen });
        expect((await stat(seen)).isDirectory()).toBe(true);
        throw new Error('the run failed');
      }),
    ).rejects.toThrow('the run failed');
    expect(seen).toMatch(new RegExp(`klaxon-run-${process.pid}-[^/]+$`));
    await expect(stat(seen)).rejects.toThrow(/ENOENT/);
  });

  it('runs without one, and says why, when the temporary folder cannot take one (a full disk)', async () => {
    const file = join(await tempDir('not-a-folder'), 'file');
    await writeFile(file, '');
    const hostTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = join(file, 'tmp');
    try {
      const said: string[] = [];
      expect(await withScratch({ PATH: '/bin' }, async (env) => env, (why) => said.push(why))).toEqual({ PATH: '/bin' });
      expect(said).toEqual([`ENOTDIR in ${join(file, 'tmp')}`]);
    } finally {
      if (hostTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = hostTmp;
    }
  });
});

describe('sweepLeftScratch', () => {
  it("removes the folders of workers that are gone and leaves live workers' and everything else", async () => {
    const dir = await tempDir('sweep');
    const names = ['klaxon-run-111-a', 'klaxon-run-222-b', 'klaxon-run-x-c', 'klaxon-readonly-d', 'other'];
    for (const name of names) await mkdir(join(dir, name, 'inside'), { recursive: true });
    expect(await sweepLeftScratch(dir, (pid) => pid === 222)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['klaxon-readonly-d', 'klaxon-run-222-b', 'klaxon-run-x-c', 'other']);
  });

  it('answers 0 for a folder that is not there', async () => {
    expect(await sweepLeftScratch(join(await tempDir('sweep'), 'missing'))).toBe(0);
  });

  it('knows this process is alive', () => {
    expect(processAlive(process.pid)).toBe(true);
  });
});
