// A command's stdout and stderr, each kept as text.
import { Writable } from 'node:stream';

export function captureIo() {
  const text = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') => new Writable({ write(chunk, _enc, done) { text[key] += String(chunk); done(); } });
  return { io: { stdout: stream('stdout'), stderr: stream('stderr') }, text };
}
