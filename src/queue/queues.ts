// Queue names, job payloads and producers. Payloads are plain JSON (BullMQ stores them with JSON.stringify)
// and never carry secrets. Job ids are derived from business keys so an at-least-once retry adds nothing twice.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { RunResult } from '../domain/run-result.js';
import type { Severity } from '../domain/severity.js';
import { CLOCK_QUEUE } from './clock-queue.js';

/** The bot's own queue: every Slack side effect, in order. */
export const SLACK_QUEUE = 'klaxon-slack';
/** One queue per backtest host; only that host's worker consumes it. */
export const hostQueue = (host: string): string => `klaxon-host-${host}`;
/** BullMQ key prefix: one hash tag so every queue key of a deployment lives in one cluster slot. */
export const bullPrefix = (prefix: string): string => `{${prefix}-bull}`;

/** Keys the queue side keeps next to BullMQ's own (same tag rule as src/store/keys.ts). */
export const queueKeys = (prefix: string) => {
  const tag = `{${prefix}}`;
  return {
    workerHeartbeat: (host: string) => `${tag}:worker:${host}`,
    workerHosts: `${tag}:workers`,
    runStarted: (runId: string) => `${tag}:run-started:${runId}`,
    runRequest: (runId: string) => `${tag}:run-request:${runId}`,
    artifact: (runId: string, index: number) => `${tag}:artifact:${runId}:${index}`,
  };
};

/** A request to run one catalogue command on one host, as queued (the worker re-checks all of it). */
export interface RunJobData {
  readonly runId: string;
  readonly incidentId: string;
  readonly commandId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly host: string;
  readonly requestedBy: string;
  readonly approvedBy?: string;
  readonly severity: Severity;
}

/** A file a run produced, kept in Redis for the bot to upload (the worker host holds no Slack token). */
export interface RunArtifact {
  readonly name: string;
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

export type RunEvent =
  /** `restarted`: a read-only job picked up again after its worker died; the timeline records both starts. */
  | { readonly kind: 'started'; readonly run: RunJobData; readonly at: number; readonly restarted?: boolean }
  | { readonly kind: 'progress'; readonly run: RunJobData; readonly at: number; readonly tail: string }
  | {
      readonly kind: 'finished';
      readonly run: RunJobData;
      readonly at: number;
      readonly result: RunResult;
      readonly artifacts: readonly RunArtifact[];
    }
  | { readonly kind: 'refused'; readonly run: RunJobData; readonly at: number; readonly reason: string }
  | { readonly kind: 'unknown'; readonly run: RunJobData; readonly at: number };

export type SlackJob =
  | { readonly name: 'setup'; readonly data: { readonly incidentId: string; readonly origin?: { channel: string; user: string } } }
  | { readonly name: 'render'; readonly data: { readonly incidentId: string } }
  | {
      readonly name: 'post';
      readonly data: {
        readonly incidentId: string;
        readonly to: 'incident' | 'stakeholders';
        /** A link key whose value is the thread_ts to reply under (e.g. `run:<runId>`). */
        readonly threadLink?: string;
        /** Store the posted message ts under this link key (so it can be updated later). */
        readonly saveAs?: string;
        readonly message: { readonly text: string; readonly blocks?: readonly unknown[] };
      };
    }
  /** Invites people (`U…`) and the members of user groups (`S…`) into the incident channel. */
  | { readonly name: 'invite'; readonly data: { readonly incidentId: string; readonly members: readonly string[] } }
  | { readonly name: 'run-event'; readonly data: RunEvent }
  | { readonly name: 'report'; readonly data: { readonly incidentId: string; readonly by: string } };

export const SLACK_JOB_OPTIONS: JobsOptions = {
  // ~4 min of exponential backoff on top of the in-call retries: a longer Slack outage still loses nothing.
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: false,
};

export interface Producers {
  readonly slack: Queue;
  /** Delayed wake-ups for the SLA clocks and the escalation ladder (src/queue/clock-scheduler.ts). */
  readonly clocks: Queue;
  host(host: string): Queue;
  enqueueSlack(job: SlackJob, jobId?: string, opts?: JobsOptions): Promise<void>;
  /** Coalesces re-renders of an incident's messages: a burst of clicks becomes one chat.update per message. */
  enqueueRender(incidentId: string): Promise<void>;
  enqueueRun(data: RunJobData): Promise<void>;
  close(): Promise<void>;
}

export function createProducers(connection: ConnectionOptions, prefix: string, renderDelayMs = 700): Producers {
  const queues = new Map<string, Queue>();
  const queue = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix: bullPrefix(prefix) });
      q.on('error', () => undefined);
      queues.set(name, q);
    }
    return q;
  };
  const slack = queue(SLACK_QUEUE);
  return {
    slack,
    clocks: queue(CLOCK_QUEUE),
    host: (host) => queue(hostQueue(host)),
    async enqueueSlack(job, jobId, opts) {
      await slack.add(job.name, job.data, { ...SLACK_JOB_OPTIONS, ...(jobId ? { jobId } : {}), ...opts });
    },
    async enqueueRender(incidentId) {
      await slack.add(
        'render',
        { incidentId },
        {
          ...SLACK_JOB_OPTIONS,
          delay: renderDelayMs,
          deduplication: { id: `render-${incidentId}`, replace: true, keepLastIfActive: true },
        },
      );
    },
    async enqueueRun(data) {
      await queue(hostQueue(data.host)).add('run', data, {
        jobId: data.runId,
        attempts: 1,
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
