// Structured logging with pino: JSON for machines, a readable line format for a terminal. Secrets are redacted.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'authorization', '*.authorization', 'headers.authorization', 'headers["x-slack-signature"]', 'alertWebhookToken',
];

export function createLogger(options: { level: string; pretty: boolean; name?: string }): Logger {
  const base = { level: options.level, name: options.name ?? 'klaxon', redact: { paths: REDACT, censor: '[redacted]' } };
  if (!options.pretty) return pino(base);
  return pino({
    ...base,
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
  });
}
