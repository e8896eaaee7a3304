// Keeps the head and the tail of a command's (already redacted) output within a byte cap, while
// counting and digesting everything, so huge outputs never sit in memory.
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';

export interface CapturedOutput {
  readonly output: string;
  readonly outputBytes: number;
  readonly truncatedBytes: number;
  readonly outputDigest: string;
}

export interface OutputCapture {
  write(text: string): void;
  finish(): CapturedOutput;
}

const isContinuationByte = (byte: number): boolean => (byte & 0xc0) === 0x80;

// Head gets the first half of the cap, tail the last half; the middle is counted, digested, dropped.
export function createOutputCapture(capBytes: number): OutputCapture {
  const headCap = Math.floor(capBytes / 2);
  const tailCap = capBytes - headCap;
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let total = 0;

  return {
    write(text) {
      if (text === '') return;
      let rest = Buffer.from(text, 'utf8');
      hash.update(rest);
      total += rest.length;
      if (headBytes < headCap) {
        const take = rest.subarray(0, headCap - headBytes);
        head.push(take);
        headBytes += take.length;
        rest = rest.subarray(take.length);
      }
      if (rest.length === 0) return;
      if (rest.length >= tailCap) {
        tail = [Buffer.from(rest.subarray(rest.length - tailCap))];
        tailBytes = tailCap;
        return;
      }
      tail.push(Buffer.from(rest));
      tailBytes += rest.length;
      while (tail.length > 0 && tailBytes - (tail[0]?.length ?? 0) >= tailCap) tailBytes -= tail.shift()?.length ?? 0;
    },
    finish() {
      const joinedTail = Buffer.concat(tail);
      const keptTail = joinedTail.subarray(Math.max(0, joinedTail.length - tailCap));
      const omitted = total - headBytes - keptTail.length;
      if (omitted === 0) {
        const output = Buffer.concat([...head, keptTail]).toString('utf8');
        return { output, outputBytes: total, truncatedBytes: 0, outputDigest: hash.digest('hex') };
      }
      const headText = new StringDecoder('utf8').write(Buffer.concat(head));
      let start = 0;
      while (start < keptTail.length && isContinuationByte(keptTail[start] ?? 0)) start += 1;
      const tailText = keptTail.subarray(start).toString('utf8');
      const output = `${headText}${headText.endsWith('\n') ? '' : '\n'}… ${omitted} bytes omitted …\n${tailText}`;
      return { output, outputBytes: total, truncatedBytes: omitted, outputDigest: hash.digest('hex') };
    },
  };
}
