// Walks a folder without following symbolic links: builtins copy, count and delete only real files.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkedFile {
  readonly path: string;
  readonly bytes: number;
  readonly mtimeMs: number;
}

export interface Walk {
  readonly files: WalkedFile[];
  /** Symbolic links met on the way (left alone). */
  readonly links: string[];
}

// Every regular file under `dir` (recursively); symbolic links are listed, not followed.
export async function walkFiles(dir: string): Promise<Walk> {
  const walk: Walk = { files: [], links: [] };
  const visit = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.isSymbolicLink()) walk.links.push(path);
      else if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        const stats = await lstat(path);
        walk.files.push({ path, bytes: stats.size, mtimeMs: stats.mtimeMs });
      }
    }
  };
  await visit(dir);
  return walk;
}
