// The last lines the bots and workers of this test file logged, shown when a test fails: CI keeps only the
// test output, and a failure's cause is often in what the bot logged (an effect retrying, a Slack error).
import { Writable } from 'node:stream';

const KEEP = 80;
const LINE_CHARS = 600;
const lines: string[] = [];

export const logRing = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      lines.push(line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line);
      if (lines.length > KEEP) lines.shift();
    }
    done();
  },
});

/** The lines kept since the last call, oldest first. */
export const takeLogLines = (): string[] => lines.splice(0);
