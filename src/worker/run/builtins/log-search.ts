// Select-String -Path "logs/*.log" -Pattern "CRITICAL|ERROR" | Select-Object -Last N, and the
// "ERROR.*<today>" variant: lines matching the pattern that carry today's date (host time zone).
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Builtin } from '../builtin.js';
import { optionFlag, optionString, paramInt } from '../builtin.js';
import { resolveInside } from '../safe-path.js';
import { logDate } from '../stamp.js';

// Prints the last N matching lines across the folder's log files as `file:line:text`.
export const logSearch: Builtin = async ({ root, options, params, now, print, signal }) => {
  const dirName = optionString(options, 'dir');
  const suffix = optionString(options, 'suffix', '.log');
  const pattern = new RegExp(optionString(options, 'pattern'));
  const today = optionFlag(options, 'today') ? logDate(now()) : undefined;
  const last = paramInt(params, 'last', 10);
  const dir = await resolveInside(root, dirName);
  const names = dir.ok ? await readdir(dir.value).catch(() => undefined) : undefined;
  if (!dir.ok || names === undefined) {
    print(`${dirName}/: cannot be read`);
    return { exitCode: 1 };
  }
  const matches: string[] = [];
  for (const name of names.filter((n) => n.endsWith(suffix)).sort()) {
    const file = await resolveInside(root, `${dirName}/${name}`);
    if (!file.ok || signal.aborted) continue;
    let lineNumber = 0;
    const lines = createInterface({ input: createReadStream(file.value), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber += 1;
      if (!pattern.test(line) || (today !== undefined && !line.includes(today))) continue;
      matches.push(`${dirName}/${name}:${lineNumber}:${line}`);
      if (matches.length > last) matches.shift();
    }
  }
  const what = today === undefined ? `/${pattern.source}/` : `/${pattern.source}/ on ${today}`;
  print(matches.length === 0 ? `No line matches ${what} in ${dirName}/*${suffix}.` : `Last ${matches.length} line(s) matching ${what}:`);
  for (const match of matches) print(match);
  return { exitCode: 0 };
};
