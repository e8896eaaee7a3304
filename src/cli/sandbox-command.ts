// `klaxon sandbox` (what `npm start` runs without Slack credentials): a private Redis under .klaxon/, the
// Slack emulator with its web console, the bot wired to it over real HTTP, and a worker on a working copy of
// the demo backtest host. One URL is printed; Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { catalogue } from '../../commands/index.js';
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createSlackEmulator } from '../sandbox/emulator/slack-emulator.js';
import { startRedisServer, type RunningRedis } from '../sandbox/redis-server.js';
import { sandboxPolicy } from '../sandbox/sandbox-policy.js';
import { startBot } from '../start-bot.js';
import { startWorkerProcess } from '../start-worker.js';
import { copyDemoHost } from '../worker/run/demo-host.js';
import { keepServingOnUnhandledRejection } from './keep-serving.js';
import { redisLabel } from './read-store.js';
import { shutdown } from './shutdown.js';
import { waitForSignal } from './wait-for-signal.js';

export const SANDBOX_DIR = '.klaxon';

export async function sandboxCommand(_args: readonly string[], config: Config, logger: Logger, io: Io): Promise<number> {
  const home = resolve(SANDBOX_DIR);
  // Redis data, reports and the demo host's copy are the user's alone, also when the folder already existed.
  await mkdir(home, { recursive: true, mode: 0o700 });
  await chmod(home, 0o700);
  let redis: RunningRedis | undefined;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    const started = await startRedisServer({ dir: join(home, 'redis'), persistent: true });
    if (!started.ok) {
      io.stderr.write(`klaxon sandbox: ${started.error}\n`);
      return 1;
    }
    redis = started.value;
    redisUrl = redis.url;
  }
  const backtestRoot = config.backtestRoot ?? join(home, 'backtest-host');
  if (!existsSync(backtestRoot)) await copyDemoHost(backtestRoot);

  const signingSecret = randomBytes(16).toString('hex');
  // Per start, like the signing secret: the emulator takes its Web API token from a form field as Slack does, so
  // a fixed one would let any local process, or a form on any web page, read and post as the bot.
  const botToken = `xoxb-klaxon-sandbox-${randomBytes(16).toString('hex')}`;
  // The bot is invited to #incidents (the stakeholder channel) and #ops (OPS_CHANNEL, where maintenance reports)
  // as docs/slack-setup.md tells an admin to; not to #general, where people declare incidents, as in a real
  // workspace (the replies go through response_url). The workspace is kept under .klaxon/ across restarts.
  const emulator = await createSlackEmulator({
    port: config.port,
    signingSecret,
    botToken,
    // Nobody is given it: without one the emulator opens Socket Mode for any `xapp-` token, and once a socket
    // is connected every command and click goes to it instead of the bot.
    appToken: `xapp-klaxon-sandbox-${randomBytes(16).toString('hex')}`,
    channels: [
      { name: 'general', botIsMember: false },
      { name: 'incidents', botIsMember: true },
      { name: 'ops', botIsMember: true },
    ],
    stateDir: join(home, 'slack'),
    consoleLocale: config.locale,
  });
  const sandboxConfig: Config = {
    ...config,
    slack: { botToken, signingSecret, apiUrl: emulator.apiUrl },
    redisUrl,
    port: 0,
    // Nothing the sandbox opens is reachable from another machine.
    host: '127.0.0.1',
    // By id, as docs/slack-setup.md asks of a real workspace: a name only works for posting.
    stakeholderChannel: config.stakeholderChannel ?? emulator.channel('incidents')?.id,
    opsChannel: config.opsChannel ?? emulator.channel('ops')?.id,
    backtestRoot,
    reportsDir: config.reportsDir === 'incident_reports' ? join(home, 'reports') : config.reportsDir,
  };
  keepServingOnUnhandledRejection(logger);
  const bot = await startBot({ config: sandboxConfig, logger, ...(config.policyFile ? {} : { policy: sandboxPolicy }) });
  emulator.setBotUrl(`${bot.url}/slack/events`);
  const worker = await startWorkerProcess({ config: sandboxConfig, logger, catalogue, ...(config.policyFile ? {} : { policy: sandboxPolicy }) });

  io.stdout.write(
    `\nklaxon sandbox is running: open ${emulator.consoleUrl}\n` +
      `  type /incident declare critical <title> in #general; reports go to ${sandboxConfig.reportsDir}\n` +
      `  maintenance and the golden-run canary report to #ops every few minutes (/incident maintenance); to cause a\n` +
      `  drift, edit ${join(backtestRoot, 'config', 'optimized_params', 'VWAPBreakoutStrategy_8306.T_2026-01-08.json')} and press Run now on the canary\n` +
      // A REDIS_URL may carry a password: the banner is read over shoulders and pasted into chats.
      `  data: ${home} (Redis ${redisLabel(redisUrl)}); Ctrl-C to stop\n\n`,
  );
  const signal = await waitForSignal();
  logger.info({ signal }, 'stopping the sandbox');
  const code = await shutdown(logger, [() => worker.stop(), () => bot.stop(), () => emulator.close()]);
  await redis?.stop();
  return code;
}
