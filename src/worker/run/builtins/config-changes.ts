// Get-ChildItem config/ -Recurse | Select-Object FullName, LastWriteTime | Sort-Object LastWriteTime -Descending.
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { walkFiles } from '../walk-files.js';

// Lists every file under the folder, newest write first.
export const configChanges: Builtin = async ({ root, options, print }) => {
  const dirName = optionString(options, 'dir');
  const dir = await resolveInside(root, dirName);
  const walk = dir.ok ? await walkFiles(dir.value).catch(() => undefined) : undefined;
  if (walk === undefined) {
    print(`${dirName}/: cannot be read`);
    return { exitCode: 1 };
  }
  const files = [...walk.files].sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  print(`LastWriteTime (UTC)\tLength\tPath   (${files.length} files under ${dirName}/, newest first)`);
  for (const file of files) print(`${new Date(file.mtimeMs).toISOString()}\t${file.bytes}\t${toRootRelative(root, file.path)}`);
  for (const link of walk.links) print(`(symbolic link) ${toRootRelative(root, link)}`);
  return { exitCode: 0 };
};
