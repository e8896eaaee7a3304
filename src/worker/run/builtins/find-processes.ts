// Get-Process | Where-Object {$_.ProcessName -eq "python" [-and $_.CommandLine -like "*main.py*"]}.
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { listProcesses, nameMatches } from '../process-table.js';

const megabytes = (bytes: number | undefined): string => (bytes === undefined ? '?' : (bytes / 1024 / 1024).toFixed(1));

// Lists processes by name and, optionally, a command-line substring.
export const findProcesses: Builtin = async ({ options, print }) => {
  const name = optionString(options, 'name');
  const cmdline = options['cmdline'] === undefined ? undefined : optionString(options, 'cmdline');
  const found = (await listProcesses())
    .filter((p) => nameMatches(p.name, name) && (cmdline === undefined || p.commandLine.includes(cmdline)))
    .sort((a, b) => a.pid - b.pid);
  const what = cmdline === undefined ? `"${name}"` : `"${name}" running ${cmdline}`;
  if (found.length === 0) {
    print(`No ${what} process is running.`);
    return { exitCode: 0 };
  }
  print(`${found.length} ${what} process(es):`);
  print('PID\tPPID\tRSS MB\tCPU s\tCOMMAND LINE');
  for (const p of found) {
    print(`${p.pid}\t${p.ppid}\t${megabytes(p.rssBytes)}\t${p.cpuSeconds?.toFixed(1) ?? '?'}\t${p.commandLine}`);
  }
  return { exitCode: 0 };
};
