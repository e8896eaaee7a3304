// The bot's composition root: Redis, store, queues, the Bolt app with its listeners, the Slack effect
// processor, and the HTTP routes. The sandbox and the tests start the very same thing.
import { App, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Server } from 'node:http';
import { catalogue as builtCatalogue, playbooks } from '../commands/index.js';
import { alertRoutes } from './alerts/alert-routes.js';
import { createUserGroups } from './slack/user-groups.js';
import { createPeopleDirectory } from './slack/people-directory.js';
import { announceChanges } from './app/announce-changes.js';
import { createRecorder } from './app/record.js';
import type { Services } from './app/services.js';
import { applyIntent, decodeIntent } from './domain/intent.js';
import type { Config } from './config.js';
import { loadPolicy } from './load-policy.js';
import type { Logger } from './logger.js';
import { createMetrics, registerResponseMetrics, type Metrics } from './metrics.js';
import { clockHandler } from './app/clocks.js';
import { rescheduleFollowUps } from './app/follow-up-jobs.js';
import { allMeasures, scheduleMonthlySummary } from './app/response-stats.js';
import { rescheduleOpenIncidents, scheduleClocks } from './app/schedule-clocks.js';
import { queueMissingSetups } from './app/queue-missing-setups.js';
import { queueOwedReports } from './app/queue-owed-reports.js';
import { resumeQueuedRuns, runsSeen } from './app/resume-queued-runs.js';
import { startPassRunner } from './app/pass-runner.js';
import { createClockJobs, startClockProcessor } from './queue/clock-queue.js';
import { closeWorker } from './queue/close-worker.js';
import { firePlan, syncMaintenance } from './app/maintenance.js';
import { checkScheduledWork } from './domain/maintenance-policy.js';
import { maintenanceQueue, nextFirings, startMaintenanceWorker, syncSchedulers } from './queue/maintenance-queue.js';
import { createMaintenanceStore } from './store/maintenance-store.js';
import type { EffectRetry } from './queue/effect-backoff.js';
import { startEffectWorker } from './queue/effect-worker.js';
import { createProducers, type Producers } from './queue/queues.js';
import { effectProcessor } from './slack/effects/process-effect.js';
import { alertWords } from './slack/views/alert-words.js';
import { boltLogger } from './slack/bolt-logger.js';
import { registerActions } from './slack/listeners/actions.js';
import { registerIncidentCommand } from './slack/listeners/incident-command.js';
import { registerMaintenanceActions } from './slack/listeners/maintenance-actions.js';
import { registerModals } from './slack/listeners/modals.js';
import { registerReactions } from './slack/listeners/reactions.js';
import { registerShortcuts } from './slack/listeners/shortcuts.js';
import { registerAppHome } from './slack/listeners/app-home.js';
import { dispatchRequests } from './slack/listeners/dispatch-requests.js';
import { cleanInput } from './slack/clean-input.js';
import { isOwnEvent } from './slack/own-event.js';
import { HTTP_LIMITS, limitServer, serverOptions } from './slack/http-limits.js';
import { createReceiver } from './slack/receiver.js';
import { createEarlyIncidentReads } from './slack/early-incident-reads.js';
import { createReplayGuard } from './slack/replay-guard.js';
import { answerEventsWhenHandled } from './slack/answer-events-when-handled.js';
import { serveRoutes } from './slack/route-server.js';
import { watchSocket, type SocketConnection } from './slack/socket-connection.js';
import { createSlackApi, type SlackApiOptions } from './slack/slack-api.js';
import { reportFailure } from './slack/report-failure.js';
import { createApprovals } from './store/approvals.js';
import { createAuditLog } from './store/audit-log.js';
import { createHomeViewers } from './store/home-viewers.js';
import { createDeclareWindow } from './store/declare-window.js';
import { createIncidentStore } from './store/incident-store.js';
import { createIntentLog } from './store/intent-log.js';
import { createOnce } from './store/once.js';
import { createRedis, redisTargetOf } from './store/redis-connection.js';
import { loadScripts } from './load-scripts.js';
import { hostCatalogue } from './worker/host-catalogue.js';
import { listWorkers } from './store/worker-presence.js';
import type { Policy } from './domain/policy.js';

