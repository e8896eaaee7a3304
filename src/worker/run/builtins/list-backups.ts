// Get-ChildItem backup/ | Sort-Object LastWriteTime -Descending | Select-Object -First 3.
import type { Builtin } from '../builtin.js';
import { optionNumber, optionString } from '../builtin.js';
import { listBackups } from '../backups.js';
import { resolveInside } from '../safe-path.js';

// Prints the newest backups by last write.
export const listBackupsBuiltin: Builtin = async ({ root, options, print }) => {
  const dirName = optionString(options, 'dir');
  const dir = await resolveInside(root, dirName);
  const backups = dir.ok ? await listBackups(dir.value).catch(() => undefined) : undefined;
  if (backups === undefined) {
    print(`${dirName}/: cannot be read`);
    return { exitCode: 1 };
  }
  const top = backups.slice(0, optionNumber(options, 'top', 3));
  if (top.length === 0) {
    print(`No backup in ${dirName}/.`);
    return { exitCode: 0 };
  }
  print(`LastWriteTime (UTC)\tName   (newest ${top.length} of ${backups.length})`);
  for (const backup of top) print(`${new Date(backup.mtimeMs).toISOString()}\t${dirName}/${backup.name}`);
  return { exitCode: 0 };
};
