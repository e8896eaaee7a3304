// Reads a request body up to a limit; beyond it the rest is drained (up to a bound) and the caller answers 413.
import type { IncomingMessage } from 'node:http';
import { err, ok, type Result } from '../domain/result.js';

export type BodyError = 'too_large' | 'aborted';

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Result<string, BodyError>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve(drainThen(req, limitBytes));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      resolve(drainThen(req, limitBytes));
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size <= limitBytes) resolve(ok(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', () => resolve(err('aborted')));
  });
}

// Reading on lets the client finish sending and see the 413; a sender that never stops is cut off.
function drainThen(req: IncomingMessage, limitBytes: number): Result<string, BodyError> {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limitBytes * 16) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
  return err('too_large');
}
