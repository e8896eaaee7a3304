// `klaxon doctor`: prints each check on its own line and exits 0 only when all hold.
import { WebClient } from '@slack/web-api';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Config } from '../config.js';
import { runDoctor } from '../doctor.js';
import type { Logger } from '../logger.js';
import { createRedis, redisTargetOf } from '../store/redis-connection.js';
import type { Io } from '../cli.js';

/** The bot scopes of the manifest.yml shipped with klaxon (beside src/ and in the package root above dist/). */
function manifestScopes(): readonly string[] | undefined {
  const found = ['../../manifest.yml', '../../../manifest.yml'].map((path) => new URL(path, import.meta.url)).find((url) => existsSync(url));
  if (!found) return undefined;
  const manifest = parse(readFileSync(found, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const bot = manifest.oauth_config?.scopes?.bot;
  return Array.isArray(bot) ? bot.map(String) : undefined;
}

export async function doctorCommand(_args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const redis = createRedis(redisTargetOf(config), 'command');
  redis.on('error', () => undefined);
  const client = (token: string | undefined) =>
    token ? new WebClient(token, { slackApiUrl: config.slack.apiUrl, timeout: 5000, retryConfig: { retries: 0 } }) : undefined;
  const slack = client(config.slack.botToken);
  const app = client(config.slack.appToken);
  try {
    const scopes = manifestScopes();
    const lines = await runDoctor({ config, redis, ...(slack ? { slack } : {}), ...(app ? { app } : {}), ...(scopes ? { manifestScopes: scopes } : {}) });
    for (const line of lines) io.stdout.write(`${line.ok ? '✓' : '✗'} ${line.text}\n`);
    return lines.every((line) => line.ok) ? 0 : 1;
  } finally {
    redis.disconnect();
  }
}
