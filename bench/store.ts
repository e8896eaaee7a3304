// How fast the Redis store records what happens during an incident: timeline appends and updates.
import { CHECKLIST_ITEMS, type ChecklistState } from '../src/domain/checklist.js';
import type { Incident } from '../src/domain/incident.js';
import { ok } from '../src/domain/result.js';
import type { TimelineEvent } from '../src/domain/timeline.js';
import { createIncidentStore, type IncidentStore } from '../src/store/incident-store.js';
import { storeKeys } from '../src/store/keys.js';
import { createRedis } from '../src/store/redis-connection.js';
import type { BenchFigure } from './figure.js';

const APPENDS = 2_000;
const CONCURRENCY = 16;
const UPDATES = 500;

const benchIncident = (id: string, at: number): Incident => ({
  id,
  number: 1,
  title: 'bench',
  severity: 'high',
  declaredAt: at,
  detectedAt: at,
  declaredBy: 'bench',
  source: 'slack',
  roles: {},
  responders: [],
  checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.id, { done: false }])) as ChecklistState,
  escalationLevel: 1,
  report: {},
  version: 1,
  status: 'declared',
});

const note = (incidentId: string, id: string): TimelineEvent => ({
  type: 'note',
  text: `benchmark note ${id}`,
  id,
  incidentId,
  at: 0,
  by: 'bench',
});

const round = (ms: number): number => Math.round(ms * 100) / 100;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function appendRate(store: IncidentStore, id: string, workers: number, tag: string): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = w; n < APPENDS; n += workers) await store.appendEvents(id, [note(id, `${tag}-${n}`)]);
    }),
  );
  return Math.round(APPENDS / ((performance.now() - started) / 1000));
}

async function updateLatencies(store: IncidentStore, id: string, workers: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = w; n < UPDATES; n += workers) {
        const started = performance.now();
        await store.update(id, (i) => ok({ incident: i, events: [note(id, `u${workers}-${n}`)] }));
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

// Runs against the Redis at redisUrl under a throw-away prefix and deletes what it wrote.
export async function benchStore(redisUrl: string): Promise<BenchFigure[]> {
  const redis = createRedis(redisUrl, 'command');
  const prefix = `bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const store = createIncidentStore(redis, { prefix });
  try {
    const at = Date.now();
    for (const id of ['inc-1', 'inc-2', 'inc-3']) await store.create(benchIncident(id, at), []);
    const sequential = await appendRate(store, 'inc-1', 1, 'seq');
    const concurrent = await appendRate(store, 'inc-1', CONCURRENCY, 'par');
    const alone = await updateLatencies(store, 'inc-2', 1);
    const contended = await updateLatencies(store, 'inc-3', CONCURRENCY);
    return [
      { name: 'store: timeline appends, sequential', value: sequential, unit: 'events/s', target: '>= 1000' },
      { name: `store: timeline appends, ${CONCURRENCY} concurrent`, value: concurrent, unit: 'events/s', target: '>= 3000' },
      { name: 'store: update() p50', value: round(percentile(alone, 50)), unit: 'ms', target: '< 2' },
      { name: 'store: update() p99', value: round(percentile(alone, 99)), unit: 'ms', target: '< 5' },
      {
        name: `store: update() p99, ${CONCURRENCY} writers on one incident`,
        value: round(percentile(contended, 99)),
        unit: 'ms',
        target: '< 100',
      },
    ];
  } finally {
    const keys = storeKeys(prefix);
    await redis.del(keys.counter, keys.open, keys.recent);
    for (const id of ['inc-1', 'inc-2', 'inc-3']) await redis.del(keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.timelineText(id));
    await redis.quit();
  }
}
