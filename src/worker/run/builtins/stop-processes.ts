// Get-Process | Where-Object {$_.ProcessName -eq "python"} | Stop-Process -Force, limited to processes of
// this backtest system (working directory inside BACKTEST_ROOT), never the worker or its parents.
import { realpath } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Builtin } from '../builtin.js';
import { optionNumber, optionString } from '../builtin.js';
import { listProcesses, nameMatches, protectedPids, type ProcessInfo } from '../process-table.js';
import { isInside } from '../safe-path.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function belongsToRoot(root: string, p: ProcessInfo): Promise<boolean> {
  if (p.cwd !== undefined) {
    const cwd = await realpath(p.cwd).catch(() => undefined);
    return cwd !== undefined && isInside(root, cwd);
  }
  return p.commandLine.includes(root);
}

// Stops matching processes: SIGTERM, then SIGKILL for those still alive after the grace period.
export const stopProcesses: Builtin = async ({ root, options, print, signal }) => {
  const name = optionString(options, 'name');
  const graceMs = optionNumber(options, 'graceMs', 5000);
  const all = await listProcesses();
  const spared = protectedPids(all);
  const candidates = all.filter((p) => nameMatches(p.name, name) && !spared.has(p.pid));
  const targets: ProcessInfo[] = [];
  for (const p of candidates) if (await belongsToRoot(root, p)) targets.push(p);
  if (targets.length === 0) {
    print(`No "${name}" process of this system is running; nothing to stop.`);
    return { exitCode: 0 };
  }
  for (const p of targets) {
    try {
      process.kill(p.pid, 'SIGTERM');
      print(`SIGTERM sent to pid ${p.pid}: ${p.commandLine}`);
    } catch (error) {
      print(`pid ${p.pid}: ${(error as NodeJS.ErrnoException).code ?? 'error'} on SIGTERM`);
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some((p) => alive(p.pid)) && !signal.aborted) await sleep(100);
  let failed = 0;
  for (const p of targets) {
    if (!alive(p.pid)) {
      print(`pid ${p.pid} stopped`);
      continue;
    }
    try {
      process.kill(p.pid, 'SIGKILL');
      print(`pid ${p.pid} did not stop within ${graceMs} ms: SIGKILL sent`);
    } catch (error) {
      failed += 1;
      print(`pid ${p.pid} could not be killed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return { exitCode: failed === 0 ? 0 : 1 };
};
