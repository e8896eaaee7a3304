// `klaxon worker`: consumes this host's queue, re-resolves every job against the catalogue, runs it with the
// runner, and reports started/progress/finished back to the bot's queue. It holds no Slack secret.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Catalogue } from '../domain/catalogue.js';
import { describeRefusal, resolveCommand } from '../domain/command-resolution.js';
import type { RunResult } from '../domain/run-result.js';
import { bullPrefix, hostQueue, queueKeys, type Producers, type RunArtifact, type RunEvent, type RunJobData } from '../queue/queues.js';
import type { Logger } from '../logger.js';
import { runCommand } from './run/run-command.js';

export interface HostWorkerOptions {
  readonly connection: ConnectionOptions;
  /** A command connection for heartbeats, markers and artifacts. */
  readonly redis: Redis;
  readonly producers: Producers;
  readonly prefix: string;
  readonly host: string;
  readonly concurrency: number;
  readonly root: string;
  readonly python: string;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  readonly catalogue: Catalogue;
  readonly logger: Logger;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly heartbeatMs?: number;
  readonly progressEveryMs?: number;
  readonly now?: () => number;
}

export interface HostWorker {
  close(graceMs?: number): Promise<void>;
}

/** Files larger than this stay on the host; the thread says where they are. */
const MAX_ARTIFACT_BYTES = 8 * 1024 * 1024;
const ARTIFACT_TTL_S = 7 * 86_400;

export async function startHostWorker(options: HostWorkerOptions): Promise<HostWorker> {
  const { redis, producers, prefix, host, logger } = options;
  const now = options.now ?? Date.now;
  const keys = queueKeys(prefix);
  const emit = (event: RunEvent, suffix: string) =>
    producers.enqueueSlack({ name: 'run-event', data: event }, `run-event-${event.run.runId}-${suffix}`);

  async function keepArtifacts(run: RunJobData, result: RunResult): Promise<RunArtifact[]> {
    const artifacts: RunArtifact[] = [];
    const output = Buffer.from(result.output, 'utf8');
    const outputKey = keys.artifact(run.runId, 0);
    await redis.set(outputKey, output, 'EX', ARTIFACT_TTL_S);
    artifacts.push({ name: `${run.commandId}-output.txt`, key: outputKey, bytes: output.length, sha256: sha256(output) });
    for (const [index, file] of result.files.entries()) {
      if (file.bytes > MAX_ARTIFACT_BYTES) continue;
      const content = await readFile(join(options.root, file.path)).catch(() => undefined);
      if (!content) continue;
      const key = keys.artifact(run.runId, index + 1);
      await redis.set(key, content, 'EX', ARTIFACT_TTL_S);
      artifacts.push({ name: file.path.replaceAll('/', '_'), key, bytes: content.length, sha256: file.sha256 });
    }
    return artifacts;
  }

  async function process(job: Job<RunJobData>, _token?: string, signal?: AbortSignal): Promise<string> {
    const run = job.data;
    const resolved = resolveCommand(options.catalogue, run.commandId, run.params, { severity: run.severity });
    if (!resolved.ok) {
      const reason = describeRefusal(resolved.error);
      await emit({ kind: 'refused', run, at: now(), reason }, 'refused');
      throw new UnrecoverableError(`refused: ${reason}`);
    }
    const { spec, params } = resolved.value;
    if (spec.requiresApproval && (!run.approvedBy || run.approvedBy === run.requestedBy)) {
      await emit({ kind: 'refused', run, at: now(), reason: 'needs the approval of a second person' }, 'refused');
      throw new UnrecoverableError('refused: approval missing');
    }
    // A second start of the same run means the first one died mid-way. Only read-only work may run again.
    const first = await redis.set(keys.runStarted(run.runId), String(now()), 'EX', 7 * 86_400, 'NX');
    if (first === null && spec.risk !== 'read-only') {
      await emit({ kind: 'unknown', run, at: now() }, 'unknown');
      return 'outcome-unknown';
    }
    await emit({ kind: 'started', run, at: now() }, first === null ? `started-again-${job.attemptsStarted}` : 'started');
    let tail = '';
    let lastProgress = 0;
    let progressCount = 0;
    const progressEvery = options.progressEveryMs ?? 2000;
    const result = await runCommand(spec, params, {
      root: options.root,
      python: options.python,
      signal,
      now,
      ...(options.hostEnv ? { hostEnv: options.hostEnv } : {}),
      onOutput: (chunk: string) => {
        tail = (tail + chunk).slice(-1500);
        if (now() - lastProgress < progressEvery) return;
        lastProgress = now();
        progressCount += 1;
        void emit({ kind: 'progress', run, at: now(), tail }, `progress-${progressCount}`).catch(() => undefined);
      },
    });
    const artifacts = await keepArtifacts(run, result);
    await emit({ kind: 'finished', run, at: now(), result, artifacts }, 'finished');
    return result.outcome;
  }

  const worker = new Worker<RunJobData, string>(hostQueue(host), process, {
    connection: options.connection,
    prefix: bullPrefix(prefix),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    // A stalled job comes back once; the started marker above decides whether it may really run again.
    maxStalledCount: 1,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'worker error'));
  worker.on('failed', (job, error) => logger.warn({ jobId: job?.id, err: error.message }, 'job failed'));

  const beat = async () => {
    const info = JSON.stringify({ host, pid: globalThis.process.pid, concurrency: options.concurrency, lastSeenAt: now() });
    await redis.multi().set(keys.workerHeartbeat(host), info, 'PX', (options.heartbeatMs ?? 5000) * 4).sadd(keys.workerHosts, host).exec();
  };
  await beat();
  const heartbeat = setInterval(() => void beat().catch((error) => logger.warn({ err: error }, 'heartbeat failed')), options.heartbeatMs ?? 5000);
  logger.info({ host, queue: hostQueue(host), concurrency: options.concurrency }, 'worker ready');

  return {
    async close(graceMs = 20_000) {
      clearInterval(heartbeat);
      const timer = setTimeout(() => worker.cancelAllJobs('shutdown'), graceMs);
      await worker.close();
      clearTimeout(timer);
      await redis.del(keys.workerHeartbeat(host));
    },
  };
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
