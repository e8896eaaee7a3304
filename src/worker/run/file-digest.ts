// sha256 and size of a file, streamed so large bundles are not read into memory.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

// Digests one file.
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
