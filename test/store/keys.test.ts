import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../src/domain/result.js';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { createAuditLog } from '../../src/store/audit-log.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { DEFAULT_PREFIX, storeKeys } from '../../src/store/keys.js';
import { createOnce } from '../../src/store/once.js';
import { aNote, anIncident, toggle } from './fixtures.js';

// A one-node Redis Cluster that serves every slot: it refuses any multi-key command or script whose keys
// span slots (CROSSSLOT), and CLUSTER KEYSLOT tells the slot of any key.
let server: RunningRedis;
let redis: Redis;

beforeAll(async () => {
  const started = await startRedisServer({ extraArgs: ['--cluster-enabled', 'yes'] });
  if (!started.ok) throw new Error(started.error);
  server = started.value;
  redis = new Redis(server.url);
  await redis.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  for (let i = 0; i < 100 && !/cluster_state:ok/.test(String(await redis.call('CLUSTER', 'INFO'))); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  await redis.quit();
  await server.stop();
});

const slotOf = async (key: string): Promise<number> => Number(await redis.call('CLUSTER', 'KEYSLOT', key));

describe('storeKeys', () => {
  it('puts the default prefix in a hash tag', () => {
    expect(storeKeys().incident('inc-42')).toBe(`{${DEFAULT_PREFIX}}:incident:inc-42`);
  });

  it.each(['', 'a{b', 'a}b', '{klaxon}'])('refuses the prefix %j, which would break the single slot', (prefix) => {
    expect(() => storeKeys(prefix)).toThrow(/invalid Redis key prefix/);
  });

  it('maps every key of any incident id to the slot of its prefix', async () => {
    const keys = storeKeys('slots');
    const expected = await slotOf('{slots}');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 20 }), async (id, extra) => {
        const all = [
          keys.counter, keys.open, keys.recent, keys.audit, keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.timelineText(id),
          keys.links(id), keys.linkIndex(extra), keys.idempotency(id, extra), keys.once(extra),
          keys.maintenanceRun(id), keys.maintenanceRuns(extra), keys.maintenanceLinks(id), keys.canaryBaseline, keys.canaryLast,
        ];
        expect(await Promise.all(all.map(slotOf))).toEqual(all.map(() => expected));
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

describe('the store on Redis Cluster', () => {
  it('runs every operation without a cross-slot error, and every key it wrote shares one slot', async () => {
    const prefix = 'cluster-check';
    const store = createIncidentStore(redis, { prefix });
    const incident = anIncident(await store.nextNumber());
    expect((await store.create(incident, [aNote(incident.id, 'd')])).ok).toBe(true);
    expect((await store.update(incident.id, toggle('initial_logs', 'U1', 'e1'), { idempotencyKey: 'r1' })).ok).toBe(true);
    expect(await store.appendEvents(incident.id, [aNote(incident.id, 'e2')])).toEqual(ok(1));
    expect(await store.setLink(incident.id, 'channel', 'C1')).toEqual(ok(undefined));
    await store.setLink(incident.id, 'channel', 'C2');
    expect((await store.findByLink('channel', 'C2'))?.id).toBe(incident.id);
    expect(await store.listOpen()).toHaveLength(1);
    expect(await store.timelineAll(incident.id)).toHaveLength(3);
    await createAuditLog(redis, { prefix }).append({ at: 1, actor: 'U1', action: 'run', decision: 'allowed', requestId: 'q' });
    expect(await createOnce(redis, { prefix }).claim('evt-1', 60)).toBe(true);

    const written = await redis.keys('*');
    expect(written.length).toBeGreaterThanOrEqual(9);
    expect(written.every((key) => key.startsWith(`{${prefix}}:`))).toBe(true);
    expect(new Set(await Promise.all(written.map(slotOf)))).toEqual(new Set([await slotOf(`{${prefix}}`)]));
  });

  it('is a check that can fail: the cluster node refuses keys of two slots in one command', async () => {
    await expect(redis.mset('{a}:x', '1', '{b}:x', '2')).rejects.toThrow(/CROSSSLOT/);
  });
});
