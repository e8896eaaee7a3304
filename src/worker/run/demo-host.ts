// The demo backtest host (examples/backtest-host) copied somewhere writable, with its fixed dates moved
// so the newest becomes "today": tests and the sandbox act on a copy, never on the example itself.
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, differenceInCalendarDays, format, parse } from 'date-fns';

const EXAMPLE = join('examples', 'backtest-host');
const LOG_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const BACKUP_DATE = /^\d{8}$/;

// The example folder, found by walking up from this module (works from src/ and from dist/src/).
export function demoHostSource(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, EXAMPLE);
    if (existsSync(join(candidate, 'main.py'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${EXAMPLE} not found above ${start}`);
  }
}

const shift = (date: Date, days: number): Date => addDays(date, days);

// Copies the demo host to `dest` (which must not exist or be empty) and rebases its dates on `now`.
export async function copyDemoHost(dest: string, options: { readonly now?: number; readonly source?: string } = {}): Promise<string> {
  const source = options.source ?? demoHostSource();
  await cp(source, dest, {
    recursive: true,
    filter: (path) => !path.includes('__pycache__'),
  });
  const today = new Date(options.now ?? Date.now());
  const logDir = join(dest, 'logs');
  const backupDir = join(dest, 'backup');
  const logs = (await readdir(logDir)).filter((name) => name.endsWith('.log'));
  const texts = await Promise.all(logs.map((name) => readFile(join(logDir, name), 'utf8')));
  const backups = (await readdir(backupDir)).filter((name) => BACKUP_DATE.test(name));
  const dates = [
    ...texts.flatMap((text) => [...text.matchAll(LOG_DATE)].map((m) => parse(m[0], 'yyyy-MM-dd', today))),
    ...backups.map((name) => parse(name, 'yyyyMMdd', today)),
  ].filter((date) => !Number.isNaN(date.getTime()));
  const newest = dates.reduce<Date | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const days = newest === undefined ? 0 : differenceInCalendarDays(today, newest);
  await Promise.all(
    logs.map((name, i) =>
      writeFile(
        join(logDir, name),
        (texts[i] ?? '').replace(LOG_DATE, (m) => format(shift(parse(m, 'yyyy-MM-dd', today), days), 'yyyy-MM-dd')),
      ),
    ),
  );
  for (const name of backups) await rename(join(backupDir, name), join(backupDir, `.shift-${name}`));
  for (const name of backups) {
    const date = shift(parse(name, 'yyyyMMdd', today), days);
    const target = join(backupDir, format(date, 'yyyyMMdd'));
    await rename(join(backupDir, `.shift-${name}`), target);
    const noon = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12);
    await utimes(target, noon, noon);
  }
  return dest;
}
