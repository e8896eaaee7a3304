// `klaxon doctor`: one line per check, each failure with how to fix it; exit code 0 only when all hold.
import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { effectLabel, failedEffects } from './queue/failed-effects.js';
import { storeKeys } from './store/keys.js';
import { listWorkers } from './store/worker-presence.js';
import { checkRedis, describeRedisTarget, redisTargetOf } from './store/redis-connection.js';
import { isChannelId } from './slack/channel-id.js';

export interface DoctorLine {
  readonly ok: boolean;
  readonly text: string;
}

export interface DoctorDeps {
  readonly config: Config;
  readonly redis: Redis;
  readonly slack?: WebClient;
  /** A client on the app-level token (Socket Mode), when SLACK_APP_TOKEN is set. */
  readonly app?: WebClient;
  /** The bot scopes manifest.yml asks for, to compare with those the token was granted. */
  readonly manifestScopes?: readonly string[];
}

/** Slack's error name from a failed call, or the message of anything else. */
const slackErrorOf = (error: unknown): string => (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;

/** klaxon posts in STAKEHOLDER_CHANNEL and OPS_CHANNEL: a channel it was never invited to refuses every post. */
async function checkMembership(slack: WebClient, variable: string, channel: string, unseen: string): Promise<DoctorLine> {
  // chat.postMessage takes a name, but every other method wants the ID: the membership check here, and the
  // search for a post whose answer was lost (without it a retry may post twice).
  if (!isChannelId(channel)) {
    return { ok: false, text: `${variable}=${channel} is a name: set it to the channel's ID (C…, in the channel's details, bottom of the About tab); Slack's other methods do not take names.` };
  }
  try {
    await slack.conversations.history({ channel, limit: 1 });
    return { ok: true, text: `klaxon is a member of ${channel} (${variable})` };
  } catch (error) {
    const slackError = slackErrorOf(error);
    if (slackError === 'not_in_channel') {
      return { ok: false, text: `klaxon is not a member of ${channel} (${variable}): type \`/invite @klaxon\` in that channel, or ${unseen}.` };
    }
    if (slackError === 'channel_not_found') {
      return { ok: false, text: `${variable}=${channel} is not a channel klaxon can see: set it to the channel's ID (C…, in the channel's details) and invite klaxon there.` };
    }
    return { ok: false, text: `Could not check ${variable}=${channel} (${slackError}): reinstall the app from manifest.yml so it has channels:history.` };
  }
}

/** Slack names the token's scopes in every answer's `x-oauth-scopes` header; a scope added to the manifest after install is missing until the app is reinstalled. */
function checkScopes(granted: readonly string[] | undefined, wanted: readonly string[]): DoctorLine {
  if (granted === undefined) return { ok: true, text: 'Slack did not name the token’s scopes (no x-oauth-scopes header): scopes not checked' };
  const missing = wanted.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return { ok: true, text: `The bot token has every scope manifest.yml asks for (${wanted.length})` };
  return {
    ok: false,
    text: `The bot token lacks ${missing.join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} under OAuth & Permissions → Bot Token Scopes (or update the app from manifest.yml) and reinstall the app to the workspace.`,
  };
}

/** Socket Mode needs an app-level token with connections:write; a wrong one fails only when the bot starts. */
async function checkAppToken(app: WebClient): Promise<DoctorLine> {
  try {
    await app.apps.connections.open();
    return { ok: true, text: 'Socket Mode token works (SLACK_APP_TOKEN opened a connection URL)' };
  } catch (error) {
    return { ok: false, text: `SLACK_APP_TOKEN refused (${slackErrorOf(error)}): generate an app-level token with the connections:write scope (Basic Information → App-Level Tokens).` };
  }
}

/** An effect in the failed jobs is something klaxon acknowledged that never appeared in Slack. */
async function checkFailedEffects(redis: Redis, prefix: string): Promise<DoctorLine> {
  const effects = failedEffects(redis, prefix);
  try {
    const failed = await effects.list();
    const last = failed.at(-1);
    if (last === undefined) return { ok: true, text: 'No Slack effect in the failed jobs' };
    return {
      ok: false,
      text: `${failed.length} Slack effect${failed.length === 1 ? '' : 's'} failed for good (${effectLabel(last)}: ${last.reason}): fix the cause, then \`klaxon effects --retry\` (\`klaxon effects\` lists them).`,
    };
  } finally {
    await effects.close();
  }
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  const redisUrl = describeRedisTarget(redisTargetOf(deps.config));
  try {
    await deps.redis.ping();
  } catch (error) {
    lines.push({
      ok: false,
      text: `Redis at ${redisUrl} is unreachable (${(error as Error).message}): start it, or fix REDIS_URL (or REDIS_SENTINELS).`,
    });
    return lines;
  }
  const check = await checkRedis(deps.redis);
  lines.push({ ok: true, text: `Redis ${check.version} reachable at ${redisUrl}` });
  for (const problem of check.problems) lines.push({ ok: false, text: problem });
  if (check.problems.length === 0) lines.push({ ok: true, text: 'Redis keeps data safely (appendonly yes, maxmemory-policy noeviction)' });
  if (deps.config.redisWaitReplicas > 0) {
    const replicas = Number(/^connected_slaves:(\d+)/m.exec(await deps.redis.info('replication'))?.[1] ?? 0);
    const wanted = deps.config.redisWaitReplicas;
    lines.push(
      replicas >= wanted
        ? { ok: true, text: `${replicas} replica(s) connected; actions are saved once ${wanted} hold(s) them` }
        : { ok: false, text: `${replicas} replica(s) connected but REDIS_WAIT_REPLICAS is ${wanted}: every action is answered "not saved" until enough replicas are back (or lower REDIS_WAIT_REPLICAS).` },
    );
  }

  if (deps.slack) {
    try {
      const auth = await deps.slack.auth.test();
      lines.push({ ok: true, text: `Slack token works: bot ${auth.user ?? auth.user_id} in team ${auth.team ?? auth.team_id}` });
      if (deps.manifestScopes) lines.push(checkScopes(auth.response_metadata?.scopes, deps.manifestScopes));
      if (deps.config.stakeholderChannel) lines.push(await checkMembership(deps.slack, 'STAKEHOLDER_CHANNEL', deps.config.stakeholderChannel, 'stakeholders are never told'));
      if (deps.config.opsChannel) lines.push(await checkMembership(deps.slack, 'OPS_CHANNEL', deps.config.opsChannel, 'scheduled maintenance and the canary never report'));
    } catch (error) {
      lines.push({ ok: false, text: `Slack auth.test failed (${(error as Error).message}): check SLACK_BOT_TOKEN and SLACK_API_URL.` });
    }
    if (deps.app) lines.push(await checkAppToken(deps.app));
  } else {
    lines.push({ ok: true, text: 'Slack not configured (no SLACK_BOT_TOKEN): only the sandbox can run' });
  }

  lines.push(await checkFailedEffects(deps.redis, deps.config.redisPrefix));

  const workers = await listWorkers(deps.redis, deps.config.redisPrefix);
  if (workers.length === 0) {
    lines.push({ ok: true, text: 'No worker has registered yet: start `klaxon worker` on each backtest host' });
  }
  for (const worker of workers) {
    lines.push(
      worker.online
        ? { ok: true, text: `Worker ${worker.host} online (pid ${worker.pid}, concurrency ${worker.concurrency})` }
        : {
            ok: false,
            // klaxon keeps every host a worker ever served (runs for it wait rather than being refused), so a
            // misspelt WORKER_HOST stays until someone removes it.
            text:
              `Worker ${worker.host} is offline: start \`klaxon worker\` with WORKER_HOST=${worker.host} on that host. ` +
              `If no host is called ${worker.host} (a misspelt WORKER_HOST), forget it: \`redis-cli SREM '${storeKeys(deps.config.redisPrefix).workerHosts}' ${worker.host}\`.`,
          },
    );
  }
  return lines;
}
