// The runbook's 緊急ログ収集: incident_logs/<timestamp>/ with main.log, errors.log, main_recent.log (the
// last 100 lines) and a manifest.sha256.
import { copyFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Builtin } from '../builtin.js';
import { optionNumber, optionString, optionStrings } from '../builtin.js';
import { writeManifest } from '../manifest.js';
import { resolveInside, toRootRelative } from '../safe-path.js';
import { createStampedDir } from '../stamped-dir.js';
import { tailLines } from '../tail-lines.js';

// Copies the logs into a fresh stamped folder; fails only when no log could be collected.
export const logBundle: Builtin = async ({ root, options, now, print }) => {
  const bundle = await createStampedDir(root, optionString(options, 'dest'), now());
  if (!bundle.ok) {
    print(bundle.error);
    return { exitCode: 1 };
  }
  const written: string[] = [];
  for (const relative of optionStrings(options, 'logs')) {
    const source = await resolveInside(root, relative);
    const isFile = source.ok && (await stat(source.value).catch(() => undefined))?.isFile();
    if (!source.ok || !isFile) {
      print(`skipped ${relative}: ${source.ok ? 'not found' : source.error}`);
      continue;
    }
    const target = join(bundle.value.path, basename(source.value));
    await copyFile(source.value, target);
    written.push(target);
  }
  const recent = optionString(options, 'recent');
  const recentSource = await resolveInside(root, recent);
  const recentLines = recentSource.ok ? await tailLines(recentSource.value, optionNumber(options, 'recentLines', 100)).catch(() => undefined) : undefined;
  if (recentLines !== undefined) {
    const stem = basename(recent).replace(/\.log$/, '');
    const target = join(bundle.value.path, `${stem}_recent.log`);
    await writeFile(target, recentLines.map((line) => `${line}\n`).join(''));
    written.push(target);
  }
  if (written.length === 0) {
    print(`No log could be collected; ${bundle.value.relative}/ is empty.`);
    return { exitCode: 1 };
  }
  const manifest = await writeManifest(bundle.value.path, written);
  const files = [...written, manifest].map((file) => toRootRelative(root, file));
  print(`Log bundle ${bundle.value.relative}/:`);
  for (const file of files) print(`  ${file}`);
  return { exitCode: 0, files };
};
