// Select-String -Path "logs/*.log" -Pattern "CRITICAL|ERROR" | Select-Object -Last N, and the
// "ERROR.*<today>" variant: lines matching the pattern that carry today's date (host time zone). The
// real system logs into subfolders too (logs/dssms/, output/dssms_integration/<run>/), so with
// `recursive` the search descends.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Builtin } from '../builtin.js';
import { optionFlag, optionString, optionStrings, paramInt } from '../builtin.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { logDate } from '../stamp.js';
import { walkFiles } from '../walk-files.js';

async function logFiles(dir: string, suffix: string, recursive: boolean): Promise<string[] | undefined> {
  if (recursive) return (await walkFiles(dir).catch(() => undefined))?.files.map((f) => f.path).filter((p) => p.endsWith(suffix));
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  return entries?.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => `${dir}/${e.name}`);
}

// Prints the last N matching lines across the folders' log files as `file:line:text`.
export const logSearch: Builtin = async ({ root, options, params, now, print, signal }) => {
  const dirNames = options['dirs'] === undefined ? [optionString(options, 'dir')] : optionStrings(options, 'dirs');
  const suffix = optionString(options, 'suffix', '.log');
  const pattern = new RegExp(optionString(options, 'pattern'));
  const recursive = optionFlag(options, 'recursive');
  const today = optionFlag(options, 'today') ? logDate(now()) : undefined;
  const last = paramInt(params, 'last', 10);
  const matches: string[] = [];
  let readable = 0;
  for (const dirName of dirNames) {
    const dir = await resolveInside(root, dirName);
    const files = dir.ok ? await logFiles(dir.value, suffix, recursive) : undefined;
    if (files === undefined) {
      print(`${dirName}/: not present`);
      continue;
    }
    readable += 1;
    for (const path of files.sort()) {
      const file = await resolveInside(root, toRootRelative(root, path));
      if (!file.ok || signal.aborted) continue;
      const shown = toRootRelative(root, file.value);
      let lineNumber = 0;
      const lines = createInterface({ input: createReadStream(file.value), crlfDelay: Infinity });
      for await (const line of lines) {
        lineNumber += 1;
        if (!pattern.test(line) || (today !== undefined && !line.includes(today))) continue;
        matches.push(`${shown}:${lineNumber}:${line}`);
        if (matches.length > last) matches.shift();
      }
    }
  }
  if (readable === 0) return { exitCode: 1 };
  const what = today === undefined ? `/${pattern.source}/` : `/${pattern.source}/ on ${today}`;
  const where = dirNames.map((d) => `${d}/${recursive ? '**/' : ''}*${suffix}`).join(', ');
  print(matches.length === 0 ? `No line matches ${what} in ${where}.` : `Last ${matches.length} line(s) matching ${what}:`);
  for (const match of matches) print(match);
  return { exitCode: 0 };
};
