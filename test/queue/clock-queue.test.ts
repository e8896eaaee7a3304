// The clock jobs port on a real Redis: a plan made again after every transition sends only what this process
// has not added lately, and a job that went missing behind its back is added again once the connection closed
// or an hour passed.
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import type { PlannedJob } from '../../src/app/ports.js';
import { ADDED_REMEMBERED_MS, createClockJobs } from '../../src/queue/clock-queue.js';
import { bullPrefix, CLOCK_QUEUE } from '../../src/queue/queues.js';
import { bullTestSetup } from './fixtures.js';

const { prefix, connection } = bullTestSetup('cq');
// Named, so that the last test can close this queue's connection and no other's.
const connectionName = `${prefix}-clock-jobs`;
const queue = new Queue(CLOCK_QUEUE, { connection: { ...connection, connectionName }, prefix: bullPrefix(prefix) });
afterAll(() => queue.close());

const T0 = Date.parse('2026-12-04T09:00:00Z');
const ladder = (incidentId: string, at: number): PlannedJob => ({ job: { name: 'ladder', data: { incidentId, at } }, jobId: `ladder-${incidentId}-${at}`, dueAt: at });
const plan = (incidentId: string): PlannedJob[] => [ladder(incidentId, T0 + 3_600_000), ladder(incidentId, T0 + 7_200_000)];
const present = async (jobs: readonly PlannedJob[]) => Promise.all(jobs.map(async (j) => (await queue.getJob(j.jobId)) !== undefined));
const sent = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.flatMap((call) => (call[0] as { opts: { jobId: string } }[]).map((j) => j.opts.jobId));
// Removes the jobs from Redis without this process knowing: what a Redis that lost them would look like.
const lose = async (jobs: readonly PlannedJob[]) => {
  for (const j of jobs) await queue.remove(j.jobId);
};

describe('clock jobs', () => {
  it('adds a plan once, and only its new jobs when it is planned again', async () => {
    let now = T0;
    const clocks = createClockJobs(queue, () => now);
    const spy = vi.spyOn(queue, 'addBulk');
    const first = plan('inc-once');
    await clocks.add(first);
    expect(await present(first)).toEqual([true, true]);
    const delayed = await queue.getJob(first[0]!.jobId);
    expect(delayed?.opts.delay).toBe(3_600_000);

    now += 60_000;
    const grown = [...first, ladder('inc-once', T0 + 600_000)];
    await clocks.add(grown);
    await clocks.add(grown);
    expect(sent(spy)).toEqual([...first, ladder('inc-once', T0 + 600_000)].map((j) => j.jobId));
    spy.mockRestore();
  });

  it('adds again what went missing once an hour has passed', async () => {
    let now = T0;
    const clocks = createClockJobs(queue, () => now);
    const jobs = plan('inc-hour');
    await clocks.add(jobs);
    await lose(jobs);
    now += ADDED_REMEMBERED_MS - 1;
    await clocks.add(jobs);
    expect(await present(jobs)).toEqual([false, false]);
    now += 1;
    await clocks.add(jobs);
    expect(await present(jobs)).toEqual([true, true]);
  });

  it('remembers nothing of an add Redis did not answer', async () => {
    const clocks = createClockJobs(queue, () => T0);
    const jobs = plan('inc-failed');
    const spy = vi.spyOn(queue, 'addBulk').mockRejectedValueOnce(new Error('Connection is closed.'));
    await expect(clocks.add(jobs)).rejects.toThrow('Connection is closed.');
    await clocks.add(jobs);
    expect(await present(jobs)).toEqual([true, true]);
    spy.mockRestore();
  });

  it('adds everything again after its connection to Redis closed', async () => {
    const clocks = createClockJobs(queue, () => T0);
    const jobs = plan('inc-reconnect');
    await clocks.add(jobs);
    await lose(jobs);
    const admin = new Redis(inject('redisUrl'));
    const list = String(await admin.client('LIST'));
    const ids = [...list.matchAll(/^id=(\d+) .* name=(\S+)/gm)].filter((m) => m[2] === connectionName).map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(0);
    const closed = once(queue, 'ioredis:close');
    for (const id of ids) await admin.client('KILL', 'ID', id);
    await admin.quit();
    await closed;
    await clocks.add(jobs);
    expect(await present(jobs)).toEqual([true, true]);
  });
});
