// A bot that died, or lost Redis, between storing a declaration and queueing its setup: a bot's later look
// finishes the declaration of every open incident without a channel whose setup was never queued (its clocks,
// its setup under the declaration's own job id, its host snapshot while it is recent), and leaves alone what a
// live replica may be finishing right now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declare, type DeclareRequest } from '../../src/app/declare.js';
import { FINISH_HOLD_S, SETUP_AFTER_MS } from '../../src/app/finish-declaration.js';
import { queueMissingSetups } from '../../src/app/queue-missing-setups.js';
import { planClockJobs } from '../../src/app/schedule-clocks.js';
import type { Services } from '../../src/app/services.js';
import type { Incident } from '../../src/domain/incident.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ policy: { hostSnapshots: true } });
});
afterEach(async () => w.stop());

const request = (key: string): DeclareRequest => ({ severity: 'critical', title: 'main.py exits at start', source: 'slack', by: L1, key, origin: { channel: 'C0GENERAL', user: L1 } });
const cutShort = async (key: string, dying: Services = diesQueueingSetup(w.services)): Promise<Incident> => {
  await expect(declare(dying, request(key))).rejects.toThrow('the bot died here');
  const found = (await w.services.store.listOpen()).find((i) => i.declaredAt === w.clock.now);
  if (!found) throw new Error('the incident was not stored');
  return found;
};
// The same services, on a bot that dies where it would schedule the incident's clocks, before anything else.
const diesSchedulingClocks = (): Services => ({ ...w.services, clockJobs: { ...w.services.clockJobs, add: () => Promise.reject(new Error('the bot died here')) } });
const setups = () => w.asked.effects.filter((e) => e.job.name === 'setup');
const snapshotsOf = (incident: Incident) => w.asked.runs.filter((r) => r.runId === `run-${incident.id}-snapshot-declared`);

describe('open incidents whose setup was never queued', () => {
  it('get it queued once they are old enough, under the job id of their declaration; others are left alone', async () => {
    const left = await cutShort('declare-1');
    const fine = await declare(w.services, request('declare-2'));
    if (!fine.ok) throw new Error(fine.error.message);
    await w.services.store.setLink(fine.value.id, 'channel', 'C0INC2');
    w.clock.now += 1_000;
    const recent = await cutShort('declare-3');

    w.clock.now = left.declaredAt + SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [left.id], again: recent.declaredAt + SETUP_AFTER_MS });
    expect(setups().slice(1)).toEqual([{ job: { name: 'setup', data: { incidentId: left.id } }, jobId: `setup-${left.id}` }]);

    // A setup on its way (this one, queued by the look before) is not queued again.
    w.clock.now = recent.declaredAt + SETUP_AFTER_MS;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [recent.id] });
    expect(setups().slice(2).map((e) => e.jobId)).toEqual([`setup-${recent.id}`]);
  });

  it('are not looked for once their channel exists', async () => {
    const left = await cutShort('declare-1');
    await w.services.store.setLink(left.id, 'channel', 'C0INC1');
    w.clock.now += SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [] });
  });

  it('get their clocks and their host snapshot too, the snapshot only within the approval window of the declaration', async () => {
    const left = await cutShort('declare-1', diesSchedulingClocks());
    expect(w.asked.clockJobs).toEqual([]);
    w.clock.now += SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [left.id] });
    expect(w.asked.clockJobs).toEqual(expect.arrayContaining(planClockJobs(left, w.services.policy, undefined)));
    expect(snapshotsOf(left)).toHaveLength(1);

    const late = await cutShort('declare-2', diesSchedulingClocks());
    w.clock.now += w.services.policy.approvalTtlMinutes * 60_000 + 1;
    expect(await queueMissingSetups(w.services)).toEqual({ queued: [late.id] });
    expect(w.asked.clockJobs.filter((j) => j.job.data.incidentId === late.id)).not.toEqual([]);
    expect(snapshotsOf(late)).toEqual([]);
  });

  it('are finished by one of two bots looking together; the other looks again once its hold has passed', async () => {
    const left = await cutShort('declare-1', diesSchedulingClocks());
    w.clock.now += SETUP_AFTER_MS + 1;
    // Each bot queues nothing until the other has finished its look: whichever holds the declaration is still
    // finishing it while the other looks (otherwise a slow second look may find the setup queued, and rightly
    // leave it: that is the first test's case).
    const looked: [Promise<unknown>, Promise<unknown>] = [Promise.resolve(), Promise.resolve()];
    const bot = (other: 0 | 1): Services => ({ ...w.services, effects: { ...w.services.effects, enqueue: async (job, jobId) => (await looked[other], w.services.effects.enqueue(job, jobId)) } });
    looked[0] = queueMissingSetups(bot(1));
    looked[1] = queueMissingSetups(bot(0));
    const both = await Promise.all(looked);
    expect(both).toEqual(expect.arrayContaining([{ queued: [left.id] }, { queued: [], again: w.clock.now + FINISH_HOLD_S * 1000 }]));
    expect(setups()).toHaveLength(1);
    expect(snapshotsOf(left)).toHaveLength(1);
    expect((await w.services.audit.read()).filter((e) => e.requestId === `run-${left.id}-snapshot-declared`)).toHaveLength(1);
  });

  it('have their links read once a bot has seen their channel or their setup on its way, and no more', async () => {
    const left = await cutShort('declare-1');
    const fine = await declare(w.services, request('declare-2'));
    if (!fine.ok) throw new Error(fine.error.message);
    await w.services.store.setLink(fine.value.id, 'channel', 'C0INC2');
    const reads: string[] = [];
    const counting = { ...w.services, store: { ...w.services.store, getLinks: (id: string) => (reads.push(id), w.services.store.getLinks(id)) } };
    const settled = new Set<string>();
    w.clock.now += SETUP_AFTER_MS + 1;
    expect(await queueMissingSetups(counting, settled)).toEqual({ queued: [left.id] });
    expect([...reads].sort()).toEqual([left.id, fine.value.id].sort());

    reads.length = 0;
    expect(await queueMissingSetups(counting, settled)).toEqual({ queued: [] });
    expect(reads).toEqual([]);
  });
});
