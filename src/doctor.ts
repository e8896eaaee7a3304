// `klaxon doctor`: one line per check, each failure with how to fix it; exit code 0 only when all hold.
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { listWorkers } from './store/worker-presence.js';
import { checkRedis } from './store/redis-connection.js';

export interface DoctorLine {
  readonly ok: boolean;
  readonly text: string;
}

export interface DoctorDeps {
  readonly config: Config;
  readonly redis: Redis;
  readonly slack?: WebClient;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  const redisUrl = deps.config.redisUrl?.replace(/\/\/([^@/]*)@/, '//***@');
  try {
    await deps.redis.ping();
  } catch (error) {
    lines.push({
      ok: false,
      text: `Redis at ${redisUrl} is unreachable (${(error as Error).message}): start it, or fix REDIS_URL.`,
    });
    return lines;
  }
  const check = await checkRedis(deps.redis);
  lines.push({ ok: true, text: `Redis ${check.version} reachable at ${redisUrl}` });
  for (const problem of check.problems) lines.push({ ok: false, text: problem });
  if (check.problems.length === 0) lines.push({ ok: true, text: 'Redis keeps data safely (appendonly yes, maxmemory-policy noeviction)' });

  if (deps.slack) {
    try {
      const auth = await deps.slack.auth.test();
      lines.push({ ok: true, text: `Slack token works: bot ${auth.user ?? auth.user_id} in team ${auth.team ?? auth.team_id}` });
    } catch (error) {
      lines.push({ ok: false, text: `Slack auth.test failed (${(error as Error).message}): check SLACK_BOT_TOKEN and SLACK_API_URL.` });
    }
  } else {
    lines.push({ ok: true, text: 'Slack not configured (no SLACK_BOT_TOKEN): only the sandbox can run' });
  }

  const workers = await listWorkers(deps.redis, deps.config.redisPrefix);
  if (workers.length === 0) {
    lines.push({ ok: true, text: 'No worker has registered yet: start `klaxon worker` on each backtest host' });
  }
  for (const worker of workers) {
    lines.push(
      worker.online
        ? { ok: true, text: `Worker ${worker.host} online (pid ${worker.pid}, concurrency ${worker.concurrency})` }
        : { ok: false, text: `Worker ${worker.host} is offline: start \`klaxon worker\` with WORKER_HOST=${worker.host} on that host.` },
    );
  }
  return lines;
}
