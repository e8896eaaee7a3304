// A rejection nobody awaited belongs to one request (a library's fire-and-forget handler): log it and keep
// serving everyone else instead of letting Node end the process.
import type { Logger } from '../logger.js';

export function keepServingOnUnhandledRejection(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection (request-scoped); still serving');
  };
  process.on('unhandledRejection', onRejection);
  return () => void process.off('unhandledRejection', onRejection);
}
