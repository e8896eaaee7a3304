// A second person's approval and the approval's expiry decide the same request: whichever comes first stands,
// and the other is refused. An approver whose click passed the expiry check just in time, and then waited on
// Slack for their groups, must not approve a request that a later click meanwhile recorded as expired (the
// request message then says "expired" while the destructive command runs).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import { decideApproval, requestRun } from '../../src/app/request-run.js';
import { useCaseWorld, type UseCaseWorld } from '../support/use-case-services.js';

const REQUESTER = 'U0L2SYS';
const APPROVER = 'U0L3DEV';
const LATE = 'U0L3DEV2';
const GROUPS: Record<string, readonly string[]> = { [REQUESTER]: ['S0L2'], [APPROVER]: ['S0L3'], [LATE]: ['S0L3'] };

let w: UseCaseWorld;
beforeEach(() => {
  w = useCaseWorld({ groups: GROUPS });
});
afterEach(async () => w.stop());

it('lets either the approval or the expiry stand, never both, when an approval races the expiry', async () => {
  const declared = await declare(w.services, { severity: 'critical', title: 'Backtest workers hang', source: 'slack', by: REQUESTER, key: 'declare-race' });
  if (!declared.ok) throw new Error(declared.error.message);
  const incident = declared.value;
  const requested = await requestRun(w.services, { incident, commandId: 'process.stop-python', params: {}, by: REQUESTER, key: 'click-race' });
  if (!requested.ok || requested.value.state !== 'needs_approval') throw new Error('expected a pending approval');
  const { run, expiresAt } = requested.value;

  // The approver clicks a second before the expiry; Slack is slow to name their groups.
  w.clock.now = expiresAt - 1000;
  let asked!: () => void;
  const askedForGroups = new Promise<void>((resolve) => (asked = resolve));
  let answer!: () => void;
  const slackAnswers = new Promise<void>((resolve) => (answer = resolve));
  const slowSlack = {
    ...w.services,
    groupsOf: async (user: string) => {
      asked();
      await slackAnswers;
      return GROUPS[user] ?? [];
    },
  };
  const approving = decideApproval(slowSlack, { runId: run.runId, incidentId: incident.id, by: APPROVER, approve: true });
  await askedForGroups;

  // Meanwhile the window closes and someone else clicks.
  w.clock.now = expiresAt + 1000;
  const late = await decideApproval(w.services, { runId: run.runId, incidentId: incident.id, by: LATE, approve: true });
  answer();
  const approved = await approving;

  const decisions = (await w.services.store.timelineAll(incident.id)).flatMap((e) => (e.type === 'approval' && e.decision !== 'requested' ? [e.decision] : []));
  const shown = w.asked.effects.flatMap(({ job }) => (job.name === 'approval-decided' ? [job.data.decision] : []));
  const queued = w.asked.runs.filter((r) => r.runId === run.runId);
  expect({ decisions, shown: [...new Set(shown)] }).toEqual(
    queued.length > 0 ? { decisions: ['approved'], shown: ['approved'] } : { decisions: ['expired'], shown: ['expired'] },
  );
  // Each person is told what stands: the one whose decision lost is refused, not told it went through.
  if (queued.length > 0) {
    expect(approved).toMatchObject({ ok: true, value: { state: 'queued' } });
    expect(late).toEqual({ ok: false, error: { code: 'already_decided' } });
  } else {
    expect(late).toEqual({ ok: false, error: { code: 'expired' } });
    expect(approved).toEqual({ ok: false, error: { code: 'expired' } });
  }
});
