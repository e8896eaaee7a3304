// `klaxon worker`: consumes this host's queue, re-resolves every job against the catalogue, runs it with the
// runner, and reports started/progress/finished back to the bot's queue. It holds no Slack secret.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Catalogue } from '../domain/catalogue.js';
import { canonicalParams, describeRefusal, resolveCommand } from '../domain/command-resolution.js';
import type { Policy } from '../domain/policy.js';
import type { RunResult } from '../domain/run-result.js';
import { bullPrefix, hostQueue, type Producers, type RunArtifact, type RunEvent, type RunJobData } from '../queue/queues.js';
import { closeWorker } from '../queue/close-worker.js';
import type { Logger } from '../logger.js';
import { claimRunStart, createAuditLog, type AuditEntry } from '../store/audit-log.js';
import { storeKeys } from '../store/keys.js';
import { beatWorker, leaveWorker } from '../store/worker-presence.js';
import { recheckRun } from './recheck-run.js';
import { redact } from '../domain/redact.js';
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
  /** KLAXON_POLICY as the host reads it; without one the worker re-checks approvals only. */
  readonly policy?: Policy;
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
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// A file leaves the host only as redacted text; binary files (which redaction cannot read) stay behind.
function redactedText(content: Buffer): Buffer | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(content);
  } catch {
    return undefined;
  }
  return text.includes('\u0000') ? undefined : Buffer.from(redact(text), 'utf8');
}

export async function startHostWorker(options: HostWorkerOptions): Promise<HostWorker> {
  const { redis, producers, prefix, host, logger } = options;
  const now = options.now ?? Date.now;
  const keys = storeKeys(prefix);
  const audit = createAuditLog(redis, { prefix });
  // A run's audit entries: its parameters are digested once, however many entries the run writes.
  const entriesOf = (run: RunJobData) => {
    const paramsDigest = sha256(Buffer.from(canonicalParams(run.params), 'utf8'));
    return (decision: string, detail?: string): AuditEntry => ({
      at: now(), actor: run.requestedBy, action: 'execute', decision, requestId: run.runId, ...(run.maintenance ? {} : { incidentId: run.incidentId }),
      commandId: run.commandId, host, paramsDigest, ...(detail === undefined ? {} : { detail }),
    });
  };
  const record = (run: RunJobData, decision: string, detail?: string) => audit.append(entriesOf(run)(decision, detail));
  const emit = (event: RunEvent, suffix: string) =>
    producers.effects.enqueue({ name: 'run-event', data: event }, `run-event-${event.run.runId}-${suffix}`);

  async function keepArtifacts(run: RunJobData, result: RunResult): Promise<RunArtifact[]> {
    const artifacts: RunArtifact[] = [];
    const output = Buffer.from(result.output, 'utf8');
    const outputKey = keys.artifact(run.runId, 0);
    await redis.set(outputKey, output, 'EX', ARTIFACT_TTL_S);
    artifacts.push({ name: `${run.commandId}-output.txt`, key: outputKey, bytes: output.length, sha256: sha256(output) });
    for (const [index, file] of result.files.entries()) {
      if (file.bytes > MAX_ARTIFACT_BYTES) continue;
      const raw = await readFile(join(options.root, file.path)).catch(() => undefined);
      const content = raw && redactedText(raw);
      if (!content) continue;
      const key = keys.artifact(run.runId, index + 1);
      await redis.set(key, content, 'EX', ARTIFACT_TTL_S);
      artifacts.push({ name: file.path.replaceAll('/', '_'), key, bytes: content.length, sha256: sha256(content) });
    }
    return artifacts;
  }

  async function process(job: Job<RunJobData>, _token?: string, signal?: AbortSignal): Promise<string> {
    const run = job.data;
    const resolved = resolveCommand(options.catalogue, run.commandId, run.params, { severity: run.severity });
    const refuse = async (reason: string): Promise<never> => {
      logger.warn({ runId: run.runId, commandId: run.commandId, requestedBy: run.requestedBy, reason }, 'job refused');
      await record(run, 'refused', reason);
      await emit({ kind: 'refused', run, at: now(), reason }, 'refused');
      throw new UnrecoverableError(`refused: ${reason}`);
    };
    if (run.host !== host) return refuse(`queued for ${run.host}, not this host (${host})`);
    if (!resolved.ok) return refuse(describeRefusal(resolved.error));
    const { spec, params } = resolved.value;
    const refusal = recheckRun(options.policy, spec, run, params);
    if (refusal !== undefined) return refuse(refusal);
    // A second start of the same run means the first one died mid-way. Only read-only work may run again.
    // The marker and the audit entry (before anything runs) are one step.
    const entryOf = entriesOf(run);
    const start = await claimRunStart(redis, keys, {
      runId: run.runId,
      marker: String(now()),
      ttlSeconds: 7 * 86_400,
      mayRunAgain: spec.risk === 'read-only',
      audit: { first: entryOf('started'), again: entryOf('restarted'), unknown: entryOf('outcome_unknown', 'started before and did not finish; not re-run') },
    });
    if (start === 'unknown') {
      await emit({ kind: 'unknown', run, at: now() }, 'unknown');
      return 'outcome-unknown';
    }
    const again = start === 'again';
    logger.info({ runId: run.runId, commandId: run.commandId, requestedBy: run.requestedBy, again }, 'job started');
    await emit(again ? { kind: 'started', run, at: now(), restarted: true } : { kind: 'started', run, at: now() }, again ? `started-again-${job.attemptsStarted}` : 'started');
    let tail = '';
    // The first progress update waits a full interval: a quick command shows only its result.
    let lastProgress = now();
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
    logger.info({ runId: run.runId, commandId: run.commandId, outcome: result.outcome, exitCode: result.exitCode, durationMs: result.durationMs }, 'job finished');
    await record(run, result.outcome, `exit ${result.exitCode ?? '-'} in ${result.durationMs} ms; output sha256 ${result.outputDigest}`);
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
  worker.on('failed', (job, error) => {
    logger.warn({ jobId: job?.id, err: error.message }, 'job failed');
    // A job whose workers died twice is failed by BullMQ without running our code: still say so in Slack.
    if (job && /stalled more than allowable limit/.test(error.message)) {
      void Promise.all([record(job.data, 'outcome_unknown', error.message), emit({ kind: 'unknown', run: job.data, at: now() }, 'unknown')]).catch(
        (failure: unknown) => logger.error({ jobId: job.id, err: (failure as Error).message }, 'could not report a stalled job'),
      );
    }
  });

  const presence = { host, id: `${globalThis.process.pid}-${randomUUID().slice(0, 8)}`, ttlMs: (options.heartbeatMs ?? 5000) * 4 };
  const beat = () => beatWorker(redis, prefix, { ...presence, pid: globalThis.process.pid, concurrency: options.concurrency, at: now() });
  await beat();
  const heartbeat = setInterval(() => void beat().catch((error) => logger.warn({ err: error }, 'heartbeat failed')), options.heartbeatMs ?? 5000);
  logger.info({ host, queue: hostQueue(host), concurrency: options.concurrency }, 'worker ready');

  return {
    async close(graceMs = 20_000) {
      clearInterval(heartbeat);
      const timer = setTimeout(() => worker.cancelAllJobs('shutdown'), graceMs);
      await closeWorker(worker);
      clearTimeout(timer);
      await leaveWorker(redis, prefix, { ...presence, at: now() });
    },
  };
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
