// A worker closes, letting its running job finish, whether Redis answers, has just come back, or is away.
// The Redis is this file's own, as it is stopped and started again.
import { Queue, Worker, type RedisQueueBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWorker } from '../../src/queue/close-worker.js';
import { redisOptions } from '../../src/store/redis-connection.js';
import { eventually } from '../support/eventually.js';
import { restartableRedis } from '../support/restartable-redis.js';

// Long enough that a close right after Redis comes back always meets the connection between two attempts.
const RETRY_DELAY_MS = 1_500;

describe('closeWorker', () => {
  const redis = restartableRedis('close-worker');
  const opened: { disconnect(): void }[] = [];
  afterEach(async () => {
    if (redis.away) await redis.comeBack();
    for (const connection of opened.splice(0)) connection.disconnect();
  });

  const connection = () => {
    const client = new Redis(redis.url, { ...redisOptions('blocking'), retryStrategy: () => RETRY_DELAY_MS });
    opened.push(client);
    return client;
  };
  let n = 0;
  const worker = async (process: () => Promise<string>) => {
    const name = `close-${++n}`;
    const queue = new Queue(name, { connection: connection() });
    const w = new Worker(name, process, { connection: connection() });
    // Connection failures while Redis is away are expected here.
    w.on('error', () => undefined);
    await w.waitUntilReady();
    const blocking = (await (w.backend as RedisQueueBackend).blockingClient) as unknown as Redis;
    return { queue, worker: w, blocking };
  };
  const timed = async (closing: Promise<void>, limitMs: number) => {
    const started = Date.now();
    await Promise.race([closing, new Promise((_, reject) => setTimeout(() => reject(new Error(`close still waiting after ${limitMs} ms`)), limitMs))]);
    return Date.now() - started;
  };

  it('waits for the running job when Redis answers', async () => {
    let finished = false;
    const { queue, worker: w } = await worker(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
      return 'done';
    });
    const job = await queue.add('slow', {});
    await eventually(async () => (await job.getState()) === 'active', 'the job running');
    await timed(closeWorker(w), 10_000);
    expect(finished).toBe(true);
    expect(await queue.getJobState(String(job.id))).toBe('completed');
    await queue.close();
  });

  it('closes right after Redis came back, while the blocking connection waits to try again', async () => {
    const { queue, worker: w, blocking } = await worker(async () => 'done');
    await redis.goAway();
    await eventually(() => blocking.status === 'reconnecting', 'the blocking connection between two attempts');
    await redis.comeBack();
    // The case BullMQ's own close() never comes back from.
    expect(blocking.status).toBe('reconnecting');
    const tookMs = await timed(closeWorker(w), 10_000);
    expect(tookMs).toBeLessThan(RETRY_DELAY_MS + 1_000);
    expect(w.closing).toBeDefined();
    expect(blocking.status).toBe('end');
    await queue.close();
  });

  it('gives up on a Redis that stays away, after the wait', async () => {
    const { worker: w, blocking } = await worker(async () => 'done');
    await redis.goAway();
    await eventually(() => blocking.status === 'reconnecting', 'the blocking connection between two attempts');
    const tookMs = await timed(closeWorker(w, 1_000), 10_000);
    expect(tookMs).toBeGreaterThanOrEqual(1_000);
    expect(tookMs).toBeLessThan(3_000);
  });
});
