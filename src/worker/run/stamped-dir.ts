// A new `<dest>/<prefix><yyyyMMdd_HHmmss>/` folder inside the root; a second run in the same second gets `_2`.
import { mkdir } from 'node:fs/promises';
import { err, ok, type Result } from '../../domain/result.js';
import { resolveInside } from './safe-path.js';
import { folderStamp } from './stamp.js';

export interface StampedDir {
  /** Real absolute path. */
  readonly path: string;
  /** Relative to the root, forward slashes. */
  readonly relative: string;
}

// Creates the folder (never reusing an existing one, so earlier bundles are never overwritten).
export async function createStampedDir(root: string, dest: string, at: number, prefix = ''): Promise<Result<StampedDir, string>> {
  const stamp = `${prefix}${folderStamp(at)}`;
  for (let attempt = 1; attempt < 100; attempt += 1) {
    const relative = `${dest}/${attempt === 1 ? stamp : `${stamp}_${attempt}`}`;
    const path = await resolveInside(root, relative);
    if (!path.ok) return path;
    const parent = await resolveInside(root, dest);
    if (!parent.ok) return parent;
    await mkdir(parent.value, { recursive: true });
    try {
      await mkdir(path.value);
      return ok({ path: path.value, relative });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return err(`${dest}/${stamp}: too many folders with this timestamp`);
}
