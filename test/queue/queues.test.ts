// Producers against real Redis: business-key job ids make an at-least-once retry add nothing twice, renders
// coalesce, and every key stays under the deployment's hash tag.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SLACK_BACKOFF } from '../../src/queue/effect-backoff.js';
import { storeKeys } from '../../src/store/keys.js';
import { bullPrefix, createProducers, hostQueue, SLACK_QUEUE, type Producers, type RunJobData } from '../../src/queue/queues.js';
import { createRedis } from '../../src/store/redis-connection.js';
import { eventually } from '../support/eventually.js';
import { restartableRedis } from '../support/restartable-redis.js';

describe('queue producers', () => {
  let redis: Redis;
  let producers: Producers;
  let prefix: string;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  });
  afterEach(async () => producers?.close());
  afterAll(() => redis.disconnect());

  const fresh = (renderDelayMs?: number) => {
    prefix = `q${randomUUID().slice(0, 8)}`;
    producers = createProducers(redis, prefix, renderDelayMs);
    return producers;
  };
  const run: RunJobData = { runId: 'run-inc-1-abc', incidentId: 'inc-1', commandId: 'env.python-version', params: {}, host: 'bt-2', requestedBy: 'U1', severity: 'high' };

  it('queues a run once on its host queue, however often it is enqueued', async () => {
    const p = fresh();
    await Promise.all([p.runs.enqueue(run), p.runs.enqueue(run), p.runs.enqueue(run)]);
    const jobs = await p.host('bt-2').getJobs(['wait']);
    expect(jobs.map((j) => [j.id, j.queueName, j.data.commandId])).toEqual([[run.runId, hostQueue('bt-2'), 'env.python-version']]);
    expect(jobs[0]?.opts.attempts).toBe(1);
    expect(await p.host('bt-1').getJobCounts('wait')).toEqual({ wait: 0 });
  });

  it('adds a Slack effect with a business key once, and retries it with backoff', async () => {
    const p = fresh();
    const job = { name: 'render', data: { incidentId: 'inc-1' } } as const;
    await p.effects.enqueue(job, 'effect-1');
    await p.effects.enqueue(job, 'effect-1');
    const jobs = await p.slack.getJobs(['wait']);
    expect(jobs.map((j) => j.id)).toEqual(['effect-1']);
    expect(jobs[0]?.opts).toMatchObject({ backoff: { type: SLACK_BACKOFF } });
  });

  it('coalesces a burst of re-renders of one incident into one delayed job', async () => {
    const p = fresh(60_000);
    for (let i = 0; i < 5; i += 1) await p.effects.render('inc-7');
    await p.effects.render('inc-8');
    const delayed = await p.slack.getJobs(['delayed']);
    expect(delayed.map((j) => j.data.incidentId).sort()).toEqual(['inc-7', 'inc-8']);
  });

  it('coalesces the Home tab redraws of any number of changes into one delayed pass', async () => {
    const p = fresh(60_000);
    for (let i = 0; i < 5; i += 1) await p.effects.homes();
    const delayed = await p.slack.getJobs(['delayed']);
    expect(delayed.map((j) => j.name)).toEqual(['homes']);
  });

  it('keeps every BullMQ key under the deployment hash tag', async () => {
    const p = fresh();
    await p.runs.enqueue(run);
    await p.effects.enqueue({ name: 'render', data: { incidentId: 'inc-1' } }, 'x');
    const keys = await redis.keys(`*${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(`${bullPrefix(prefix)}:`)).toBe(true);
    expect(keys).toEqual(expect.arrayContaining([`${bullPrefix(prefix)}:${SLACK_QUEUE}:x`, `${bullPrefix(prefix)}:${hostQueue('bt-2')}:${run.runId}`]));
    expect(storeKeys(prefix).workerHeartbeat('bt-2')).toBe(`{${prefix}}:worker:bt-2`);
  });
});

describe('queue producers while Redis is away', () => {
  const redis = restartableRedis('producers-away');
  const run: RunJobData = { runId: 'run-inc-1-def', incidentId: 'inc-1', commandId: 'env.python-version', params: {}, host: 'bt-new', requestedBy: 'U1', severity: 'high' };

  it('fails a run for a host no run went to yet at once, instead of waiting for Redis, and queues it once Redis is back', async () => {
    const connection = createRedis(redis.url, 'command');
    connection.on('error', () => undefined);
    const p = createProducers(connection, `q${randomUUID().slice(0, 8)}`);
    try {
      await p.slack.waitUntilReady();
      await redis.goAway();
      await eventually(() => connection.status !== 'ready', 'the connection noticing');
      const asked = Date.now();
      const outcome = await Promise.race([
        p.runs.enqueue(run).then(
          () => 'queued',
          (error: Error) => error.message,
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000)),
      ]);
      expect(outcome).toMatch(/^Redis is not reachable \(connection (connecting|reconnecting)\): the queue klaxon-host-bt-new cannot be opened now$/);
      expect(Date.now() - asked).toBeLessThan(1_000);

      await redis.comeBack();
      await eventually(() => connection.status === 'ready', 'the connection back');
      await p.runs.enqueue(run);
      expect(await p.runs.has(run)).toBe(true);
    } finally {
      await p.close();
      connection.disconnect();
    }
  });

  it('opens a host queue again when Redis stalled while it first opened it', { timeout: 30_000 }, async () => {
    const connection = createRedis(redis.url, 'command');
    connection.on('error', () => undefined);
    const admin = new Redis(redis.url);
    const p = createProducers(connection, `q${randomUUID().slice(0, 8)}`);
    try {
      await p.slack.waitUntilReady();
      // Longer than the connection's 5 s command timeout: the queue's first command (INFO) times out, with
      // the connection up all along.
      await admin.call('CLIENT', 'PAUSE', '6000', 'ALL');
      await expect(p.runs.enqueue({ ...run, runId: 'run-inc-1-stalled' })).rejects.toThrow(/timed out/);
      await eventually(async () => (await admin.ping()) === 'PONG', 'the stall over', 10_000);
      await p.runs.enqueue({ ...run, runId: 'run-inc-1-stalled' });
      expect(await p.runs.has({ runId: 'run-inc-1-stalled', host: run.host })).toBe(true);
    } finally {
      admin.disconnect();
      await p.close();
      connection.disconnect();
    }
  });
});
