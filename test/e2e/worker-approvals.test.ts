// Roles and second-person approvals end to end: clicks from the emulator, decisions in the bot, the run on a
// real worker, and every allow, deny, approval and result in the audit stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { sandboxPolicy } from '../../src/sandbox/sandbox-policy.js';
import type { AuditRecord } from '../../src/store/audit-log.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

type Block = { type: string; block_id?: string; accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] };
const blocksOf = (m: Message | undefined): Block[] => (m?.blocks ?? []) as Block[];
const textOf = (m: Message | undefined): string => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

/** Declares a critical incident and opens the §4.1 playbook; returns its channel and the steps message. */
async function incidentWithPlaybook(k: Klaxon, title: string): Promise<{ channel: string; steps: Message }> {
  await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: `declare critical ${title}` });
  const slug = title.toLowerCase().replaceAll(' ', '-');
  const channel = (await eventually(() => k.emulator.channels().find((c) => c.name.endsWith(slug)), 'the incident channel')).id;
  const offer = await eventually(() => k.emulator.messages(channel).find((m) => blocksOf(m).some((b) => b.block_id === 'playbook_offer')), 'the playbook offer');
  await k.emulator.selectOption({ userId: USERS.l2, channelId: channel, messageTs: offer.ts, actionId: 'playbook_select', value: 'critical.outage' });
  const steps = await eventually(() => k.emulator.messages(channel, { threadTs: offer.ts }).find((m) => textOf(m).includes('config.restore')), 'the playbook steps');
  // L3 is not invited for critical incidents (L1 and L2 are): the approver joins the channel, as in Slack.
  k.emulator.channel(channel)?.members.push(USERS.l3);
  return { channel, steps };
}

const runValue = (steps: Message, commandId: string): string => {
  const button = blocksOf(steps).find((b) => b.accessory?.['action_id'] === 'run_command' && String(b.accessory['value']).includes(`"${commandId}"`))?.accessory;
  if (!button) throw new Error(`no Run button for ${commandId}`);
  return String(button['value']);
};

const approvalMessage = (k: Klaxon, channel: string, commandId: string) =>
  eventually(() => k.emulator.messages(channel).find((m) => blocksOf(m).some((b) => b.block_id === 'approval_actions') && textOf(m).includes(commandId)), `the approval request for ${commandId}`);

const auditAll = async (k: Klaxon): Promise<AuditRecord[]> => k.bot.services.audit.read({ count: 10_000 });

