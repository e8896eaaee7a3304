// loadConfig(env): the one place that reads the environment. Every problem is reported at once.
import { z } from 'zod';
import { err, ok, type Result } from './domain/result.js';
import { LOCALES, type Locale } from './domain/locale.js';
import { isTimeZone } from './domain/time.js';

export type Role = 'bot' | 'worker' | 'sandbox' | 'doctor' | 'exec' | 'report' | 'commands';

export interface Config {
  readonly slack: {
    readonly botToken?: string;
    readonly signingSecret?: string;
    /** Set = Socket Mode. */
    readonly appToken?: string;
    readonly apiUrl?: string;
  };
  readonly port: number;
  /** The address the bot's HTTP server binds to; unset = every interface (Node's default). */
  readonly host?: string;
  readonly redisUrl?: string;
  /** Set = the Redis primary is found through these Sentinels (REDIS_URL then gives only credentials, database and TLS). */
  readonly redisSentinel?: RedisSentinelConfig;
  /** How many replicas must hold a person's action before klaxon answers "saved" (Redis WAIT); 0 = do not wait. */
  readonly redisWaitReplicas: number;
  readonly redisPrefix: string;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly stakeholderChannel?: string;
  /** Where scheduled maintenance and the golden-run canary post their summaries (id or name). */
  readonly opsChannel?: string;
  readonly backtestRoot?: string;
  readonly backtestPython: string;
  /** The backtest system's dashboard on its host: the default of the dashboard status check. */
  readonly dashboardUrl: string;
  readonly workerHost: string;
  readonly workerConcurrency: number;
  /** BullMQ lock duration and stalled-check interval of the worker (how soon a dead worker's job is noticed). */
  readonly workerLockMs: number;
  readonly reportsDir: string;
  readonly archiveOnClose: boolean;
  readonly alertWebhookToken?: string;
  readonly policyFile?: string;
  /** pretty unset = decide by whether stdout is a terminal. */
  /** What a child process on this host may inherit: PATH, HOME, LANG, TZ (never secrets). */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  readonly log: { readonly level: string; readonly pretty?: boolean };
}

