// Queue names, job payloads and producers. Payloads are plain JSON (BullMQ stores them with JSON.stringify)
// and never carry secrets. Job ids are derived from business keys so an at-least-once retry adds nothing twice.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Effects, EffectJob, RunJobData, RunQueue } from '../app/ports.js';
import { SLACK_BACKOFF } from './effect-backoff.js';

/** The bot's own queue: every Slack side effect, in order. */
export const SLACK_QUEUE = 'klaxon-slack';
/** The delayed wake-ups of the SLA clocks, the ladder and follow-up reminders (clock-queue.ts consumes it). */
export const CLOCK_QUEUE = 'klaxon-clocks';
/** One queue per backtest host; only that host's worker consumes it. */
export const hostQueue = (host: string): string => `klaxon-host-${host}`;
/** BullMQ key prefix: one hash tag so every queue key of a deployment lives in one cluster slot. */
export const bullPrefix = (prefix: string): string => `{${prefix}-bull}`;

export type { RunArtifact, RunEvent, RunJobData } from '../app/ports.js';

export const SLACK_JOB_OPTIONS: JobsOptions = {
  // The effects worker decides when to try again and when to give up (effect-backoff.ts: through a Slack
  // outage of up to two days); BullMQ needs a bound, and this one is never reached first.
  attempts: 1_000_000,
  backoff: { type: SLACK_BACKOFF },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: false,
};

/** The queues' producers: the Effects and RunQueue ports, and the queues themselves for the composition roots. */
export interface Producers {
  readonly slack: Queue;
  /** Delayed wake-ups for the SLA clocks and the escalation ladder (src/app/schedule-clocks.ts). */
  readonly clocks: Queue;
  host(host: string): Queue;
  readonly effects: Effects;
  readonly runs: RunQueue;
  close(): Promise<void>;
}

export function createProducers(connection: ConnectionOptions, prefix: string, renderDelayMs = 700): Producers {
  const queues = new Map<string, Queue>();
  // A queue opened on a connection that lost Redis waits for it to come back, however long, while a request
  // waits for its answer: it fails instead, as the connection's own commands do. Before the first connect it
  // waits, as everything does at start.
  const shared = connection instanceof Redis ? connection : undefined;
  let connectedOnce = shared?.status === 'ready';
  shared?.once('ready', () => (connectedOnce = true));
  const queue = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      if (shared && connectedOnce && shared.status !== 'ready') {
        throw new Error(`Redis is not reachable (connection ${shared.status}): the queue ${name} cannot be opened now`);
      }
      q = new Queue(name, { connection, prefix: bullPrefix(prefix) });
      q.on('error', () => undefined);
      queues.set(name, q);
      // BullMQ keeps a queue whose opening failed (Redis went away or stalled as it opened) failed for good:
      // forget it, so that the next use opens the queue again.
      const opened = q;
      opened.waitUntilReady().catch(() => {
        if (queues.get(name) === opened) queues.delete(name);
        void opened.close().catch(() => undefined);
      });
    }
    return q;
  };
  const slack = queue(SLACK_QUEUE);
  return {
    slack,
    clocks: queue(CLOCK_QUEUE),
    host: (host) => queue(hostQueue(host)),
    effects: {
      async enqueue(job: EffectJob, jobId?: string) {
        await slack.add(job.name, job.data, { ...SLACK_JOB_OPTIONS, ...(jobId ? { jobId } : {}) });
      },
      has: async (jobId: string) => (await slack.getJob(jobId)) !== undefined,
      async render(incidentId: string) {
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
      async homes() {
        // Not `replace`: a steady stream of changes (an alert storm) must not keep pushing the pass back.
        await slack.add('homes', {}, { ...SLACK_JOB_OPTIONS, delay: renderDelayMs, deduplication: { id: 'homes', keepLastIfActive: true } });
      },
    },
    runs: {
      async enqueue(data: RunJobData) {
        await queue(hostQueue(data.host)).add('run', data, {
          jobId: data.runId,
          attempts: 1,
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        });
      },
      has: async (run: Pick<RunJobData, 'runId' | 'host'>) => (await queue(hostQueue(run.host)).getJob(run.runId)) !== undefined,
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
