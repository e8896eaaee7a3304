// The last N lines of a file, read backwards in blocks so a large log is never read whole.
import { open } from 'node:fs/promises';

const BLOCK = 64 * 1024;

// Returns up to `count` final lines (without their newlines).
export async function tailLines(path: string, count: number): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    let position = size;
    let chunks: Buffer[] = [];
    let newlines = 0;
    while (position > 0 && newlines <= count) {
      const length = Math.min(BLOCK, position);
      position -= length;
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, position);
      chunks = [buffer, ...chunks];
      for (const byte of buffer) if (byte === 0x0a) newlines += 1;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count);
  } finally {
    await file.close();
  }
}
