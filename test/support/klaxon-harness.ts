// Starts the real thing for end-to-end tests: the Slack emulator (real HTTP), the bot with its real Bolt
// HTTP receiver on a random port, the Slack effect processor, and optionally a worker on a demo host copy.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { parse } from 'yaml';
import { catalogue } from '../../commands/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Policy } from '../../src/domain/policy.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { EffectRetry } from '../../src/queue/effect-backoff.js';
import { createSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from '../../src/sandbox/emulator/slack-emulator.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import type { SlackApiOptions } from '../../src/slack/slack-api.js';
import { startBot, type RunningBot } from '../../src/start-bot.js';
import { startWorkerProcess } from '../../src/start-worker.js';
import { storeKeys } from '../../src/store/keys.js';
import { copyDemoHost } from '../../src/worker/run/demo-host.js';
import { logRing } from './log-ring.js';

export { eventually } from './eventually.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-1-A0KLAXON-test-token';
export const USERS = { l1: 'U0L1OPS', l2: 'U0L2SYS', l3: 'U0L3DEV', stakeholder: 'U0STAKE' } as const;

export interface Klaxon {
  readonly emulator: SlackEmulator;
  readonly bot: RunningBot;
  readonly config: Config;
  readonly general: string;
  readonly stakeholders: string;
  readonly backtestRoot?: string;
  /** The worker, when one was started: stop it alone to keep the bot (or the bot alone with `bot.stop()`). */
  readonly worker?: { stop(): Promise<void> };
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly worker?: boolean;
  readonly locale?: 'en' | 'ja';
  readonly policy?: Policy;
  /**
   * The host snapshot at declaration and resolve adds a run (and its thread) to every incident with a worker;
   * off unless a test is about it, so the tests that count runs, posts and jobs count only their own.
   */
  readonly hostSnapshots?: boolean;
  readonly slackApi?: SlackApiOptions;
  /** When the bot tries a failed Slack effect again (default: as in production). */
  readonly effectRetry?: EffectRetry;
  readonly env?: Record<string, string>;
  readonly now?: () => number;
  /** How often the bot looks for what a failure left behind (default: as in production). */
  readonly resumeEveryMs?: number;
  /** Start on this Redis key prefix (a restarted bot finds what the previous one stored). */
  readonly redisPrefix?: string;
  /** Talk to this emulator instead of a new one; stop() leaves it running for its owner. */
  readonly emulator?: SlackEmulator;
  /** Socket Mode: SLACK_APP_TOKEN set, no signing secret; the emulator sends everything over the WebSocket. */
  readonly socketMode?: boolean;
  /** The bot's and worker's logger (default: kept in memory and shown when a test fails; KLAXON_TEST_LOG=<level> prints it). */
  readonly logger?: Logger;
  /** Workspace rules for a new emulator (people, channels, who may create channels), over the defaults below. */
  /**
   * Without a worker, the hosts a worker served before (default: WORKER_HOST), as if their workers had stopped:
   * runs for them are kept and wait. `[]` for a Redis no worker ever reported to.
   */
  readonly workerHostsSeen?: readonly string[];
  readonly workspace?: Pick<SlackEmulatorOptions, 'users' | 'usergroups' | 'channels' | 'channelCreation' | 'channelArchiving' | 'scopes' | 'eventRetryDelaysMs'>;
}

/** The bot scopes manifest.yml grants: the emulated token has exactly these, as an installed app would. */
export const MANIFEST_SCOPES: readonly string[] = (
  parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }
).oauth_config.scopes.bot;

// Quiet unless KLAXON_TEST_LOG names a level; the info lines are still kept, and shown if a test fails.
const given = process.env['KLAXON_TEST_LOG'];
const quiet = given ? createLogger({ level: given, pretty: false }) : createLogger({ level: 'info', pretty: false, destination: logRing });

/** The emulator startKlaxon makes, for a test that must reach it (a fault at start) before the bot starts. */
export const harnessEmulator = (options: Pick<HarnessOptions, 'now' | 'workspace'> = {}): Promise<SlackEmulator> =>
  createSlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    // The bot is invited to STAKEHOLDER_CHANNEL as docs/slack-setup.md tells an admin to, and to nothing
    // else: #general, where the tests declare incidents, is a channel it is not in (replies go through the
    // command's response_url, as they must in real Slack).
    channels: [
      { name: 'general', botIsMember: false },
      { name: 'incidents', botIsMember: true },
    ],
    ...(options.now ? { now: options.now } : {}),
    ...options.workspace,
  });

export async function startKlaxon(options: HarnessOptions = {}): Promise<Klaxon> {
  const emulator = options.emulator ?? (await harnessEmulator(options));
  const backtestRoot = options.worker ? await copyDemoHost(join(await mkdtemp(join(tmpdir(), 'klaxon-host-')), 'backtest')) : undefined;
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    REDIS_URL: inject('redisUrl'),
    KLAXON_REDIS_PREFIX: options.redisPrefix ?? `t${randomUUID().slice(0, 8)}`,
    PORT: '0',
    STAKEHOLDER_CHANNEL: 'incidents',
    KLAXON_LOCALE: options.locale ?? 'en',
    KLAXON_TIMEZONE: 'Asia/Tokyo',
    WORKER_HOST: 'backtest-1',
    WORKER_LOCK_MS: '2000',
    ...(backtestRoot ? { BACKTEST_ROOT: backtestRoot } : {}),
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' } : {}),
    ...options.env,
  };
  const config = loadConfig(env, 'bot');
  if (!config.ok) throw config.error;
  const policy: Policy = { ...(options.policy ?? sandboxPolicy), hostSnapshots: options.hostSnapshots ?? false };
  const bot = await startBot({
    config: config.value,
    logger: options.logger ?? quiet,
    policy,
    renderDelayMs: 50,
    // Slack's own limits are on in the emulator; the bot paces chat.postMessage as it does against Slack.
    slackApi: { baseBackoffMs: 50, maxBackoffMs: 500, ...options.slackApi },
    ...(options.effectRetry ? { effectRetry: options.effectRetry } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.resumeEveryMs === undefined ? {} : { resumeEveryMs: options.resumeEveryMs }),
  });
  if (!options.socketMode) emulator.setBotUrl(`${bot.url}/slack/events`);
  const seen = backtestRoot ? [] : (options.workerHostsSeen ?? [config.value.workerHost]);
  if (seen.length > 0) await bot.redis.sadd(storeKeys(config.value.redisPrefix).workerHosts, ...seen);
  const worker = backtestRoot ? await startWorkerProcess({ config: config.value, logger: options.logger ?? quiet, catalogue, policy, progressEveryMs: 1, ...(options.now ? { now: options.now } : {}) }) : undefined;
  const general = emulator.channel('general')?.id as string;
  const stakeholders = emulator.channel('incidents')?.id as string;
  return {
    emulator,
    bot,
    config: config.value,
    general,
    stakeholders,
    ...(backtestRoot ? { backtestRoot } : {}),
    ...(worker ? { worker } : {}),
    async stop() {
      await worker?.stop();
      await bot.stop();
      if (!options.emulator) await emulator.close();
    },
  };
}