export interface BotOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** @pure false */
  readonly now?: () => number;
  readonly slackApi?: SlackApiOptions;
  /** When a failed Slack effect job is tried again (default EFFECT_RETRY). */
  readonly effectRetry?: EffectRetry;
  readonly renderDelayMs?: number;
  readonly policy?: Policy;
  /** How often the bot looks for setups and runs a failure left behind, besides when Redis comes back (default a minute). */
  readonly resumeEveryMs?: number;
}

/** A failed write that broke no connection is noticed by the periodic look alone: this is how long it may wait. */
export const RESUME_EVERY_MS = 60_000;

export interface RunningBot {
  readonly port: number;
  readonly url: string;
  readonly services: Services;
  readonly metrics: Metrics;
  /** The adapters behind the services' ports, for tests, benches and operations. */
  readonly redis: Redis;
  readonly producers: Producers;
  /** Resolves when the bot can no longer receive anything (Socket Mode refused for good): exit and be restarted. */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  if (!config.slack.botToken) throw new Error('SLACK_BOT_TOKEN is required');
  const policy = options.policy ?? (await loadPolicy(config.policyFile));
  if ('ok' in policy && !policy.ok) throw new Error(policy.error);
  // The bot fills in defaults when it queues a run, so it takes the host settings' defaults too.
  const catalogue = hostCatalogue(builtCatalogue, config);
  const scheduledWork = checkScheduledWork(('ok' in policy ? policy.value : policy).maintenance, catalogue);
  if (scheduledWork.length > 0) throw new Error(`the policy's maintenance section does not fit the catalogue:\n${scheduledWork.map((p) => `  - ${p}`).join('\n')}`);
  const redis: Redis = createRedis(redisTargetOf(config), 'command');
  const blocking: Redis = createRedis(redisTargetOf(config), 'blocking');
  for (const connection of [redis, blocking]) connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const prefix = config.redisPrefix;
  const producers = createProducers(redis, prefix, options.renderDelayMs);
  const schedulerQueue = maintenanceQueue(redis, prefix);
  const metrics = createMetrics();

