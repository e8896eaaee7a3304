// A bot that died between storing a declaration and queueing its setup: the next bot to start queues the
// setup of every open incident without a channel, under the declaration's own job id, and leaves alone what
// a live replica may be queueing right now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declare, type DeclareRequest } from '../../src/app/declare.js';
import { queueMissingSetups, SETUP_AFTER_MS } from '../../src/app/queue-missing-setups.js';
import type { Incident } from '../../src/domain/incident.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld();
});
afterEach(async () => w.stop());

const request = (key: string): DeclareRequest => ({ severity: 'critical', title: 'main.py exits at start', source: 'slack', by: L1, key, origin: { channel: 'C0GENERAL', user: L1 } });
const orphan = async (key: string): Promise<Incident> => {
  await expect(declare(diesQueueingSetup(w.services), request(key))).rejects.toThrow('the bot died here');
  const found = (await w.services.store.listOpen()).find((i) => i.declaredAt === w.clock.now);
  if (!found) throw new Error('the incident was not stored');
  return found;
};
const setups = () => w.asked.effects.filter((e) => e.job.name === 'setup');

describe('open incidents whose setup was never queued', () => {
  it('get it queued once they are old enough, under the job id of their declaration; others are left alone', async () => {
    const left = await orphan('declare-1');
    const fine = await declare(w.services, request('declare-2'));
    if (!fine.ok) throw new Error(fine.error.message);
    await w.services.store.setLink(fine.value.id, 'channel', 'C0INC2');
    w.clock.now += 1_000;
    const recent = await orphan('declare-3');

    w.clock.now = left.declaredAt + SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [left.id], again: recent.declaredAt + SETUP_AFTER_MS });
    expect(setups().slice(1)).toEqual([{ job: { name: 'setup', data: { incidentId: left.id } }, jobId: `setup-${left.id}` }]);

    w.clock.now = recent.declaredAt + SETUP_AFTER_MS;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [recent.id, left.id] });
    expect(setups().slice(2).map((e) => e.jobId)).toEqual([`setup-${recent.id}`, `setup-${left.id}`]);
  });

  it('are not looked for once their channel exists', async () => {
    const left = await orphan('declare-1');
    await w.services.store.setLink(left.id, 'channel', 'C0INC1');
    w.clock.now += SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [] });
  });

  it('have their links read once a bot has seen their channel no more', async () => {
    const left = await orphan('declare-1');
    const fine = await declare(w.services, request('declare-2'));
    if (!fine.ok) throw new Error(fine.error.message);
    await w.services.store.setLink(fine.value.id, 'channel', 'C0INC2');
    const reads: string[] = [];
    const counting = { ...w.services, store: { ...w.services.store, getLinks: (id: string) => (reads.push(id), w.services.store.getLinks(id)) } };
    const withChannel = new Set<string>();
    w.clock.now += SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(counting, withChannel)).toEqual({ queued: [left.id] });
    expect([...reads].sort()).toEqual([left.id, fine.value.id].sort());

    // Its setup is queued but has not made the channel yet: only its links are read again.
    reads.length = 0;
    expect(await queueMissingSetups(counting, withChannel)).toEqual({ queued: [left.id] });
    expect(reads).toEqual([left.id]);
    await w.services.store.setLink(left.id, 'channel', 'C0INC1');
    expect(await queueMissingSetups(counting, withChannel)).toEqual({ queued: [] });
    reads.length = 0;
    expect(await queueMissingSetups(counting, withChannel)).toEqual({ queued: [] });
    expect(reads).toEqual([]);
  });
});
