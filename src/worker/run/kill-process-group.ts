// Kills a command together with everything it started: the runner spawns each command as the leader of
// its own process group, and execa alone would only signal the leader. The plan per platform is in
// kill-plan.ts (Windows has no process groups: taskkill walks the tree).
import { execa } from 'execa';
import { killPlan } from './kill-plan.js';

// Sends `signal` to the whole group led by `pid`; false when nothing was left to signal.
export function killProcessGroup(pid: number, signal: NodeJS.Signals, platform: NodeJS.Platform = process.platform): boolean {
  const step = killPlan(platform, pid, signal);
  if (step.kind === 'exec') {
    const [file, ...args] = step.argv;
    execa(file, args, { reject: false, windowsHide: true }).catch(() => undefined);
    return true;
  }
  try {
    process.kill(-step.pgid, step.signal);
    return true;
  } catch {
    return false;
  }
}
