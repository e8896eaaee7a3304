// Get-Process python | Select-Object Id, CPU, WorkingSet and psutil's memory/CPU percentages, from
// /proc (or Node's os module elsewhere).
import { readFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { listProcesses, nameMatches } from '../process-table.js';

async function availableMemory(): Promise<number> {
  const meminfo = await readFile('/proc/meminfo', 'utf8').catch(() => undefined);
  const available = meminfo === undefined ? undefined : /^MemAvailable:\s+(\d+) kB/m.exec(meminfo)?.[1];
  return available === undefined ? freemem() : Number(available) * 1024;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

// Prints load, memory use and each matching process's CPU time and resident memory.
export const resourceUsage: Builtin = async ({ options, print }) => {
  const name = optionString(options, 'name');
  const total = totalmem();
  const available = await availableMemory();
  const [one, five, fifteen] = loadavg();
  print(`CPUs: ${cpus().length}   load average: ${one?.toFixed(2)} ${five?.toFixed(2)} ${fifteen?.toFixed(2)}`);
  print(`Memory: ${(((total - available) / total) * 100).toFixed(1)}% used (${mb(total - available)} of ${mb(total)} MB)`);
  const found = (await listProcesses()).filter((p) => nameMatches(p.name, name)).sort((a, b) => (b.rssBytes ?? 0) - (a.rssBytes ?? 0));
  print(`${found.length} "${name}" process(es):`);
  print('Id\tCPU s\tWorkingSet MB\t% mem\tCommand line');
  for (const p of found) {
    const rss = p.rssBytes ?? 0;
    print(`${p.pid}\t${p.cpuSeconds?.toFixed(1) ?? '?'}\t${mb(rss)}\t${((rss / total) * 100).toFixed(1)}\t${p.commandLine.slice(0, 160)}`);
  }
  return { exitCode: 0 };
};
