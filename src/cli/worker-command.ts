// `klaxon worker`: this host's diagnostics queue until SIGINT/SIGTERM (running jobs get a grace period).
import { catalogue } from '../../commands/index.js';
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startWorkerProcess } from '../start-worker.js';
import { shutdown } from './shutdown.js';
import { waitForSignal } from './wait-for-signal.js';

export async function workerCommand(_args: readonly string[], config: Config, logger: Logger, io: Io): Promise<number> {
  let worker: Awaited<ReturnType<typeof startWorkerProcess>>;
  try {
    worker = await startWorkerProcess({ config, logger, catalogue });
  } catch (error) {
    // A bad policy file is the operator's to fix: say what is wrong, without a stack trace.
    io.stderr.write(`klaxon worker: ${(error as Error).message}\n`);
    return 2;
  }
  const signal = await waitForSignal();
  logger.info({ signal }, 'stopping the worker');
  return shutdown(logger, [() => worker.stop()]);
}
