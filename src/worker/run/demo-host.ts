// The demo backtest host (examples/backtest-host) copied somewhere writable, with the dates in its logs
// moved so the newest becomes "today": tests and the sandbox act on a copy, never on the example itself.
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parse } from 'date-fns/parse';
import { walkFiles } from './walk-files.js';

const EXAMPLE = join('examples', 'backtest-host');
const LOG_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** Where the system writes logs: its log folder and its run folders. */
const LOG_DIRS = ['logs', join('output', 'dssms_integration')];

// The example folder, found by walking up from this module (works from src/ and from dist/src/).
export function demoHostSource(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, EXAMPLE);
    if (existsSync(join(candidate, 'src', 'dssms', 'dssms_integrated_main.py'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${EXAMPLE} not found above ${start}`);
  }
}

// Copies the demo host to `dest` (which must not exist or be empty) and rebases its log dates on `now`.
export async function copyDemoHost(dest: string, options: { readonly now?: number; readonly source?: string } = {}): Promise<string> {
  const source = options.source ?? demoHostSource();
  await cp(source, dest, {
    recursive: true,
    filter: (path) => !path.includes('__pycache__') && !path.includes('.pytest_cache'),
  });
  const today = new Date(options.now ?? Date.now());
  const logs = (await Promise.all(LOG_DIRS.map(async (dir) => (await walkFiles(join(dest, dir)).catch(() => undefined))?.files ?? [])))
    .flat()
    .map((file) => file.path)
    .filter((path) => path.endsWith('.log'));
  const texts = await Promise.all(logs.map((path) => readFile(path, 'utf8')));
  const dates = texts
    .flatMap((text) => [...text.matchAll(LOG_DATE)].map((m) => parse(m[0], 'yyyy-MM-dd', today)))
    .filter((date) => !Number.isNaN(date.getTime()));
  const newest = dates.reduce<Date | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  const days = newest === undefined ? 0 : differenceInCalendarDays(today, newest);
  await Promise.all(
    logs.map((path, i) =>
      writeFile(path, (texts[i] ?? '').replace(LOG_DATE, (m) => format(addDays(parse(m, 'yyyy-MM-dd', today), days), 'yyyy-MM-dd'))),
    ),
  );
  return dest;
}
