// Ends a `klaxon start` sandbox a test started in its own folder, as kill -9 would, and cleans up after it.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SANDBOX_DIR } from '../../src/cli/sandbox-command.js';
import { stopLeftoverRedis } from '../../src/sandbox/redis-server.js';

export async function killSandbox(sandbox: ChildProcess, work: string): Promise<void> {
  if (sandbox.exitCode === null && sandbox.signalCode === null) process.kill(-(sandbox.pid as number), 'SIGKILL');
  // Its Redis has a process group of its own and outlives it, as after a real kill -9; the next start in the
  // folder would stop it, but the folder goes away here.
  await stopLeftoverRedis(join(work, SANDBOX_DIR, 'redis'));
  await rm(work, { recursive: true, force: true });
}
