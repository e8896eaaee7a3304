// The `klaxon` entry point: reads the environment once, picks the subcommand and hands over.
import { existsSync } from 'node:fs';
import { loadConfig, type Config, type Role } from './config.js';
import { createLogger, type Logger } from './logger.js';

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = `usage: klaxon <command> [options]

  start                     the sandbox when no Slack token is configured, otherwise the bot
  sandbox                   everything locally: Redis, a Slack emulator with a web console, the bot, a worker
  bot                       the Slack bot (HTTP on PORT, or Socket Mode when SLACK_APP_TOKEN is set)
  worker                    run this host's diagnostics queue (WORKER_HOST) against BACKTEST_ROOT
  exec <id> [--param k=v]… [--json]   run one catalogue command on this host and print the result
  commands [--json]         list the catalogue of commands the worker may run
  report <incident-id> [--out FILE]   render an incident's report from Redis
  followups [--open] [--csv] [--include-private]   every incident's follow-ups (owner, due day, state), as a table or CSV
  stats [--month YYYY-MM] [--json]    response times and §1.2 targets met, per month and severity
  effects [--retry]         the Slack effects kept as failed (refused, or past their retries); --retry queues them again
  doctor                    check configuration, Redis settings, Slack auth, failed Slack effects and online workers

Configuration comes from the environment (and ./.env when present); see .env.example.
`;

type Handler = (args: readonly string[], config: Config, logger: Logger, io: Io) => Promise<number>;

const HANDLERS: Readonly<Record<string, { role: Role; load: () => Promise<Handler> }>> = {
  doctor: { role: 'doctor', load: async () => (await import('./cli/doctor-command.js')).doctorCommand },
  commands: { role: 'commands', load: async () => (await import('./cli/catalogue-commands.js')).commandsCommand },
  exec: { role: 'exec', load: async () => (await import('./cli/catalogue-commands.js')).execCommand },
  bot: { role: 'bot', load: async () => (await import('./cli/bot-command.js')).botCommand },
  worker: { role: 'worker', load: async () => (await import('./cli/worker-command.js')).workerCommand },
  sandbox: { role: 'sandbox', load: async () => (await import('./cli/sandbox-command.js')).sandboxCommand },
  report: { role: 'report', load: async () => (await import('./cli/report-command.js')).reportCommand },
  // Read-only views of Redis like `report`, so they need what it needs.
  followups: { role: 'report', load: async () => (await import('./cli/followups-command.js')).followupsCommand },
  stats: { role: 'report', load: async () => (await import('./cli/stats-command.js')).statsCommand },
  // Needs Redis only, as the doctor does.
  effects: { role: 'doctor', load: async () => (await import('./cli/effects-command.js')).effectsCommand },
};

export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  const [first, ...args] = argv;
  let command = first;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = process.env;
  if (command === 'start') command = env['SLACK_BOT_TOKEN'] ? 'bot' : 'sandbox';
  const entry = HANDLERS[command];
  if (!entry) {
    io.stderr.write(`klaxon: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(env, entry.role);
  if (!config.ok) {
    io.stderr.write(`${config.error.message}\nSee .env.example for every variable.\n`);
    return 2;
  }
  const logger = createLogger({
    level: config.value.log.level,
    pretty: config.value.log.pretty ?? Boolean((io.stderr as { isTTY?: boolean }).isTTY),
  });
  const handler = await entry.load();
  return handler(args, config.value, logger, io);
}
