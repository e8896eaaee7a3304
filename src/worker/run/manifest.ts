// A `manifest.sha256` in sha256sum format, so a bundle can be checked later with `sha256sum -c`.
import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { digestFile } from './file-digest.js';

// Digests the files (absolute paths under `dir`) and writes `<dir>/manifest.sha256`; returns its path.
export async function writeManifest(dir: string, files: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const file of files) {
    const { sha256 } = await digestFile(file);
    lines.push(`${sha256}  ${relative(dir, file).split(sep).join('/')}`);
  }
  const path = join(dir, 'manifest.sha256');
  await writeFile(path, lines.join('\n') + (lines.length > 0 ? '\n' : ''));
  return path;
}
