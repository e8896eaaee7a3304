// Test-Path config/… and Get-ChildItem config/*.py | Select-Object Name, Length, LastWriteTime.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionString, optionStrings } from '../builtin.js';
import { digestFile } from '../file-digest.js';
import { resolveInside } from '../safe-path.js';

// Presence, size, last write and sha256 of the named files, then a listing of one folder by suffix.
export const fileInfo: Builtin = async ({ root, options, print }) => {
  let missing = 0;
  for (const relative of optionStrings(options, 'paths', [])) {
    const path = await resolveInside(root, relative);
    if (!path.ok) {
      print(`REFUSED  ${path.error}`);
      missing += 1;
      continue;
    }
    const stats = await stat(path.value).catch(() => undefined);
    if (!stats?.isFile()) {
      print(`MISSING  ${relative}`);
      missing += 1;
      continue;
    }
    const { sha256 } = await digestFile(path.value);
    print(`PRESENT  ${relative}  ${stats.size} bytes  ${stats.mtime.toISOString()}  sha256 ${sha256}`);
  }
  if (options['dir'] !== undefined) {
    const dirName = optionString(options, 'dir');
    const suffix = optionString(options, 'suffix', '');
    const dir = await resolveInside(root, dirName);
    const entries = dir.ok ? await readdir(dir.value, { withFileTypes: true }).catch(() => undefined) : undefined;
    if (!dir.ok || entries === undefined) {
      print(`${dirName}/: cannot be listed`);
      return { exitCode: 1 };
    }
    print('');
    print(`Name\tLength\tLastWriteTime   (${dirName}/*${suffix})`);
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).sort((a, b) => a.name.localeCompare(b.name))) {
      const stats = await stat(join(dir.value, entry.name));
      print(`${entry.name}\t${stats.size}\t${stats.mtime.toISOString()}`);
    }
  }
  return { exitCode: missing === 0 ? 0 : 1 };
};