export interface RedisSentinelConfig {
  readonly sentinels: readonly { readonly host: string; readonly port: number }[];
  /** The name the Sentinels monitor the primary under. */
  readonly name: string;
  readonly password?: string;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`klaxon configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const booleanWord = z.preprocess(
  blankToUndefined,
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional().transform((v) => v === 'true' || v === '1' || v === 'yes'),
);

const schema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: z.preprocess(blankToUndefined, z.string().min(8, 'looks too short for a signing secret').optional()),
  SLACK_APP_TOKEN: z.preprocess(blankToUndefined, z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
  SLACK_API_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  PORT: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, 'must be an address or host name such as 127.0.0.1').optional()),
  REDIS_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional()),
  REDIS_SENTINELS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+:\d{1,5}(,\s*[A-Za-z0-9.:[\]-]+:\d{1,5})*$/, 'must be host:port pairs separated by commas')
      .transform((list) => list.split(',').map((pair) => pair.trim()).map((pair) => ({ host: pair.slice(0, pair.lastIndexOf(':')).replace(/^\[|\]$/g, ''), port: Number(pair.slice(pair.lastIndexOf(':') + 1)) })))
      .optional(),
  ),
  REDIS_SENTINEL_NAME: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1-64 of letters, digits, _ . -').default('mymaster')),
  REDIS_SENTINEL_PASSWORD: optionalString,
  REDIS_WAIT_REPLICAS: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).int().min(0).max(16).optional()),
  KLAXON_REDIS_PREFIX: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9_-]{1,32}$/, 'use 1-32 of a-z 0-9 _ -').default('klaxon')),
  KLAXON_TIMEZONE: z.preprocess(blankToUndefined, z.string().refine(isTimeZone, 'is not an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo')),
  KLAXON_LOCALE: z.preprocess(blankToUndefined, z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }).default('ja')),
  STAKEHOLDER_CHANNEL: optionalString,
  OPS_CHANNEL: optionalString,
  BACKTEST_ROOT: optionalString,
  BACKTEST_PYTHON: z.preprocess(blankToUndefined, z.string().default('python3')),
  BACKTEST_DASHBOARD_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^http$/, error: 'must be an http:// URL' }).default('http://127.0.0.1:8080')),
  WORKER_HOST: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use 1-64 of letters, digits, _ . -').default('backtest-1')),
  WORKER_CONCURRENCY: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).int().min(1).max(32).default(2)),
  WORKER_LOCK_MS: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).int().min(1000).max(600_000).default(30_000)),
  REPORTS_DIR: z.preprocess(blankToUndefined, z.string().default('incident_reports')),
  KLAXON_ARCHIVE_ON_CLOSE: booleanWord,
  ALERT_WEBHOOK_TOKEN: z.preprocess(blankToUndefined, z.string().min(16, 'use at least 16 characters').optional()),
  KLAXON_POLICY: optionalString,
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info')),
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['json', 'pretty']).optional()),
});

/** The environment a command on the backtest host sees; everything else (tokens, REDIS_URL) stays out. */
const HOST_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT', 'PYENV_ROOT', 'VIRTUAL_ENV'] as const;

const REQUIRED: Readonly<Record<Role, readonly (keyof z.infer<typeof schema>)[]>> = {
  bot: ['SLACK_BOT_TOKEN', 'REDIS_URL'],
  worker: ['REDIS_URL', 'BACKTEST_ROOT'],
  sandbox: [],
  doctor: ['REDIS_URL'],
  exec: ['BACKTEST_ROOT'],
  report: ['REDIS_URL'],
  commands: [],
};

/**
 * Validates the environment for one role of the `klaxon` command.
 * @example loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, 'doctor') //=> { ok: true, value: { … } }
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, role: Role): Result<Config, ConfigError> {
  const problems: string[] = [];
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  for (const name of REQUIRED[role]) {
    if (name === 'REDIS_URL' && blankToUndefined(env['REDIS_SENTINELS']) !== undefined) continue;
    if (blankToUndefined(env[name]) === undefined) problems.push(`${name}: is required for 'klaxon ${role}'${name === 'REDIS_URL' ? ' (or REDIS_SENTINELS)' : ''}`);
  }
  if (role === 'bot' && blankToUndefined(env['SLACK_APP_TOKEN']) === undefined && blankToUndefined(env['SLACK_SIGNING_SECRET']) === undefined) {
    problems.push("SLACK_SIGNING_SECRET: is required for 'klaxon bot' in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  if (!parsed.success || problems.length > 0) return err(new ConfigError([...new Set(problems)]));
  const v = parsed.data;
  return ok({
    slack: { botToken: v.SLACK_BOT_TOKEN, signingSecret: v.SLACK_SIGNING_SECRET, appToken: v.SLACK_APP_TOKEN, apiUrl: v.SLACK_API_URL },
    port: v.PORT,
    host: v.HOST,
    redisUrl: v.REDIS_URL,
    ...(v.REDIS_SENTINELS ? { redisSentinel: { sentinels: v.REDIS_SENTINELS, name: v.REDIS_SENTINEL_NAME, ...(v.REDIS_SENTINEL_PASSWORD ? { password: v.REDIS_SENTINEL_PASSWORD } : {}) } } : {}),
    // Behind Sentinel a failover promotes a replica: an action only the old primary held would be lost.
    redisWaitReplicas: v.REDIS_WAIT_REPLICAS ?? (v.REDIS_SENTINELS ? 1 : 0),
    redisPrefix: v.KLAXON_REDIS_PREFIX,
    timeZone: v.KLAXON_TIMEZONE,
    locale: v.KLAXON_LOCALE,
    stakeholderChannel: v.STAKEHOLDER_CHANNEL,
    opsChannel: v.OPS_CHANNEL,
    backtestRoot: v.BACKTEST_ROOT,
    backtestPython: v.BACKTEST_PYTHON,
    dashboardUrl: v.BACKTEST_DASHBOARD_URL,
    workerHost: v.WORKER_HOST,
    workerConcurrency: v.WORKER_CONCURRENCY,
    workerLockMs: v.WORKER_LOCK_MS,
    reportsDir: v.REPORTS_DIR,
    archiveOnClose: v.KLAXON_ARCHIVE_ON_CLOSE,
    alertWebhookToken: v.ALERT_WEBHOOK_TOKEN,
    policyFile: v.KLAXON_POLICY,
    hostEnv: Object.fromEntries(HOST_ENV.map((name) => [name, env[name]])),
    log: { level: v.LOG_LEVEL, pretty: v.LOG_FORMAT === undefined ? undefined : v.LOG_FORMAT === 'pretty' },
  });
}

/** The config with every secret masked: what may appear in a log line or `klaxon doctor`. */
export function describeConfig(config: Config): Record<string, unknown> {
  const mask = (secret: string | undefined): string | undefined => (secret ? `${secret.slice(0, 5)}…(${secret.length} chars)` : undefined);
  return {
    ...config,
    slack: { ...config.slack, botToken: mask(config.slack.botToken), signingSecret: mask(config.slack.signingSecret), appToken: mask(config.slack.appToken) },
    redisUrl: config.redisUrl?.replace(/\/\/([^@/]*)@/, '//***@'),
    ...(config.redisSentinel ? { redisSentinel: { ...config.redisSentinel, password: mask(config.redisSentinel.password) } } : {}),
    alertWebhookToken: mask(config.alertWebhookToken),
  };
}
