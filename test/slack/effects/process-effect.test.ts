// The effect dispatcher and the approval decision effect on the real bot's store, with Slack itself replaced by
// a recorder (the one boundary we cannot run): what each job writes, and that a job it does not know fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectJob, RunJobData } from '../../../src/app/ports.js';
import { declare } from '../../../src/app/declare.js';
import { effectProcessor } from '../../../src/slack/effects/process-effect.js';
import type { SlackApi } from '../../../src/slack/slack-api.js';
import { BOT_TOKEN, eventually, startKlaxon, USERS, type Klaxon } from '../../support/klaxon-harness.js';

interface Call {
  readonly method: string;
  readonly args: Record<string, unknown>;
}

function recordingSlack(): SlackApi & { readonly calls: Call[] } {
  const calls: Call[] = [];
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    return { ok: true, ts: `1700000000.${String(calls.length).padStart(6, '0')}`, files: [] };
  };
  // Every `family.method(args)` the effects call, recorded under Slack's method name.
  const family = (name: string) => new Proxy({}, { get: (_target, method) => record(`${name}.${String(method)}`) });
  const slack = {
    auth: family('auth'),
    chat: family('chat'),
    conversations: family('conversations'),
    pins: family('pins'),
    reactions: family('reactions'),
    usergroups: { users: family('usergroups.users') },
    views: family('views'),
    files: family('files'),
    uploadBytes: record('upload URL'),
    uploadCompleted: async () => false,
    findPosted: async () => undefined,
  };
  return { ...(slack as unknown as SlackApi), calls };
}

describe('effect dispatcher', () => {
  let k: Klaxon;
  let incidentId: string;
  let channel: string;
  beforeAll(async () => {
    k = await startKlaxon();
    const declared = await declare(k.bot.services, { severity: 'critical', title: 'Effects unit', source: 'slack', by: USERS.l1, key: 'effects-unit' });
    if (!declared.ok) throw new Error(declared.error.message);
    incidentId = declared.value.id;
    channel = await eventually(async () => (await k.bot.services.store.getLinks(incidentId))['channel'], 'the incident channel');
  });
  afterAll(async () => k?.stop());

  const processorWith = (slack: SlackApi) => effectProcessor({ services: k.bot.services, slack, botToken: BOT_TOKEN, readArtifact: async () => undefined });
  const run = (runId: string): RunJobData => ({ runId, incidentId, commandId: 'config.restore', params: {}, host: 'backtest-1', requestedBy: USERS.l2, severity: 'critical' });

  it('records an approval request on the timeline when the request was cut off before it did, at its time, once', async () => {
    const slack = recordingSlack();
    const cut = run('run-unit-approval-cut');
    const requestedAt = k.bot.services.now() - 5_000;
    const job: EffectJob = { name: 'run-accepted', data: { incidentId, run: cut, approval: { expiresAt: requestedAt + 15 * 60_000, requestedAt } } };
    await processorWith(slack)(job);
    await processorWith(slack)(job);
    const requested = (await k.bot.services.store.timelineAll(incidentId)).filter((e) => e.type === 'approval' && e.jobId === cut.runId);
    expect(requested).toMatchObject([{ decision: 'requested', at: requestedAt, by: USERS.l2 }]);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('fails a job kind it does not know instead of completing it silently', async () => {
    const slack = recordingSlack();
    const unknown = { name: 'from-the-future', data: { incidentId } } as unknown as EffectJob;
    await expect(processorWith(slack)(unknown)).rejects.toThrow(/unknown effect job "from-the-future"/);
    expect(slack.calls).toEqual([]);
  });

  it.each([
    ['approved', /Approved by <@U0L3DEV>/],
    ['denied', /Denied by <@U0L3DEV>/],
  ] as const)('replaces the approval request with the decision: %s', async (decision, shown) => {
    const slack = recordingSlack();
    const process = processorWith(slack);
    const runId = `run-unit-${decision}`;
    await process({ name: 'run-accepted', data: { incidentId, run: run(runId), approval: { expiresAt: k.bot.services.now() + 60_000 } } });
    const requestTs = (await k.bot.services.store.getLinks(incidentId))[`approval:${runId}`];
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);

    await process({ name: 'approval-decided', data: { incidentId, run: run(runId), decision, by: USERS.l3, at: k.bot.services.now() } });
    const update = slack.calls[1];
    expect(update?.method).toBe('chat.update');
    expect(update?.args).toMatchObject({ channel, ts: requestTs });
    expect(JSON.stringify(update?.args['blocks'])).toMatch(shown);
    expect(JSON.stringify(update?.args['blocks'])).not.toContain('approval_actions');
  });

  it('leaves the Home tabs to a pass of their own: a render publishes none in the incident’s lane', async () => {
    await k.bot.services.homeViewers.add(USERS.stakeholder);
    const drawn = () => k.emulator.calls('views.publish').filter((c) => c.ok && c.args['user_id'] === USERS.stakeholder).length;
    const before = drawn();
    const slack = recordingSlack();
    await processorWith(slack)({ name: 'render', data: { incidentId } });
    expect(slack.calls.map((c) => c.method)).not.toContain('views.publish');
    await eventually(() => drawn() > before, 'the Home tab redrawn by the homes pass');
  });

  // Waiting for another effect's message, they wait as long as it may (through a Slack outage), not ten attempts.
  it.each<[string, () => EffectJob, RegExp]>([
    ['a decision whose request', () => ({ name: 'approval-decided', data: { incidentId, run: run('run-unit-not-posted'), decision: 'approved', by: USERS.l3, at: k.bot.services.now() } }), /not posted yet/],
    ['a "Run all" step whose summary', () => ({ name: 'run-event', data: { kind: 'started', run: { ...run('run-unit-suite'), suite: 'suite-unposted' }, at: k.bot.services.now() } }), /not recorded yet/],
    ['a maintenance result whose summary', () => ({ name: 'run-event', data: { kind: 'finished', run: { ...run('run-unit-maint'), maintenance: { planRunId: 'plan-unposted', planId: 'nightly', slot: 0 } }, at: k.bot.services.now(), result: { commandId: 'config.restore', outcome: 'succeeded', exitCode: 0, durationMs: 1, output: '', outputBytes: 0, truncatedBytes: 0, outputDigest: 'a'.repeat(64), files: [] }, artifacts: [] } }), /no summary yet/],
  ])('retries %s is not posted yet as a wait for another effect', async (_what, job, said) => {
    const slack = recordingSlack();
    const failed = await processorWith(slack)(job()).then(() => undefined, (error: unknown) => error as Error);
    expect([failed?.name, failed?.message]).toEqual(['EffectNotReadyError', expect.stringMatching(said)]);
    expect(slack.calls.filter((c) => c.method !== 'conversations.history')).toEqual([]);
  });
});
