// `klaxon bot`: the Slack bot until SIGINT/SIGTERM.
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startBot } from '../start-bot.js';
import { keepServingOnUnhandledRejection } from './keep-serving.js';
import { shutdown } from './shutdown.js';
import { waitForSignal } from './wait-for-signal.js';

export async function botCommand(_args: readonly string[], config: Config, logger: Logger, _io: Io): Promise<number> {
  const stopLogging = keepServingOnUnhandledRejection(logger);
  const bot = await startBot({ config, logger });
  const signal = await waitForSignal();
  logger.info({ signal }, 'stopping the bot');
  const code = await shutdown(logger, [() => bot.stop()]);
  stopLogging();
  return code;
}
