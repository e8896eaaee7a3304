// Edits one setting of one of the system's JSON config files (e.g. the monitoring interval): the old file
// is kept beside it as <name>.klaxon-<stamp>.bak, the new one is written to a temporary file and renamed in.
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { folderStamp } from '../stamp.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const parseValue = (text: string): Json => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === 'true' ? true : text === 'false' ? false : text);

// Sets options.key (dotted path; `{param}` segments come from params) to params.value or options.value.
export const jsonSet: Builtin = async ({ root, options, params, now, print }) => {
  const relative = optionString(options, 'file');
  const key = optionString(options, 'key').replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
  const raw = params['value'] ?? optionString(options, 'value');
  const file = await resolveInside(root, relative);
  if (!file.ok) {
    print(file.error);
    return { exitCode: 1 };
  }
  const text = await readFile(file.value, 'utf8').catch(() => undefined);
  if (text === undefined) {
    print(`${relative}: not present`);
    return { exitCode: 1 };
  }
  let data: Json;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    print(`${relative}: not valid JSON (${(error as Error).message}); nothing changed`);
    return { exitCode: 1 };
  }
  const path = key.split('.');
  let node: Json = data;
  for (const segment of path.slice(0, -1)) {
    node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node[segment] ?? null) : null;
  }
  const last = path.at(-1) ?? '';
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !(last in node)) {
    print(`${relative}: no setting ${key}; nothing changed`);
    return { exitCode: 1 };
  }
  const before = node[last];
  node[last] = parseValue(raw);
  const backup = `${file.value}.klaxon-${folderStamp(now())}.bak`;
  await copyFile(file.value, backup);
  const staging = `${file.value}.klaxon-tmp`;
  await writeFile(staging, `${JSON.stringify(data, null, 2)}\n`);
  await rename(staging, file.value);
  print(`${relative}: ${key} ${JSON.stringify(before)} -> ${JSON.stringify(node[last])} (previous file kept as ${toRootRelative(root, backup)})`);
  return { exitCode: 0, files: [relative, toRootRelative(root, backup)] };
};
