// Add-Content logs/maintenance.log "<yyyy-MM-dd HH:mm:ss> - <message>".
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { logTime } from '../stamp.js';

// Appends one timestamped line. The message comes from the catalogue, never from a person: its `{name}`
// placeholders take the run's parameters, which the catalogue has already checked (enums, numbers, ids).
export const maintenanceLog: Builtin = async ({ root, options, params, now, print }) => {
  const path = await resolveInside(root, optionString(options, 'path'));
  if (!path.ok) {
    print(path.error);
    return { exitCode: 1 };
  }
  const message = optionString(options, 'message').replace(/\{([A-Za-z]\w*)\}/g, (whole, name: string) => params[name] ?? whole);
  const line = `${logTime(now())} - ${message}`;
  await mkdir(dirname(path.value), { recursive: true });
  await appendFile(path.value, `${line}\n`);
  print(`Appended to ${toRootRelative(root, path.value)}: ${line}`);
  return { exitCode: 0, files: [toRootRelative(root, path.value)] };
};
