// Platform-dependent choices of the worker, with the platform as a parameter so the Windows branches are
// tested on Linux: the Python to run when BACKTEST_PYTHON is not set, and whether a path is inside the
// root (Windows paths are case-insensitive and carry drive letters: path.win32 does the work).
import { posix, win32 } from 'node:path';

// The interpreters to try, in order: the py launcher first on Windows (python.exe may be the Store stub).
export const pythonCandidates = (platform: NodeJS.Platform): readonly string[] => (platform === 'win32' ? ['py', 'python.exe', 'python3.exe'] : ['python3', 'python']);

// True when `path` is `root` or below it, by the platform's rules; both may be relative to `cwd`.
export function insideRoot(platform: NodeJS.Platform, root: string, path: string): boolean {
  const p = platform === 'win32' ? win32 : posix;
  const norm = (value: string): string => {
    const resolved = p.resolve(value);
    return platform === 'win32' ? resolved.toLowerCase() : resolved;
  };
  const rel = p.relative(norm(root), norm(path));
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}