  const routes: CustomRoute[] = [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        // In Socket Mode, also the connection's state and how long ago Slack last sent anything on it.
        const health = socket?.health();
        const socketPart = health ? { socket: health } : {};
        const socketUp = health === undefined || health.state !== 'disconnected';
        redis.ping().then(
          () => res.writeHead(socketUp ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: socketUp, redis: 'up', ...socketPart })),
          () => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, redis: 'down', ...socketPart })),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
      },
    },
    // Served before `services` exists, so the routes read it per request.
    ...alertRoutes(
      () => services,
      () => ({
        words: alertWords(config.locale, config.timeZone),
        declareWindow: (limit, globalLimit) => createDeclareWindow(redis, { prefix, limit, globalLimit }),
      }),
    ),
  ];

  const bolt = boltLogger(logger);
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    timeout: options.slackApi?.timeoutMs ?? 10_000,
    // klaxon retries itself (slack-api.ts, then the queue): the client must not pause or retry on its own.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const socketMode = Boolean(config.slack.appToken);
  const socketReceiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken as string,
        logger: bolt,
        // The socket's own client keeps its default retries: a 500 from apps.connections.open (at start or at
        // a reconnect) must be retried, not end the connection.
        installerOptions: { clientOptions: { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), timeout: 10_000 } },
      })
    : undefined;
  const socket: SocketConnection | undefined = socketReceiver ? watchSocket(socketReceiver.client, logger, now) : undefined;
  const once = createOnce(redis, { prefix });
  const replay = createReplayGuard(once, now);
  const store = createIncidentStore(redis, { prefix });
  const early = createEarlyIncidentReads(store);
  // A copy seen here before is a replay: it costs no read.
  const signed = (body: Record<string, unknown>) => {
    if (replay.start(body)) early.start(body);
  };
  const receiver = socketReceiver ?? createReceiver({ signingSecret: config.slack.signingSecret as string, signed, routes, logger: bolt, now });
  const app = new App({
    token: config.slack.botToken,
    logger: bolt,
    clientOptions,
    extendedErrorHandler: true,
    // klaxon keeps no per-conversation state in Bolt; its default store builds an Error on every request.
    convoStore: false,
    // The same check runs as the first step of klaxon's one middleware (own-event.ts), for less per request.
    ignoreSelf: false,
    receiver,
  });

  const userGroups = createUserGroups(app.client, now, logger);

  const people = createPeopleDirectory(app.client, now, logger);
  const slack = createSlackApi(app.client, {
    ...options.slackApi,
    onRetry: (info) => logger.warn(info, 'Slack call failed; retrying'),
  });
  const recorder = createRecorder({
    intents: createIntentLog(redis, { prefix, replicas: config.redisWaitReplicas }),
    decide: (incident, json) => applyIntent(incident, decodeIntent(json)),
    logger,
    now,
    // Called only after start-up, when `services` exists.
    afterFold: async (incident, events) => {
      await services.effects.render(incident.id);
      await announceChanges(services, events);
      await scheduleClocks(services, incident);
    },
  });
  const services: Services = {
    config,
    logger,
    store,
    recorder,
    audit: createAuditLog(redis, { prefix }),
    once,
    effects: producers.effects,
    runs: producers.runs,
    clockJobs: createClockJobs(producers.clocks, now),
    approvals: createApprovals(redis, { prefix }),
    maintenance: createMaintenanceStore(redis, { prefix }),
    schedules: { sync: (specs) => syncSchedulers(schedulerQueue, specs), next: () => nextFirings(schedulerQueue) },
    homeViewers: createHomeViewers(redis, { prefix }),
    workers: () => listWorkers(redis, prefix),
    policy: 'ok' in policy ? policy.value : policy,
    catalogue,
    playbooks,
    groupsOf: userGroups.groupsOf,
    findPeople: (name) => people.find(name),
    now,
  };

  // Every request's handling, also what a listener does after its ack, is tracked so stop() waits for it
  // before Redis goes; it is counted and timed; and the answer budgets count from the request's arrival (the
  // HTTP receiver's stamp; a Socket Mode envelope's is the dispatch's `now` when handed over), so the listeners
  // say "saved" or "not saved" within Slack's 3 s. Then the app's own events are dropped, the replay guard and the cleaning, then its handler.
  const inFlight = new Set<Promise<unknown>>();
  const listeners = dispatchRequests(app, {
    now,
    onError: reportFailure(services, slack),
    around: async ({ body }, handle) => {
      const kind = (body as { type?: string; command?: string }).command ? 'command' : String((body as { type?: string }).type ?? 'unknown');
      metrics.slackRequests.inc({ kind });
      const end = metrics.handlerSeconds.startTimer({ kind });
      const handling = handle();
      inFlight.add(handling);
      try {
        await handling;
      } finally {
        inFlight.delete(handling);
        end();
      }
    },
    steps: [
      ({ body, context }) => !isOwnEvent(body, context),
      replay.admits,
      ({ body }) => {
        cleanInput(body);
        return true;
      },
    ],
  });
  registerIncidentCommand(listeners, services, slack);
  registerActions(listeners, services, slack, early);
  registerMaintenanceActions(listeners, services);
  registerModals(listeners, services);
  registerReactions(listeners, services);
  registerShortcuts(listeners, services, slack);
  registerAppHome(listeners, services);
  answerEventsWhenHandled(app, replay);

  const readArtifact = async (key: string) => (await redis.getBuffer(key)) ?? undefined;
  const deliver = effectProcessor({ services, slack, botToken: config.slack.botToken, readArtifact });
  const effects: Worker = startEffectWorker({ connection: blocking, prefix, logger, process: deliver, ...(options.effectRetry ? { retry: options.effectRetry } : {}) });
  const clockWorker: Worker = startClockProcessor({ connection: blocking, prefix, logger, handle: clockHandler(services) });
  await loadScripts(redis, logger);
  // Delayed jobs live in Redis; this also covers a transition whose scheduling a crash cut short.
  logger.info(await rescheduleOpenIncidents(services), 'clocks scheduled for open incidents');
  logger.info({ jobs: await rescheduleFollowUps(services) }, 'follow-up reminders scheduled');
  const owedReports = await queueOwedReports(services);
  if (owedReports.length > 0) logger.info({ incidents: owedReports }, 'closed incidents whose report was never delivered: queued their reports');
  await scheduleMonthlySummary(services);
  registerResponseMetrics(metrics, () => allMeasures({ store: services.store, policy: services.policy, timeZone: config.timeZone }, services.now()));
  // Folds what a replica that died after answering "saved" left behind, and anything a pass left over.
  const sweeping = { current: Promise.resolve() };
  const sweeper = setInterval(() => {
    sweeping.current = sweeping.current.then(() => recorder.sweep()).catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'intent sweep failed'));
  }, 1_000);
  sweeper.unref();
  // Schedulers live in Redis: every replica upserts the same ones; each firing is taken by one replica.
  await syncMaintenance(services);
  const maintenanceWorker: Worker = startMaintenanceWorker({
    connection: blocking,
    prefix,
    logger,
    fire: async (planId, dueAt) => {
      const fired = await firePlan(services, planId, { kind: 'schedule' }, dueAt);
      logger.info({ planId, dueAt, outcome: fired.kind }, 'maintenance firing');
    },
  });

  const listen = { port: config.port, backlog: HTTP_LIMITS.backlog, ...(config.host ? { host: config.host } : {}) };
  const routeServer = socketMode ? await serveRoutes(routes, config.port, config.host) : undefined;
  const started = (await (socketMode ? app.start(config.port) : app.start(listen, serverOptions)).catch((error: unknown) => {
    routeServer?.close();
    throw error;
  })) as unknown;
  if (!socketMode) limitServer(started as Server);
  const port = ((routeServer ?? (started as Server)).address() as { port: number }).port;
  logger.info({ port, host: config.host ?? 'every interface', mode: socketMode ? 'socket' : 'http' }, 'klaxon bot ready');
  // Not awaited: a slow or unreachable Slack must not hold up the start. It never rejects.
  const listingGroups = userGroups.refresh();
  // Declarations whose Slack setup, and runs whose host job, were never queued: a bot died mid-request, or
  // Redis failed (or refused the add) between the record and the job while this bot stayed up. Looked for as
  // the bot starts (not awaited: requests need not wait for it), as soon as Redis answers again after a
  // failure, and every `resumeEveryMs` for a failed write that broke no connection. Those too recent to tell
  // from what a live replica is queueing right now are looked at once more when old enough.
  // What the looks remember keeps the periodic one cheap: it reads the links of incidents not yet seen with a
  // channel or their setup queued, and the timelines that grew since the last look.
  const settled = new Set<string>();
  const seenRuns = runsSeen();
  const resumePass = async (): Promise<number | undefined> => {
    // One read of the open incidents serves both looks.
    const open = await services.store.listOpen();
    const setups = await queueMissingSetups(services, settled, open);
    const resumed = await resumeQueuedRuns(services, seenRuns, open);
    const again = Math.min(setups.again ?? Infinity, resumed.again ?? Infinity);
    if (again === Infinity) return undefined;
    logger.info({ at: new Date(again).toISOString() }, 'setups or runs queued too recently to tell: looking again');
    return again;
  };
  const resuming = startPassRunner({
    pass: resumePass,
    now: services.now,
    everyMs: options.resumeEveryMs ?? RESUME_EVERY_MS,
    failed: (error, why) => logger.warn({ err: (error as Error).message, why }, 'could not look for setups or runs left behind'),
  });
  resuming.run('start');
  // 'ready' comes again only after the connection was lost and made anew (a restarted Redis, a failover).
  const redisBack = (): void => {
    logger.info('Redis answers again: looking for setups or runs left behind');
    resuming.run('redis back');
  };
  redis.on('ready', redisBack);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    metrics,
    redis,
    producers,
    failed: socket?.failed ?? new Promise<Error>(() => undefined),
    async stop() {
      // Stop taking requests, let those in flight finish (idle keep-alive connections are closed as they go
      // idle, or close() would wait for their timeout), then finish every acknowledged action before the
      // connections to Redis close.
      const httpServer = routeServer ? undefined : (started as Server);
      const closing = app.stop();
      const idle = setInterval(() => httpServer?.closeIdleConnections(), 50);
      try {
        httpServer?.closeIdleConnections();
        await closing;
      } finally {
        clearInterval(idle);
      }
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await listingGroups;
      clearInterval(sweeper);
      redis.off('ready', redisBack);
      await sweeping.current;
      await resuming.stop();
      await recorder.drain();
      routeServer?.closeAllConnections();
      if (routeServer) await new Promise((resolve) => routeServer.close(resolve));
      await closeWorker(clockWorker);
      await closeWorker(maintenanceWorker);
      await schedulerQueue.close();
      await closeWorker(effects);
      await producers.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}
