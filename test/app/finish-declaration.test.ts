// A declaration's host snapshot is asked for right after its setup is queued. A declarer cut off between the two
// left an incident whose setup runs and whose host was never looked at; the setup, once done, asks for the
// snapshot that nobody asked for, and only for that one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declare, type DeclareRequest } from '../../src/app/declare.js';
import { catchUpSnapshot } from '../../src/app/finish-declaration.js';
import { RecordedButCutShort } from '../../src/app/cut-short.js';
import type { Services } from '../../src/app/services.js';
import type { Incident } from '../../src/domain/incident.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const L1 = 'U0L1OPS';
let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ policy: { hostSnapshots: true } });
});
afterEach(async () => w.stop());

const request = (key: string): DeclareRequest => ({ severity: 'critical', title: 'main.py exits at start', source: 'slack', by: L1, key });
const snapshotId = (incident: Incident) => `run-${incident.id}-snapshot-declared`;
const snapshotsOf = (incident: Incident) => w.asked.runs.filter((r) => r.runId === snapshotId(incident));
const auditedOf = async (incident: Incident) => (await w.services.audit.read()).filter((e) => e.requestId === snapshotId(incident));
const recordedOf = async (incident: Incident) => (await w.services.store.timelineAll(incident.id)).filter((e) => e.type === 'job_queued' && e.jobId === snapshotId(incident));

// The same services, on a bot that dies where it would ask for the snapshot (the workers it reads first).
const diesAskingForSnapshot = (): Services => ({ ...w.services, workers: () => Promise.reject(new Error('the bot died here')) });

const cutBeforeSnapshot = async (key: string): Promise<Incident> => {
  const error = await declare(diesAskingForSnapshot(), request(key)).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RecordedButCutShort);
  const found = (await w.services.store.listOpen()).find((i) => i.declaredAt === w.clock.now);
  if (!found) throw new Error('the incident was not stored');
  expect(w.asked.effects.map((e) => e.jobId)).toContain(`setup-${found.id}`);
  return found;
};

describe('the snapshot a declaration’s setup catches up on', () => {
  it('is asked for when the declarer was cut off before it, once however many setups get there', async () => {
    const left = await cutBeforeSnapshot('declare-1');
    expect(snapshotsOf(left)).toEqual([]);
    w.clock.now += 2_000;
    await catchUpSnapshot(w.services, left);
    await catchUpSnapshot(w.services, left);
    expect(snapshotsOf(left)).toHaveLength(1);
    expect(await recordedOf(left)).toHaveLength(1);
    expect(await auditedOf(left)).toHaveLength(1);
  });

  it('is not asked for again when the declarer asked for it: no second job, no second audit entry', async () => {
    const declared = await declare(w.services, request('declare-1'));
    if (!declared.ok) throw new Error(declared.error.message);
    expect(snapshotsOf(declared.value)).toHaveLength(1);
    await catchUpSnapshot(w.services, declared.value);
    expect(snapshotsOf(declared.value)).toHaveLength(1);
    expect(await auditedOf(declared.value)).toHaveLength(1);
  });

  it('is not asked for once the approval window after the declaration has passed: the host has moved on', async () => {
    const left = await cutBeforeSnapshot('declare-1');
    w.clock.now += w.services.policy.approvalTtlMinutes * 60_000 + 1;
    await catchUpSnapshot(w.services, left);
    expect(snapshotsOf(left)).toEqual([]);
    expect(await recordedOf(left)).toEqual([]);
  });
});
