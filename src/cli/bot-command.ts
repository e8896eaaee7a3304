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
  // A bot that can no longer hear Slack exits non-zero (its failure is logged where it happened) to be restarted.
  const ended = await Promise.race([waitForSignal().then((signal) => ({ signal })), bot.failed.then((error) => ({ error }))]);
  if ('signal' in ended) logger.info({ signal: ended.signal }, 'stopping the bot');
  const code = await shutdown(logger, [() => bot.stop()]);
  stopLogging();
  return 'error' in ended ? 1 : code;
}
