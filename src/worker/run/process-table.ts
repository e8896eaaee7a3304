// Lists processes without a shell: /proc on Linux, a fixed PowerShell query on Windows.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { execa } from 'execa';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The process group (Linux only). */
  readonly pgid?: number;
  readonly name: string;
  readonly commandLine: string;
  /** Resident memory in bytes, when known. */
  readonly rssBytes?: number;
  /** CPU time used so far, in seconds (PowerShell's CPU column), when known. */
  readonly cpuSeconds?: number;
  /** Working directory (Linux, same user only). */
  readonly cwd?: string;
}

const CLOCK_TICKS = 100;

/** One process as Linux's /proc describes it; undefined when it is gone (or there is no /proc). */
export async function readProc(pid: number): Promise<ProcessInfo | undefined> {
  try {
    const [stat, cmdline, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
    return {
      pid,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      name,
      commandLine: cmdline.split('\0').filter(Boolean).join(' '),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      ...(rss === undefined ? {} : { rssBytes: Number(rss) * 1024 }),
      ...(cwd === undefined ? {} : { cwd }),
    };
  } catch {
    return undefined;
  }
}

const WINDOWS_QUERY =
  'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,CommandLine,WorkingSetSize,' +
  'UserModeTime,KernelModeTime | ConvertTo-Json -Compress';

async function listWindows(): Promise<ProcessInfo[]> {
  const { stdout } = await execa('powershell.exe', ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', WINDOWS_QUERY], {
    windowsHide: true,
    timeout: 20_000,
  });
  const rows = JSON.parse(stdout) as Record<string, string | number | null>[];
  return rows.map((row) => ({
    pid: Number(row['ProcessId']),
    ppid: Number(row['ParentProcessId']),
    name: String(row['Name'] ?? ''),
    commandLine: String(row['CommandLine'] ?? ''),
    rssBytes: Number(row['WorkingSetSize'] ?? 0),
    cpuSeconds: (Number(row['UserModeTime'] ?? 0) + Number(row['KernelModeTime'] ?? 0)) / 1e7,
  }));
}

// Every process the worker can see.
export async function listProcesses(): Promise<ProcessInfo[]> {
  if (process.platform === 'win32') return listWindows();
  const entries = await readdir('/proc');
  const pids = entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
  const infos = await Promise.all(pids.map(readProc));
  return infos.filter((info): info is ProcessInfo => info !== undefined);
}

// The runbook's ProcessName -eq "python": python, python3, python3.11, python.exe, pythonw.exe all count.
export function nameMatches(processName: string, wanted: string): boolean {
  const base = processName.toLowerCase().replace(/\.exe$/, '').replace(/w$/, '');
  const trimmed = base.replace(/[0-9.]+$/, '');
  return trimmed === wanted.toLowerCase();
}

// Pids of this process and its ancestors: never to be stopped by a builtin.
export function protectedPids(all: readonly ProcessInfo[], self: number = process.pid): Set<number> {
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const protectedSet = new Set<number>([self]);
  let current = byPid.get(self);
  while (current && current.ppid > 0 && !protectedSet.has(current.ppid)) {
    protectedSet.add(current.ppid);
    current = byPid.get(current.ppid);
  }
  return protectedSet;
}
