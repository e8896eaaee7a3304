// A digest of every file under a folder (ignored and hidden files included, symbolic links as links),
// and the difference between two: how a test or `check:host` proves a read-only entry wrote nothing.
import { relative, sep } from 'node:path';
import { digestFile } from './file-digest.js';
import { walkFiles } from './walk-files.js';

export type TreeDigest = ReadonlyMap<string, string>;

// Path (relative, forward slashes) -> sha256 of the content, or `link` for a symbolic link.
export async function digestTree(root: string): Promise<TreeDigest> {
  const walk = await walkFiles(root);
  const digest = new Map<string, string>();
  const key = (path: string): string => relative(root, path).split(sep).join('/');
  for (const file of walk.files) digest.set(key(file.path), (await digestFile(file.path)).sha256);
  for (const link of walk.links) digest.set(key(link), 'link');
  return digest;
}

// Files added, removed or changed between two digests, sorted.
export function treeChanges(before: TreeDigest, after: TreeDigest): string[] {
  const changed = new Set<string>();
  for (const [path, sha] of after) if (before.get(path) !== sha) changed.add(path);
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}
