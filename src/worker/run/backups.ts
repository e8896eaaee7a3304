// The backup/ folder: listing newest first, and which dated backup a restore should use.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface BackupEntry {
  readonly name: string;
  readonly path: string;
  readonly mtimeMs: number;
}

const DATED = /^[0-9]{8}$/;

// Every folder in backup/, newest last-write first (name breaks ties, later dates first).
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const path = join(dir, entry.name);
        return { name: entry.name, path, mtimeMs: (await stat(path)).mtimeMs };
      }),
  );
  return folders.sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
}

/**
 * The dated backup (yyyyMMdd) to restore: the requested one, or for `latest` today's, else the newest
 * date. Snapshots such as `pre-restore-…` are never candidates.
 * @example pickBackup(['20260114', '20260115', 'pre-restore-x'], 'latest', '20260120') //=> '20260115'
 */
export function pickBackup(names: readonly string[], wanted: string, today: string): string | undefined {
  const dated = names.filter((name) => DATED.test(name));
  if (wanted !== 'latest') return dated.includes(wanted) ? wanted : undefined;
  if (dated.includes(today)) return today;
  return [...dated].sort().at(-1);
}
