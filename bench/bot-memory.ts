// The bot's memory as it runs in production: `klaxon bot` in its own process (nothing else shares its heap),
// started from the checkout like the systemd unit starts it, talking to the Slack emulator in this one, with
// 100 open incidents declared through signed slash commands and set up (channel, header, checklist, clocks).
// RSS is read from /proc, as an operator's `ps` would.
// It runs twice: with the heap flags of the systemd unit in docs/operations.md, and with Node's defaults,
// under which V8 sizes the heap from the machine's memory and lets garbage pile up long before it collects.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createIncidentStore } from '../src/store/incident-store.js';
import { createRedis } from '../src/store/redis-connection.js';
import type { BenchFigure } from './figure.js';
import { round2 } from './quantile.js';
import { spawnBot, type SpawnedBot } from './spawn-bot.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET, BENCH_USERS, createBenchEmulator, deleteKeys } from './start-bench-klaxon.js';
import { waitFor } from './wait-for.js';

/** Resident memory of a process in MiB, from the kernel's own account. */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`bench: no VmRSS for process ${pid}`);
  return kib / 1024;
}

export interface BotMemoryOptions {
  readonly incidents?: number;
  /** V8 flags for the bot's process; none = Node's defaults. */
  readonly nodeFlags?: readonly string[];
}

export async function benchBotMemory(redisUrl: string, options: BotMemoryOptions = {}): Promise<BenchFigure[]> {
  const count = options.incidents ?? 100;
  const flags = options.nodeFlags ?? [];
  const how = flags.length > 0 ? 'with the unit\'s heap flags' : 'with Node\'s default heap';
  const scratch = await mkdtemp(join(tmpdir(), 'klaxon-bench-memory-'));
  const emulator = await createBenchEmulator();
  const prefix = `benchmem${randomBytes(4).toString('hex')}`;
  const env = {
    PATH: process.env['PATH'] ?? '',
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    REDIS_URL: redisUrl,
    KLAXON_REDIS_PREFIX: prefix,
    STAKEHOLDER_CHANNEL: emulator.channel('incidents')?.id ?? '',
    KLAXON_LOCALE: 'en',
    KLAXON_TIMEZONE: 'Asia/Tokyo',
    WORKER_HOST: 'backtest-1',
    REPORTS_DIR: join(scratch, 'reports'),
    // As the unit runs it (the default level); its output is not read.
    LOG_LEVEL: 'info',
  };
  const redis = createRedis(redisUrl, 'command');
  const store = createIncidentStore(redis, { prefix });
  let bot: SpawnedBot | undefined;
  try {
    bot = await spawnBot(env, flags);
    emulator.setBotUrl(bot.eventsUrl);
    const general = emulator.channel('general')?.id as string;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = await rssMiB(bot.pid);

    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      const answer = await emulator.slashCommand({ userId: BENCH_USERS.l1, channelId: general, text: `declare medium Bench open ${n}` });
      const id = /(inc-\d+) declared/.exec(answer.body)?.[1];
      if (!id) throw new Error(`bench: declare ${n} answered ${answer.status} ${answer.body.slice(0, 200)}`);
      ids.push(id);
    }
    await waitFor(
      async () => ((await Promise.all(ids.map(async (id) => Boolean((await store.getLinks(id))['checklist'])))).every(Boolean) ? true : undefined),
      'every incident set up',
      300_000,
      250,
    );
    // Let the effect queue and the clocks settle, as a bot between incidents would.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const open = (await store.listOpen()).length;
    const loaded = await rssMiB(bot.pid);
    return [
      { name: `memory: klaxon bot ${how}, RSS at start (idle)`, value: round2(idle), unit: 'MiB' },
      { name: `memory: klaxon bot ${how}, RSS with ${open} open incidents`, value: round2(loaded), unit: 'MiB', ...(flags.length > 0 ? { target: '≤ 150 (issue 15)' } : {}) },
      { name: `memory: klaxon bot ${how}, RSS growth over ${ids.length} incidents`, value: round2(loaded - idle), unit: 'MiB' },
    ];
  } finally {
    await bot?.stop();
    await redis.quit();
    await emulator.close();
    await deleteKeys(redisUrl, prefix);
    await rm(scratch, { recursive: true, force: true });
  }
}
