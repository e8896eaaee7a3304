import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentStore } from '../../src/app/ports.js';
import { createEarlyIncidentReads } from '../../src/slack/early-incident-reads.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { aNote, anIncident } from '../store/fixtures.js';

const click = (channel: unknown): Record<string, unknown> => ({ type: 'block_actions', channel: { id: channel }, actions: [{ action_id: 'a', action_ts: '1.1' }] });

describe('createEarlyIncidentReads', () => {
  let redis: Redis;
  const prefix = `early${randomUUID().slice(0, 8)}`;
  let store: IncidentStore;
  // The store as the reads see it: every findByLink is counted, and answered by Redis.
  const asked: string[] = [];
  let counted: Pick<IncidentStore, 'findByLink'>;

  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'));
    store = createIncidentStore(redis, { prefix });
    counted = {
      findByLink: (key, value) => {
        asked.push(`${key}=${value}`);
        return store.findByLink(key, value);
      },
    };
    for (const [number, channel] of [[1, 'C1'], [2, 'C2']] as const) {
      const incident = anIncident(number);
      await store.create(incident, [aNote(incident.id, `${incident.id}-declared`)]);
      await store.setLink(incident.id, 'channel', channel);
    }
  });
  afterAll(async () => {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("starts the read of a click's channel at the front door, and the listener's ask takes it without a second read", async () => {
    const reads = createEarlyIncidentReads(counted);
    const body = click('C1');
    asked.length = 0;
    reads.start(body);
    expect(asked).toEqual(['channel=C1']);
    expect((await reads.incidentOf(body, 'C1'))?.id).toBe('inc-1');
    expect(asked).toEqual(['channel=C1']);
  });

  it('uses an early read once: the same body asked again, or for another channel, is read afresh', async () => {
    const reads = createEarlyIncidentReads(counted);
    const body = click('C1');
    reads.start(body);
    asked.length = 0;
    expect((await reads.incidentOf(body, 'C2'))?.id).toBe('inc-2');
    expect((await reads.incidentOf(body, 'C1'))?.id).toBe('inc-1');
    expect(asked).toEqual(['channel=C2', 'channel=C1']);
  });

  it('reads nothing early for what is not a click in a channel: a command, a modal, a Home tab click, a bad channel', async () => {
    const reads = createEarlyIncidentReads(counted);
    asked.length = 0;
    for (const body of [
      { command: '/incident', channel_id: 'C1', text: 'status' },
      { type: 'view_submission', view: { id: 'V1' } },
      { type: 'block_actions', actions: [{ action_id: 'a' }] },
      click(''),
      click(42),
      { type: 'block_actions', channel: 'C1' },
    ] as Record<string, unknown>[]) {
      reads.start(body);
    }
    expect(asked).toEqual([]);
    // Without an early read, the listener's ask reads then; no channel reads nothing.
    const command = { command: '/incident', channel_id: 'C2' };
    expect((await reads.incidentOf(command, 'C2'))?.id).toBe('inc-2');
    expect(await reads.incidentOf(command, undefined)).toBeUndefined();
    expect(asked).toEqual(['channel=C2']);
  });

  it('gives a failed early read to the listener that asks for it, and leaves none unhandled when nobody does', async () => {
    const failing = createEarlyIncidentReads({ findByLink: () => Promise.reject(new Error('Redis is away')) });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const wanted = click('C1');
      failing.start(wanted);
      failing.start(click('C2'));
      await expect(failing.incidentOf(wanted, 'C1')).rejects.toThrow('Redis is away');
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
