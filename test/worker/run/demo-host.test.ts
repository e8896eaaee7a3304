import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyDemoHost, demoHostSource } from '../../../src/worker/run/demo-host.js';
import { tempDir } from './fixtures.js';

const newestDate = (text: string): string | undefined => text.match(/\d{4}-\d{2}-\d{2}(?= \d{2}:)/g)?.sort().at(-1);

describe('copyDemoHost', () => {
  it.each([
    ['in the same year', new Date(2026, 10, 29, 15, 0).getTime(), '2026-11-29', '2026-11-28'],
    ['across a year end', new Date(2027, 0, 1, 0, 30).getTime(), '2027-01-01', '2026-12-31'],
    ['on the example’s own date', new Date(2026, 0, 15, 8, 0).getTime(), '2026-01-15', '2026-01-14'],
  ])('moves the newest log date to today %s, in logs/, its subfolders and the run folders', async (_name, now, today, yesterday) => {
    const root = await copyDemoHost(join(await tempDir('demo'), 'host'), { now });
    const main = await readFile(join(root, 'logs/main.log'), 'utf8');
    expect(newestDate(main)).toBe(today);
    expect(main).toContain(`${yesterday} 09:00:04,655 - data_fetcher - ERROR`);
    expect(newestDate(await readFile(join(root, 'logs/dssms/dssms_switch.log'), 'utf8'))).toBe(today);
    expect(newestDate(await readFile(join(root, 'output/dssms_integration/20260115_093000/dssms_execution.log'), 'utf8'))).toBe(today);
  });

  it('leaves the example itself untouched', async () => {
    await copyDemoHost(join(await tempDir('demo-src'), 'host'), { now: new Date(2030, 5, 1).getTime() });
    expect(newestDate(await readFile(join(demoHostSource(), 'logs/main.log'), 'utf8'))).toBe('2026-01-15');
  });
});
