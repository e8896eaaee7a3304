// Get-Content logs/errors.log -Tail N (the runbook's -Wait becomes a snapshot: a job has to end).
import type { Builtin } from '../builtin.js';
import { optionString, paramInt } from '../builtin.js';
import { resolveInside } from '../safe-path.js';
import { tailLines } from '../tail-lines.js';

// Prints the last `lines` lines of one log file.
export const logTail: Builtin = async ({ root, options, params, print }) => {
  const relative = optionString(options, 'path');
  const path = await resolveInside(root, relative);
  if (!path.ok) {
    print(path.error);
    return { exitCode: 1 };
  }
  const lines = await tailLines(path.value, paramInt(params, 'lines', 50)).catch(() => undefined);
  if (lines === undefined) {
    print(`${relative}: cannot be read`);
    return { exitCode: 1 };
  }
  print(`==> ${relative} (last ${lines.length} lines) <==`);
  for (const line of lines) print(line);
  return { exitCode: 0 };
};
