// Structured logging with pino: JSON for machines, a readable line format for a terminal. Secrets are redacted.
import { pino, type Logger } from 'pino';
import { redact } from './domain/redact.js';

export type { Logger };

const REDACT = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'authorization', '*.authorization', 'headers.authorization', 'headers["x-slack-signature"]', 'alertWebhookToken',
];

// Paths catch the known secret fields; a secret inside some other string (a webhook URL with ?token=, a
// connection string in an error, a token in command output quoted by a library) is caught by shape.
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, depth + 1)]));
}

export function createLogger(options: { level: string; pretty: boolean; name?: string; destination?: NodeJS.WritableStream }): Logger {
  const base = {
    level: options.level,
    name: options.name ?? 'klaxon',
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: (object: Record<string, unknown>) => redactValue(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...rest: unknown[]) => void) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)));
      },
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (!options.pretty) return pino(base);
  return pino({
    ...base,
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
  });
}
