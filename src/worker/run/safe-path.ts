// Every path a builtin touches is resolved against BACKTEST_ROOT and refused if it leaves it, including
// through symbolic links (the nearest existing ancestor is resolved with realpath).
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { err, ok, type Result } from '../../domain/result.js';

// True when `path` is `root` itself or below it (both absolute and normalised).
export const isInside = (root: string, path: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

// Resolves `relativePath` inside the (already real) root; the result is a real absolute path.
export async function resolveInside(root: string, relativePath: string): Promise<Result<string, string>> {
  if (isAbsolute(relativePath)) return err(`${relativePath}: absolute paths are not allowed`);
  const target = resolve(root, relativePath);
  if (!isInside(root, target)) return err(`${relativePath}: leaves BACKTEST_ROOT`);
  let existing = target;
  let real = await realpathOrUndefined(existing);
  while (real === undefined) {
    const parent = dirname(existing);
    if (parent === existing) return err(`${relativePath}: cannot be resolved`);
    existing = parent;
    real = await realpathOrUndefined(existing);
  }
  const resolved = join(real, relative(existing, target));
  return isInside(root, resolved) ? ok(resolved) : err(`${relativePath}: leaves BACKTEST_ROOT through a symbolic link`);
}

// A path as shown to people and recorded in results: relative to the root, with forward slashes.
export const toRootRelative = (root: string, path: string): string => relative(root, path).split(sep).join('/');
