// Kills a command together with everything it started: the runner spawns each command as the leader of
// its own process group, and execa alone would only signal the leader.
import { execa } from 'execa';

// Sends `signal` to the whole group led by `pid`; false when nothing was left to signal.
export function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (process.platform === 'win32') {
    // No process groups on Windows: taskkill walks the tree (and always kills hard).
    execa('taskkill', ['/PID', String(pid), '/T', '/F'], { reject: false, windowsHide: true }).catch(() => undefined);
    return true;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}
