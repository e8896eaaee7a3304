// Remove-Item temp/* (and the data cache) -Force — on the real system the caches cache/ and data_cache/: counts files and bytes first, reports them, then
// deletes the folders' contents (never the folders, never a symbolic link's target).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionStrings } from '../builtin.js';
import { resolveInside } from '../safe-path.js';
import { walkFiles } from '../walk-files.js';

/** The only folders whose contents may ever be deleted, whatever the catalogue says. */
export const DELETABLE_DIRS: readonly string[] = ['cache', 'data_cache'];

// Empties each listed folder.
export const cleanTemp: Builtin = async ({ root, options, print, signal }) => {
  let exitCode = 0;
  for (const dirName of optionStrings(options, 'dirs')) {
    if (!DELETABLE_DIRS.includes(dirName)) throw new Error(`clean-temp may not delete inside ${dirName}/`);
    const dir = await resolveInside(root, dirName);
    if (!dir.ok) {
      print(dir.error);
      exitCode = 1;
      continue;
    }
    const walk = await walkFiles(dir.value).catch(() => undefined);
    if (walk === undefined) {
      print(`${dirName}/: not found, nothing to delete`);
      continue;
    }
    const bytes = walk.files.reduce((sum, file) => sum + file.bytes, 0);
    print(`${dirName}/: ${walk.files.length} file(s), ${bytes} bytes${walk.links.length > 0 ? `, ${walk.links.length} link(s)` : ''}`);
    if (signal.aborted) break;
    for (const entry of await readdir(dir.value)) await rm(join(dir.value, entry), { recursive: true, force: true });
    print(`${dirName}/: deleted ${walk.files.length} file(s), ${bytes} bytes`);
  }
  return { exitCode };
};
