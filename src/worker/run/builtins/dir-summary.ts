// Get-ChildItem <dir> -Recurse | Measure-Object Length -Sum: files, bytes, oldest and newest write of each
// folder (the data caches), so an operator sees what a clean-up would delete before running it.
import type { Builtin } from '../builtin.js';
import { optionStrings } from '../builtin.js';
import { resolveInside } from '../safe-path.js';
import { walkFiles } from '../walk-files.js';

const when = (ms: number): string => new Date(ms).toISOString();

// One line per folder; a folder that does not exist is reported as such.
export const dirSummary: Builtin = async ({ root, options, print }) => {
  for (const dirName of optionStrings(options, 'dirs')) {
    const dir = await resolveInside(root, dirName);
    const walk = dir.ok ? await walkFiles(dir.value).catch(() => undefined) : undefined;
    if (walk === undefined) {
      print(`${dirName}/: not present`);
      continue;
    }
    const bytes = walk.files.reduce((sum, f) => sum + f.bytes, 0);
    const times = walk.files.map((f) => f.mtimeMs);
    const range = times.length === 0 ? '' : `, oldest ${when(Math.min(...times))}, newest ${when(Math.max(...times))}`;
    print(`${dirName}/: ${walk.files.length} file(s), ${bytes} bytes${range}`);
  }
  return { exitCode: 0 };
};
