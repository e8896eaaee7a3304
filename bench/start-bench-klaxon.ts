// The real bot (Bolt HTTP receiver, Redis, the Slack effect queue) talking to the Slack emulator, and
// optionally `klaxon worker` on a temporary copy of the demo backtest host, in its own process as on the host;
// or both in processes of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createSlackEmulator, type SlackEmulator } from '../src/sandbox/emulator/slack-emulator.js';
import { sandboxPolicy } from '../src/sandbox/sandbox-policy.js';
import { startBot, type RunningBot } from '../src/start-bot.js';
import type { IncidentStore } from '../src/app/ports.js';
import { createIncidentStore } from '../src/store/incident-store.js';
import { createRedis } from '../src/store/redis-connection.js';
import { listWorkers } from '../src/store/worker-presence.js';
import { copyDemoHost } from '../src/worker/run/demo-host.js';
import { BOT_NODE_FLAGS, spawnBot, type SpawnedBot } from './spawn-bot.js';
import { waitFor } from './wait-for.js';

// No automatic host snapshot: the run bench times the runs it asks for.
const BENCH_POLICY = { ...sandboxPolicy, hostSnapshots: false };
// The same as a policy file, for a bot in a process of its own, but for the maintenance plans: the runbook's
// (daily and weekly) instead of the sandbox's demo plan every five minutes, which would run among the clicks.
const BENCH_POLICY_FILE = { escalation: sandboxPolicy.escalation, responders: sandboxPolicy.responders, roles: sandboxPolicy.roles, hostSnapshots: false };

export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const BENCH_BOT_TOKEN = 'xoxb-bench-token';
export const BENCH_USERS = { l1: 'U0L1OPS', l2: 'U0L2SYS' } as const;

/** Slack's side of a bench, and the incidents as stored: what a bench that only talks to the bot through Slack needs. */
export interface BenchSlack {
  readonly emulator: SlackEmulator;
  /** Channel id of #general, where incidents are declared from. */
  readonly general: string;
  readonly store: IncidentStore;
  stop(): Promise<void>;
}

/** The bot in the bench's own process, for benches that time or call it from inside. */
export interface BenchKlaxon extends BenchSlack {
  readonly bot: RunningBot;
  readonly config: Config;
  /** A second bot replica on the same Redis prefix and emulator; stop() stops it too. */
  replica(): Promise<RunningBot>;
}

export interface BenchKlaxonOptions {
  readonly redisUrl: string;
  /** Start `klaxon worker` for WORKER_HOST in its own process, as it runs on the backtest host. */
  readonly worker?: boolean;
}

/** `klaxon bot` in a process of its own: where Slack's requests go, and its pid for its CPU time. */
export interface BenchKlaxonApart extends BenchSlack {
  readonly bot: SpawnedBot;
}

/** The emulator every bench talks to: #general and #incidents, the bot a member of both. */
export function createBenchEmulator(): Promise<SlackEmulator> {
  return createSlackEmulator({
    signingSecret: BENCH_SIGNING_SECRET,
    botToken: BENCH_BOT_TOKEN,
    channels: [
      { name: 'general', botIsMember: true },
      { name: 'incidents', botIsMember: true },
    ],
    console: false,
    // Rate limits off: the bench measures klaxon's own latency, and Slack's per-method limits (Tier 2
    // conversations.create at 20/min) would measure the limiter instead once a run declares more incidents.
    rateLimits: false,
  });
}

// The bot's settings; the Slack ones stay out of the worker's.
function benchEnv(emulator: SlackEmulator, redisUrl: string, prefix: string, scratch: string, backtestRoot: string | undefined): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    REDIS_URL: redisUrl,
    KLAXON_REDIS_PREFIX: prefix,
    PORT: '0',
    STAKEHOLDER_CHANNEL: 'incidents',
    KLAXON_LOCALE: 'en',
    KLAXON_TIMEZONE: 'Asia/Tokyo',
    WORKER_HOST: 'backtest-1',
    REPORTS_DIR: join(scratch, 'reports'),
    ...(backtestRoot ? { BACKTEST_ROOT: backtestRoot } : {}),
  };
}

