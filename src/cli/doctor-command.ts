// `klaxon doctor`: prints each check on its own line and exits 0 only when all hold.
import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { runDoctor } from '../doctor.js';
import type { Logger } from '../logger.js';
import { createRedis, redisTargetOf } from '../store/redis-connection.js';
import type { Io } from '../cli.js';

export async function doctorCommand(_args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const redis = createRedis(redisTargetOf(config), 'command');
  redis.on('error', () => undefined);
  const client = (token: string | undefined) =>
    token ? new WebClient(token, { slackApiUrl: config.slack.apiUrl, timeout: 5000, retryConfig: { retries: 0 } }) : undefined;
  const slack = client(config.slack.botToken);
  const app = client(config.slack.appToken);
  try {
    const lines = await runDoctor({ config, redis, ...(slack ? { slack } : {}), ...(app ? { app } : {}) });
    for (const line of lines) io.stdout.write(`${line.ok ? '✓' : '✗'} ${line.text}\n`);
    return lines.every((line) => line.ok) ? 0 : 1;
  } finally {
    redis.disconnect();
  }
}
