// Get-Content logs/errors.log -Tail N (the runbook's -Wait becomes a snapshot: a job has to end). The
// real system writes several logs (main.log, errors.log, structured.log), created on first use: a log
// that does not exist yet is reported, not an error.
import type { Builtin } from '../builtin.js';
import { optionString, optionStrings, paramInt } from '../builtin.js';
import { resolveInside } from '../safe-path.js';
import { tailLines } from '../tail-lines.js';

// Prints the last `lines` lines of each log file.
export const logTail: Builtin = async ({ root, options, params, print }) => {
  const relatives = options['paths'] === undefined ? [optionString(options, 'path')] : optionStrings(options, 'paths');
  let exitCode = 0;
  for (const relative of relatives) {
    const path = await resolveInside(root, relative);
    if (!path.ok) {
      print(path.error);
      exitCode = 1;
      continue;
    }
    const lines = await tailLines(path.value, paramInt(params, 'lines', 50)).catch((error: NodeJS.ErrnoException) => error.code ?? 'error');
    if (typeof lines === 'string') {
      if (lines === 'ENOENT') print(`==> ${relative}: not present (the system creates it when it first logs there) <==`);
      else {
        print(`${relative}: cannot be read (${lines})`);
        exitCode = 1;
      }
      continue;
    }
    print(`==> ${relative} (last ${lines.length} lines) <==`);
    for (const line of lines) print(line);
  }
  return { exitCode };
};
