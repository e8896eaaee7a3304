// The schedulers on a real Redis: every-second cron patterns so firings come quickly, two workers standing
// in for two bot replicas, and a "restart" (workers closed, schedulers upserted again, new workers).
import { describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { maintenanceQueue, nextFirings, startMaintenanceWorker, syncSchedulers } from '../../src/queue/maintenance-queue.js';
import { bullTestSetup } from './fixtures.js';

const { prefix, connection, logger } = bullTestSetup('mq');

// Records firings; `reached(n)` resolves once n were seen.
function firings() {
  const seen: { planId: string; dueAt: number; replica: number }[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const fire = (replica: number) => async (planId: string, dueAt: number) => {
    seen.push({ planId, dueAt, replica });
    for (const w of waiting.filter((w) => seen.length >= w.count)) w.resolve();
  };
  const reached = (count: number) => new Promise<void>((resolve) => (seen.length >= count ? resolve() : waiting.push({ count, resolve })));
  return { seen, reached, fire };
}

describe('maintenance schedulers', () => {
  it('fire each due time once across two replicas and a restart, and follow the policy', async () => {
    const queue = maintenanceQueue(connection, prefix);
    const specs = [{ planId: 'demo', cron: '* * * * * *', timeZone: 'Asia/Tokyo' }];
    const { seen, reached, fire } = firings();
    const start = async (): Promise<Worker[]> => {
      // Both replicas upsert the same schedulers at start-up, as the bot does.
      await Promise.all([syncSchedulers(queue, specs), syncSchedulers(queue, specs)]);
      return [0, 1].map((replica) => startMaintenanceWorker({ connection, prefix, logger, fire: fire(replica) }));
    };
    let workers = await start();
    await reached(3);
    await Promise.all(workers.map((w) => w.close()));
    workers = await start();
    await reached(6);
    await Promise.all(workers.map((w) => w.close()));

    const dueTimes = seen.map((s) => s.dueAt);
    expect(new Set(dueTimes).size).toBe(dueTimes.length);
    expect(seen.every((s) => s.planId === 'demo' && s.dueAt % 1000 === 0)).toBe(true);

    // A plan removed from the policy loses its scheduler; a new one gets one.
    await syncSchedulers(queue, [{ planId: 'weekly', cron: '0 6 * * 1', timeZone: 'Asia/Tokyo' }]);
    const next = await nextFirings(queue);
    expect([...next.keys()]).toEqual(['weekly']);
    expect(new Date(next.get('weekly') ?? 0).toLocaleString('en-GB', { timeZone: 'Asia/Tokyo', weekday: 'short', hour: '2-digit', minute: '2-digit' })).toBe('Mon 06:00');
    await queue.close();
  }, 60_000);
});
