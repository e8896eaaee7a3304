// `klaxon bot` in its own process, started from the checkout as the systemd unit in docs/operations.md starts
// it: nothing else shares its heap or its event loop, as in production, where Slack is on Slack's machines.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../src/sandbox/redis-server.js';
import { waitFor } from './wait-for.js';

/**
 * The V8 flags `klaxon-bot.service` starts the bot with (docs/operations.md; a test keeps the two the same):
 * small young generation, and an old generation cap far above what the bot holds (about 30 MiB with 100 open
 * incidents) that makes V8 collect instead of growing.
 */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=256'] as const;

export interface SpawnedBot {
  /** Where Slack's requests go. */
  readonly eventsUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts the bot with `env` (its whole environment, PORT excepted) and waits until it answers /healthz. */
export async function spawnBot(env: Readonly<Record<string, string>>, nodeFlags: readonly string[]): Promise<SpawnedBot> {
  const port = await freePort();
  const bot = spawn(process.execPath, [...nodeFlags, 'bin/klaxon.js', 'bot'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  bot.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const stop = async () => {
    if (bot.exitCode !== null || bot.signalCode !== null) return;
    bot.kill('SIGTERM');
    await Promise.race([once(bot, 'exit'), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (bot.exitCode !== null) throw new Error(`bench: klaxon bot exited with ${bot.exitCode}:\n${stderr}`);
        return (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) || undefined;
      },
      'klaxon bot to listen',
      60_000,
      100,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { eventsUrl: `${url}/slack/events`, pid: bot.pid as number, stop };
}
