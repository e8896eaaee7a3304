// A logger whose output a test reads back: the raw text, or each JSON line parsed.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export interface CapturedLogger {
  readonly logger: Logger;
  text(): string;
  lines<T = Record<string, unknown>>(): T[];
}

export function captureLogger(level = 'debug'): CapturedLogger {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger({ level, pretty: false, destination }),
    text: () => text,
    lines: <T>() => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as T),
  };
}
