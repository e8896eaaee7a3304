// The runbook's 証跡保全: security_incident/<timestamp>/logs/… as read-only copies, plus a manifest.
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';
import { writeManifest } from '../manifest.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { createStampedDir } from '../stamped-dir.js';
import { walkFiles } from '../walk-files.js';

const READ_ONLY = 0o444;

// Copies the source folder file by file (symbolic links are reported, never followed) and seals it.
export const preserveEvidence: Builtin = async ({ root, options, now, print, signal }) => {
  const sourceName = optionString(options, 'source');
  const source = await resolveInside(root, sourceName);
  if (!source.ok) {
    print(source.error);
    return { exitCode: 1 };
  }
  const walk = await walkFiles(source.value).catch(() => undefined);
  if (walk === undefined) {
    print(`${sourceName}/: cannot be read`);
    return { exitCode: 1 };
  }
  const folder = await createStampedDir(root, optionString(options, 'dest'), now());
  if (!folder.ok) {
    print(folder.error);
    return { exitCode: 1 };
  }
  const copies: string[] = [];
  for (const file of walk.files) {
    if (signal.aborted) break;
    const target = join(folder.value.path, sourceName, relative(source.value, file.path));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file.path, target);
    await chmod(target, READ_ONLY);
    copies.push(target);
  }
  for (const link of walk.links) print(`not copied (symbolic link): ${toRootRelative(root, link)}`);
  const manifest = await writeManifest(folder.value.path, copies);
  await chmod(manifest, READ_ONLY);
  const files = [...copies, manifest].map((file) => toRootRelative(root, file));
  print(`Preserved ${copies.length} file(s) read-only in ${folder.value.relative}/ (manifest.sha256 lists them).`);
  for (const file of files) print(`  ${file}`);
  return { exitCode: 0, files };
};
