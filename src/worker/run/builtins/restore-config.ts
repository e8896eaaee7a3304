// Copy-Item "backup/<date>/config/" config/ -Recurse -Force, made safe: the current config is first
// snapshotted to <backups>/pre-restore-<ts>/config/, the restored tree is built in a temporary folder
// beside config/ (current files overlaid with the backup's), and swapped in with renames.
import { cp, lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { pickBackup } from '../backups.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { backupDate, folderStamp } from '../stamp.js';
import { createStampedDir } from '../stamped-dir.js';
import { digestFile } from '../file-digest.js';
import { walkFiles } from '../walk-files.js';

const exists = async (path: string): Promise<boolean> => (await stat(path).catch(() => undefined)) !== undefined;

// Symbolic links are never copied: one could point a restored file outside the root.
const noLinks = async (source: string): Promise<boolean> => !(await lstat(source)).isSymbolicLink();

// With options.source the backup is that one folder (the real system keeps its copy of config/ in
// config_backup/); otherwise a dated <backups>/<yyyyMMdd>/config/ chosen by the `backup` param.
async function backupSource(root: string, backupsName: string, configName: string, options: Parameters<Builtin>[0]['options'], wanted: string, today: string): Promise<{ source: string } | { error: string }> {
  if (options['source'] !== undefined) return { source: optionString(options, 'source') };
  const backups = await resolveInside(root, backupsName);
  if (!backups.ok) return { error: backups.error };
  const names = await readdir(backups.value).catch(() => [] as string[]);
  const chosen = pickBackup(names, wanted, today);
  if (chosen === undefined) return { error: wanted === 'latest' ? `No dated backup (yyyyMMdd) in ${backupsName}/.` : `No backup ${backupsName}/${wanted}.` };
  return { source: `${backupsName}/${chosen}/${configName}` };
}

// Restores config/ from a backup and reports the restored files.
export const restoreConfig: Builtin = async ({ root, options, params, now, print }) => {
  const backupsName = optionString(options, 'backups');
  const configName = optionString(options, 'config');
  const config = await resolveInside(root, configName);
  if (!config.ok) {
    print(config.error);
    return { exitCode: 1 };
  }
  const picked = await backupSource(root, backupsName, configName, options, params['backup'] ?? 'latest', backupDate(now()));
  if ('error' in picked) {
    print(picked.error);
    return { exitCode: 1 };
  }
  const sourceName = picked.source;
  const source = await resolveInside(root, sourceName);
  if (!source.ok || !(await exists(source.value))) {
    print(source.ok ? `${sourceName}/ does not exist.` : source.error);
    return { exitCode: 1 };
  }
  const hadConfig = await exists(config.value);
  let stamp = folderStamp(now());
  if (hadConfig) {
    const snapshot = await createStampedDir(root, backupsName, now(), 'pre-restore-');
    if (!snapshot.ok) {
      print(snapshot.error);
      return { exitCode: 1 };
    }
    stamp = basename(snapshot.value.path).replace('pre-restore-', '');
    await cp(config.value, join(snapshot.value.path, configName), { recursive: true, errorOnExist: true, force: false, filter: noLinks });
    print(`Snapshot of the current ${configName}/ saved to ${snapshot.value.relative}/${configName}/`);
  }
  // What each file was before, so the result names the files the restore really changed (a real
  // config_backup/ holds hundreds of files; most are usually identical).
  const previous = new Map<string, string>();
  if (hadConfig) for (const file of (await walkFiles(config.value)).files) previous.set(file.path, (await digestFile(file.path)).sha256);
  const staging = join(dirname(config.value), `.${configName}-restore-${stamp}`);
  const retired = join(dirname(config.value), `.${configName}-retired-${stamp}`);
  await rm(staging, { recursive: true, force: true });
  if (hadConfig) await cp(config.value, staging, { recursive: true, filter: noLinks });
  await cp(source.value, staging, { recursive: true, force: true, filter: noLinks });
  if (hadConfig) await rename(config.value, retired);
  try {
    await rename(staging, config.value);
  } catch (error) {
    if (hadConfig) await rename(retired, config.value);
    throw error;
  }
  if (hadConfig) await rm(retired, { recursive: true, force: true });
  const restored = (await walkFiles(source.value)).files.map((file) => join(config.value, file.path.slice(source.value.length + 1)));
  const changed: string[] = [];
  for (const path of restored) if (previous.get(path) !== (await digestFile(path)).sha256) changed.push(toRootRelative(root, path));
  print(`Restored ${restored.length} file(s) from ${sourceName}/ into ${configName}/; ${changed.length} differed from the current ones:`);
  for (const file of changed) print(`  ${file}`);
  return { exitCode: 0, files: changed };
};