describe('roles and approvals, end to end', () => {
  let k: Klaxon;
  let channel: string;
  let steps: Message;

  beforeAll(async () => {
    k = await startKlaxon({ worker: true });
    ({ channel, steps } = await incidentWithPlaybook(k, 'Config lost'));
  });
  afterAll(async () => k?.stop());

  const click = (userId: string, messageTs: string, actionId: string, value: string) => k.emulator.clickButton({ userId, channelId: channel, messageTs, actionId, value });

  it('refuses a destructive command to L1 and audits the denial', async () => {
    await click(USERS.l1, steps.ts, 'run_command', runValue(steps, 'cleanup.temp'));
    await eventually(() => k.emulator.ephemerals(channel, USERS.l1).find((e) => e.text.includes('Only people with the role for destructive commands may do `cleanup.temp`. Ask <!subteam^S0L2>, <!subteam^S0L3>.')), 'the refusal');
    const denied = await eventually(async () => (await auditAll(k)).find((a) => a.commandId === 'cleanup.temp' && a.decision === 'denied'), 'the audit entry');
    expect(denied).toMatchObject({ actor: USERS.l1, action: 'run', host: 'backtest-1', detail: 'role lacks destructive' });
    expect(denied.paramsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((await k.bot.producers.host('backtest-1').getJobs(['wait', 'active', 'completed', 'failed'])).filter((j) => j.data.commandId === 'cleanup.temp')).toEqual([]);
  });

  it('needs a second person: self-approval and non-approvers are refused, a double Approve runs once', async () => {
    await click(USERS.l2, steps.ts, 'run_command', runValue(steps, 'config.restore'));
    await eventually(() => k.emulator.ephemerals(channel, USERS.l2).find((e) => e.text.includes("needs a second person's approval")), 'approval pending');
    const request = await approvalMessage(k, channel, 'config.restore');
    const runId = String(blocksOf(request).find((b) => b.block_id === 'approval_actions')?.elements?.[0]?.['value']);
    expect(runId).toMatch(/^run-inc-/);

    await click(USERS.l2, request.ts, 'approval_approve', runId);
    await eventually(() => k.emulator.ephemerals(channel, USERS.l2).find((e) => e.text.includes('cannot approve your own request')), 'the self-approval refusal');
    await click(USERS.l1, request.ts, 'approval_approve', runId);
    await eventually(() => k.emulator.ephemerals(channel, USERS.l1).find((e) => e.text.includes('Only an approver may do `config.restore`.')), 'the non-approver refusal');

    const [first, second] = await Promise.all([click(USERS.l3, request.ts, 'approval_approve', runId), click(USERS.l3, request.ts, 'approval_approve', runId)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await eventually(() => k.emulator.ephemerals(channel, USERS.l3).find((e) => e.text.includes('already approved or denied')), 'the second click refused');
    const root = await eventually(() => k.emulator.messages(channel).find((m) => textOf(m).includes('`config.restore`') && /Succeeded/.test(m.text)), 'the result', 20_000);
    expect(textOf(k.emulator.messages(channel).find((m) => m.ts === request.ts))).toContain(`Approved by <@${USERS.l3}>`);

    const incident = await k.bot.services.store.findByLink('channel', channel);
    const finishedRecorded = async () => (await k.bot.services.store.timelineAll(incident?.id ?? '')).some((e) => e.type === 'job_finished' && e.jobId === runId);
    await eventually(finishedRecorded, 'job_finished on the timeline');
    // Let any duplicate surface before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const timeline = await k.bot.services.store.timelineAll(incident?.id ?? '');
    expect(timeline.filter((e) => e.type === 'job_started' && e.jobId === runId)).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'job_finished' && e.jobId === runId)).toHaveLength(1);
    expect(k.emulator.messages(channel, { threadTs: root.ts }).filter((m) => /Succeeded/.test(m.text) && m.ts !== root.ts)).toHaveLength(1);

    const audit = (await auditAll(k)).filter((a) => a.requestId === runId);
    const decisions = audit.map((a) => `${a.action}:${a.decision}:${a.actor}`);
    expect(decisions).toEqual([
      `run:approval_requested:${USERS.l2}`,
      `approve:self_approval_refused:${USERS.l2}`,
      `approve:denied:${USERS.l1}`,
      `approve:approved:${USERS.l3}`,
      `run:queued:${USERS.l3}`,
      `execute:started:${USERS.l2}`,
      `execute:succeeded:${USERS.l2}`,
    ]);
    for (const entry of audit) expect(entry).toMatchObject({ commandId: 'config.restore', host: 'backtest-1', paramsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('approval expiry', () => {
  let k: Klaxon;
  let offset = 0;
  beforeAll(async () => {
    k = await startKlaxon({ policy: { ...sandboxPolicy, approvalTtlMinutes: 1 }, now: () => Date.now() + offset });
  });
  afterAll(async () => k?.stop());

  it('refuses an approval after the window and queues nothing', async () => {
    const { channel, steps } = await incidentWithPlaybook(k, 'Late approval');
    await k.emulator.clickButton({ userId: USERS.l2, channelId: channel, messageTs: steps.ts, actionId: 'run_command', value: runValue(steps, 'config.restore') });
    const request = await approvalMessage(k, channel, 'config.restore');
    const runId = String(blocksOf(request).find((b) => b.block_id === 'approval_actions')?.elements?.[0]?.['value']);
    offset += 61_000;
    await k.emulator.clickButton({ userId: USERS.l3, channelId: channel, messageTs: request.ts, actionId: 'approval_approve', value: runId });
    await eventually(() => k.emulator.ephemerals(channel, USERS.l3).find((e) => e.text.includes('approval window has passed')), 'the expiry refusal');
    const expired = (await auditAll(k)).find((a) => a.requestId === runId && a.decision === 'expired');
    expect(expired).toMatchObject({ actor: USERS.l3, action: 'approve', commandId: 'config.restore', host: 'backtest-1' });
    expect(await k.bot.producers.host('backtest-1').getJob(runId)).toBeUndefined();
  });

  it('only approvers (or the requester) decide, and a decided request stays decided after the window', async () => {
    const { channel, steps } = await incidentWithPlaybook(k, 'Decided early');
    k.emulator.channel(channel)?.members.push(USERS.stakeholder);
    await k.emulator.clickButton({ userId: USERS.l2, channelId: channel, messageTs: steps.ts, actionId: 'run_command', value: runValue(steps, 'config.restore') });
    const request = await approvalMessage(k, channel, 'config.restore');
    const runId = String(blocksOf(request).find((b) => b.block_id === 'approval_actions')?.elements?.[0]?.['value']);
    const press = (userId: string, actionId: string) => k.emulator.clickButton({ userId, channelId: channel, messageTs: request.ts, actionId, value: runId });

    await press(USERS.stakeholder, 'approval_deny');
    await eventually(() => k.emulator.ephemerals(channel, USERS.stakeholder).find((e) => e.text.includes('Only an approver may do')), 'the stakeholder refused');
    await press(USERS.l3, 'approval_approve');
    // The approval is complete once its run is queued (the last thing it records).
    await eventually(async () => (await auditAll(k)).find((a) => a.requestId === runId && a.decision === 'queued'), 'the approved run queued');
    offset += 61_000;
    await press(USERS.l3, 'approval_approve');
    await eventually(() => k.emulator.ephemerals(channel, USERS.l3).find((e) => e.text.includes('already approved or denied')), 'the late click told it was decided');
    const decisions = (await auditAll(k)).filter((a) => a.requestId === runId).map((a) => `${a.decision}:${a.actor}`);
    expect(decisions).toEqual([`approval_requested:${USERS.l2}`, `denied:${USERS.stakeholder}`, `approved:${USERS.l3}`, `queued:${USERS.l3}`]);
    const incident = await k.bot.services.store.findByLink('channel', channel);
    const approvals = (await k.bot.services.store.timelineAll(incident?.id ?? '')).filter((e) => e.type === 'approval').map((e) => (e as { decision: string }).decision);
    expect(approvals).toEqual(['requested', 'approved']);
  });
});

describe('approvals are bound to their incident', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => k?.stop());

  it("refuses an approval clicked in another incident's channel and queues nothing", async () => {
    const a = await incidentWithPlaybook(k, 'Approval home');
    const b = await incidentWithPlaybook(k, 'Approval elsewhere');
    await k.emulator.clickButton({ userId: USERS.l2, channelId: a.channel, messageTs: a.steps.ts, actionId: 'run_command', value: runValue(a.steps, 'config.restore') });
    const request = await approvalMessage(k, a.channel, 'config.restore');
    const runId = String(blocksOf(request).find((e) => e.block_id === 'approval_actions')?.elements?.[0]?.['value']);

    // A forged click: incident A's run id on a message of incident B's channel.
    await k.emulator.clickButton({ userId: USERS.l3, channelId: b.channel, messageTs: b.steps.ts, actionId: 'approval_approve', value: runId });
    await eventually(() => k.emulator.ephemerals(b.channel, USERS.l3).find((e) => e.text.includes('no pending request')), 'the refusal');
    const refused = (await auditAll(k)).find((entry) => entry.requestId === runId && entry.action === 'approve');
    expect(refused).toMatchObject({ actor: USERS.l3, decision: 'denied' });
    expect(await k.bot.producers.host('backtest-1').getJob(runId)).toBeUndefined();

    // In its own channel the same approval still decides it.
    await k.emulator.clickButton({ userId: USERS.l3, channelId: a.channel, messageTs: request.ts, actionId: 'approval_approve', value: runId });
    await eventually(async () => k.bot.producers.host('backtest-1').getJob(runId), 'the approved run queued');
  });
});
