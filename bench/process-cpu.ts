// Another process's CPU time, from Linux's /proc: the floor bench's servers each run in a process of their own.
import { readFileSync } from 'node:fs';

// USER_HZ, the unit of /proc's CPU times: 100 on every architecture Linux runs Node on.
const TICKS_PER_SECOND = 100;

/** User + system CPU time of `pid` in µs, or undefined where /proc does not say (not Linux, the process gone). */
export function processCpuUs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1_000_000) / TICKS_PER_SECOND : undefined;
}
