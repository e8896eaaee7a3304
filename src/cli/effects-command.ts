// `klaxon effects [--retry]`: the Slack effects kept in BullMQ's failed jobs (Slack refused them, or an outage
// outlasted their retries), oldest first; --retry queues them again once the cause is fixed.
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { effectLabel, failedEffects } from '../queue/failed-effects.js';
import { createRedis, redisTargetOf } from '../store/redis-connection.js';

const USAGE = 'usage: klaxon effects [--retry]\n';

export async function effectsCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const unknown = args.find((arg) => arg !== '--retry');
  if (unknown !== undefined) {
    io.stderr.write(`klaxon effects: unknown argument '${unknown}'\n${USAGE}`);
    return 2;
  }
  const redis = createRedis(redisTargetOf(config), 'command');
  redis.on('error', () => undefined);
  const effects = failedEffects(redis, config.redisPrefix);
  try {
    if (args.includes('--retry')) {
      const retried = await effects.retry();
      io.stdout.write(retried.length === 0 ? 'No Slack effect in the failed jobs.\n' : `Queued again: ${retried.map((e) => `${e.id} (${effectLabel(e)})`).join(', ')}.\n`);
      return 0;
    }
    const failed = await effects.list();
    if (failed.length === 0) {
      io.stdout.write('No Slack effect in the failed jobs.\n');
      return 0;
    }
    for (const e of failed) {
      const when = e.failedAt === undefined ? '-' : new Date(e.failedAt).toISOString();
      io.stdout.write(`${[e.id, e.name, e.lane ?? '-', when, `${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`, e.reason].join('  ')}\n`);
    }
    io.stdout.write(`${failed.length} Slack effect${failed.length === 1 ? '' : 's'} in the failed jobs: \`klaxon effects --retry\` tries them again.\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`klaxon effects: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await effects.close();
    redis.disconnect();
  }
}
