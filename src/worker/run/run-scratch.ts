// A run's temporary files go to a folder of its own, removed when the run ends however it ended: the host's
// temporary folder does not fill up run after run (the read-only guard's redirected logs, a library's caches).
// The folder is named after the worker's process, so a worker that starts can remove what a killed one (the
// kernel's OOM killer, kill -9) left, and never what a live worker beside it is using.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'klaxon-run-';
const remove = (path: string) => rm(path, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);

/**
 * Runs `run` with TMPDIR, TEMP and TMP (added to `env`) on a fresh folder, removed afterwards. When no folder
 * can be made (a full disk is a bad day diagnostics must still run on), `run` gets `env` as it is and
 * `unavailable` is told why.
 */
export async function withScratch<T>(
  env: Readonly<Record<string, string>>,
  run: (env: Record<string, string>) => Promise<T>,
  unavailable: (why: string) => void = () => undefined,
  pid: number = process.pid,
): Promise<T> {
  const made = await mkdtemp(join(tmpdir(), `${PREFIX}${pid}-`)).catch((error: NodeJS.ErrnoException) => error);
  if (made instanceof Error) {
    unavailable(`${made.code ?? made.message} in ${tmpdir()}`);
    return run({ ...env });
  }
  const scratch = made;
  try {
    return await run({ ...env, TMPDIR: scratch, TEMP: scratch, TMP: scratch });
  } finally {
    await remove(scratch);
  }
}

/** Whether a process with this id is running (one this process may not signal counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the run folders whose worker is gone; answers how many. */
export async function sweepLeftScratch(dir: string = tmpdir(), alive: (pid: number) => boolean = processAlive): Promise<number> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const left = entries.filter((name) => {
    const pid = Number(/^klaxon-run-(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  });
  await Promise.all(left.map((name) => remove(join(dir, name))));
  return left.length;
}
