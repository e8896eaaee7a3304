// An approval cut off between its decide hold and its recorded decision (the bot died, Redis failed right
// after the hold) must not leave the request stuck: every later click said "already decided", the request
// was never marked decided, and the destructive run neither went nor was refused. A later click, once the
// holder has had time to finish, finishes the decision as its holder made it — once, and the run goes once;
// found after the approval window, the approval stays on record but its run does not start unasked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import { decideApproval, requestRun } from '../../src/app/request-run.js';
import { APPROVAL_LAPSED } from '../../src/app/refuse-lapsed.js';
import type { Services } from '../../src/app/services.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const REQUESTER = 'U0L2SYS';
const APPROVER = 'U0L3DEV';
const LATE = 'U0L3DEV2';
const GROUPS: Record<string, readonly string[]> = { [REQUESTER]: ['S0L2'], [APPROVER]: ['S0L3'], [LATE]: ['S0L3'] };

const lost = () => new Error('Connection is closed.');

// The failure points: right after the hold is taken, and after the decision is on the timeline but before the run is queued.
const failures: Record<string, (services: Services) => Services> = {
  'right after the hold': (services) => ({
    ...services,
    once: {
      ...services.once,
      hold: async (key, owner, ttl) => {
        const holder = await services.once.hold(key, owner, ttl);
        if (key.startsWith('decide-')) throw lost();
        return holder;
      },
    },
  }),
  'after the decision, before the run is queued': (services) => ({
    ...services,
    runs: { ...services.runs, enqueue: async () => Promise.reject(lost()) },
  }),
};

let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ groups: GROUPS });
});
afterEach(async () => w.stop());

async function pendingRun() {
  const declared = await declare(w.services, { severity: 'critical', title: 'Backtest workers hang', source: 'slack', by: REQUESTER, key: 'declare-cut' });
  if (!declared.ok) throw new Error(declared.error.message);
  const incident = declared.value;
  const requested = await requestRun(w.services, { incident, commandId: 'process.stop-python', params: {}, by: REQUESTER, key: 'click-cut' });
  if (!requested.ok || requested.value.state !== 'needs_approval') throw new Error('expected a pending approval');
  return { incident, run: requested.value.run, expiresAt: requested.value.expiresAt };
}

async function outcome(incidentId: string, runId: string) {
  const decisions = (await w.services.store.timelineAll(incidentId)).flatMap((e) => (e.type === 'approval' && e.decision !== 'requested' ? [e.decision] : []));
  const shown = [...new Set(w.asked.effects.flatMap(({ job }) => (job.name === 'approval-decided' ? [job.data.decision] : [])))];
  const queued = w.asked.runs.filter((r) => r.runId === runId);
  const lapsed = w.asked.effects.filter(({ job }) => job.name === 'run-event' && job.data.kind === 'refused' && job.data.reason === APPROVAL_LAPSED).length;
  return { decisions, shown, queued: queued.map((r) => r.approvedBy), lapsed, decided: (await w.services.approvals.get(runId))?.decided };
}

describe.each(Object.keys(failures))('a decision cut off %s', (where) => {
  const cut = failures[where] as (services: Services) => Services;

  // A denial queues no run, so only the hold can cut it off.
  it.each([
    { approve: true, lateBy: LATE, lateAfterExpiry: false },
    { approve: true, lateBy: APPROVER, lateAfterExpiry: false },
    { approve: false, lateBy: LATE, lateAfterExpiry: false },
    { approve: true, lateBy: LATE, lateAfterExpiry: true },
  ].filter((c) => c.approve || where === 'right after the hold'))('is finished as decided by a later click (approve: $approve, late click by $lateBy, after the window: $lateAfterExpiry)', async ({ approve, lateBy, lateAfterExpiry }) => {
    const { incident, run, expiresAt } = await pendingRun();
    w.clock.now = expiresAt - 60_000;
    const click = (services: Services, by: string, yes = true) => decideApproval(services, { runId: run.runId, incidentId: incident.id, by, approve: yes });

    await expect(click(cut(w.services), APPROVER, approve)).rejects.toThrow('Connection is closed.');
    // While the holder may still be finishing (the grace is well under a minute), nobody else decides.
    expect(await click(w.services, LATE)).toEqual({ ok: false, error: { code: 'already_decided' } });

    w.clock.now = lateAfterExpiry ? expiresAt + 60_000 : w.clock.now + 60_000;
    const late = await click(w.services, lateBy, approve);
    const decision = approve ? 'approved' : 'denied';
    const settled = { decisions: [decision], shown: [decision], queued: approve && !lateAfterExpiry ? [APPROVER] : [], lapsed: approve && lateAfterExpiry ? 1 : 0, decided: decision };
    expect(await outcome(incident.id, run.runId)).toEqual(settled);
    // The person whose click was cut off is told what their click did; anyone else that it was decided.
    if (lateBy === APPROVER && !lateAfterExpiry) expect(late).toMatchObject({ ok: true, value: { state: approve ? 'queued' : 'denied' } });
    else expect(late).toEqual({ ok: false, error: { code: 'already_decided' } });

    // Settled: later clicks change nothing and queue nothing more.
    w.clock.now += 600_000;
    expect(await click(w.services, LATE, !approve)).toEqual({ ok: false, error: { code: 'already_decided' } });
    expect(await outcome(incident.id, run.runId)).toEqual(settled);
  });
});

it('lets one of several clicks at once finish a cut-off approval, and its run is queued once', async () => {
  const { incident, run, expiresAt } = await pendingRun();
  w.clock.now = expiresAt - 120_000;
  const click = (services: Services, by: string) => decideApproval(services, { runId: run.runId, incidentId: incident.id, by, approve: true });
  await expect(click((failures['right after the hold'] as (s: Services) => Services)(w.services), APPROVER)).rejects.toThrow('Connection is closed.');
  w.clock.now += 60_000;
  const answers = await Promise.all([APPROVER, LATE, APPROVER, LATE, LATE, APPROVER].map((by) => click(w.services, by)));
  expect(answers.filter((a) => a.ok)).toHaveLength(answers.some((a) => a.ok) ? 1 : 0);
  expect(await outcome(incident.id, run.runId)).toEqual({ decisions: ['approved'], shown: ['approved'], queued: [APPROVER], lapsed: 0, decided: 'approved' });
  const audited = (await w.services.audit.read({ count: 1000 })).filter((a) => a.requestId === run.runId && a.action === 'approve').map((a) => a.decision);
  expect(audited).toEqual(['approved']);
});