export async function startBenchKlaxon(options: BenchKlaxonOptions): Promise<BenchKlaxon> {
  const scratch = await mkdtemp(join(tmpdir(), 'klaxon-bench-'));
  const emulator = await createBenchEmulator();
  const backtestRoot = options.worker ? await copyDemoHost(join(scratch, 'backtest')) : undefined;
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const env = benchEnv(emulator, options.redisUrl, prefix, scratch, backtestRoot);
  const loaded = loadConfig(env, 'bot');
  if (!loaded.ok) throw loaded.error;
  const config = loaded.value;
  const logger = createLogger({ level: process.env['KLAXON_BENCH_LOG'] ?? 'silent', pretty: false });
  const bot = await startBot({ config, logger, policy: BENCH_POLICY });
  emulator.setBotUrl(`${bot.url}/slack/events`);
  // Not in the bench's process: on the host the worker has its own event loop, and the bot's work after a
  // click (redraws, clocks, effects) must not delay the worker's pre-run steps, nor the other way round.
  const worker = backtestRoot ? await startWorker(env, () => bot.services.workers()) : undefined;
  const replicas: RunningBot[] = [];
  return {
    emulator,
    bot,
    config,
    general: emulator.channel('general')?.id as string,
    store: bot.services.store,
    async replica() {
      const another = await startBot({ config, logger, policy: BENCH_POLICY });
      replicas.push(another);
      return another;
    },
    async stop() {
      for (const another of replicas) await another.stop();
      if (worker) await stopProcess(worker);
      await bot.stop();
      await emulator.close();
      await deleteKeys(options.redisUrl, prefix);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * `klaxon bot` and `klaxon worker` each in a process of its own, as in production (the bot with the unit's heap
 * flags and log level), and the emulator in the bench's: the bot's event loop and heap then hold only the bot,
 * while Slack's side (the emulator's records of every message and call, the bench's reading of them) runs beside it.
 */
export async function startBenchKlaxonApart(options: BenchKlaxonOptions): Promise<BenchKlaxonApart> {
  const scratch = await mkdtemp(join(tmpdir(), 'klaxon-bench-'));
  const emulator = await createBenchEmulator();
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const redis = createRedis(options.redisUrl, 'command');
  const stopped: (() => Promise<unknown>)[] = [
    () => rm(scratch, { recursive: true, force: true }),
    () => deleteKeys(options.redisUrl, prefix),
    () => emulator.close(),
    () => redis.quit(),
  ];
  const stop = async () => {
    for (const step of stopped.reverse().splice(0)) await step();
  };
  try {
    const env = benchEnv(emulator, options.redisUrl, prefix, scratch, await copyDemoHost(join(scratch, 'backtest')));
    const policyFile = join(scratch, 'policy.json');
    await writeFile(policyFile, JSON.stringify(BENCH_POLICY_FILE));
    const bot = await spawnBot({ ...env, PATH: process.env['PATH'] ?? '', KLAXON_POLICY: policyFile, LOG_LEVEL: 'info' }, BOT_NODE_FLAGS);
    stopped.push(() => bot.stop());
    emulator.setBotUrl(bot.eventsUrl);
    if (options.worker === true) {
      const worker = await startWorker(env, () => listWorkers(redis, prefix));
      stopped.push(() => stopProcess(worker));
    }
    return { emulator, general: emulator.channel('general')?.id as string, store: createIncidentStore(redis, { prefix }), bot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startWorker(env: Readonly<Record<string, string>>, workers: RunningBot['services']['workers']): Promise<ChildProcess> {
  // From the checkout, as the systemd unit in docs/operations.md starts it (the bench runs from the checkout's root).
  const child = spawn(process.execPath, ['bin/klaxon.js', 'worker'], {
    // Only the bench's settings, as the in-process bot gets (the commands see the same minimal PATH either way),
    // and no Slack secret: a worker host holds none.
    env: { ...Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('SLACK_'))), LOG_LEVEL: process.env['KLAXON_BENCH_LOG'] ?? 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`bench: klaxon worker exited with ${child.exitCode}:\n${stderr}`);
        return (await workers()).some((w) => w.host === env['WORKER_HOST'] && w.online) || undefined;
      },
      'klaxon worker to come online',
      30_000,
      50,
    );
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return child;
}

/** SIGTERM, and SIGKILL if the process has not exited 15 s later. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// Everything the run wrote lives under its own prefix (store keys and BullMQ keys alike).
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'command');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
