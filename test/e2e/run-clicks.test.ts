// Impatient clicks through the real receiver, with a worker on a demo host: three quick clicks on one Run
// button start one run (the others are told it was asked for a moment ago), another person's click is their
// own run; "Run all" is one summary message updated in place, its results in its thread, whatever the clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION } from '../../src/slack/ids.js';
import type { TimelineEvent } from '../../src/domain/timeline.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { catalogue, playbooks } from '../../commands/index.js';
import { declareIncident, finishedRuns, messageWithButton, type Declared } from '../report/incident-journey.js';

const RUN_ALL = [...new Set(playbooks.find((p) => p.kind === 'verification')?.steps.flatMap((s) => s.commands) ?? [])];

type Block = { block_id?: string; accessory?: Record<string, unknown> };
const blocksOf = (m: Message | undefined): Block[] => (m?.blocks ?? []) as Block[];

describe('run clicks', () => {
  let k: Klaxon;
  let d: Declared;
  let steps: Message;

  beforeAll(async () => {
    k = await startKlaxon({ worker: true });
    d = await declareIncident(k, USERS.l1, 'critical', 'Backtests crash on start');
    const offer = await eventually(() => k.emulator.messages(d.channelId).find((m) => blocksOf(m).some((b) => b.block_id === 'playbook_offer')), 'the playbook offer');
    await k.emulator.selectOption({ userId: USERS.l2, channelId: d.channelId, messageTs: offer.ts, actionId: ACTION.playbookSelect, value: 'critical.outage' });
    steps = await eventually(() => k.emulator.messages(d.channelId, { threadTs: offer.ts }).find((m) => JSON.stringify(m.blocks).includes('env.python-version')), 'the playbook steps');
  });
  afterAll(async () => k?.stop());

  const runButton = (commandId: string): string =>
    String(blocksOf(steps).find((b) => b.accessory?.['action_id'] === ACTION.runCommand && String(b.accessory['value']).includes(`"${commandId}"`))?.accessory?.['value']);
  const queued = async (commandId: string): Promise<TimelineEvent[]> =>
    (await k.bot.services.store.timelineAll(d.incidentId)).filter((e) => e.type === 'job_queued' && e.commandId === commandId);
  const clickRun = (user: string, commandId: string) =>
    k.emulator.clickButton({ userId: user, channelId: d.channelId, messageTs: steps.ts, actionId: ACTION.runCommand, value: runButton(commandId) });

  it('starts one run for three concurrent clicks by one person', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => clickRun(USERS.l1, 'env.python-version')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const replies = await eventually(() => {
      const mine = k.emulator.ephemerals(d.channelId, USERS.l1).filter((e) => /Python version|a moment ago/.test(e.text));
      return mine.length === 3 ? mine : undefined;
    }, 'an answer to each click');
    expect(replies.filter((e) => e.text.includes('a moment ago'))).toHaveLength(2);
    expect(await queued('env.python-version')).toHaveLength(1);
  });

  it('runs the same command again for someone else', async () => {
    await clickRun(USERS.l2, 'env.python-version');
    await eventually(async () => (await queued('env.python-version')).length === 2, 'the second person\'s run');
  });

  it('shows "Run all" as one message updated in place, however often it is clicked', { timeout: 120_000 }, async () => {
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: d.channelId, text: 'resolve' });
    const offer = await eventually(() => messageWithButton(k, d.channelId, ACTION.runSuite), 'the Run all button');
    const before = new Set(k.emulator.messages(d.channelId).map((m) => m.ts));
    const ephemerals = k.emulator.ephemerals(d.channelId, USERS.l2).length;
    const value = String(JSON.stringify(offer.blocks).match(/"action_id":"run_suite","value":"([^"]+)"/)?.[1] ?? '');
    const clicks = await Promise.all([1, 2, 3].map(() => k.emulator.clickButton({ userId: USERS.l2, channelId: d.channelId, messageTs: offer.ts, actionId: ACTION.runSuite, value })));
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
    await finishedRuns(k, d.incidentId, RUN_ALL, 90_000);

    const events = await k.bot.services.store.timelineAll(d.incidentId);
    for (const id of RUN_ALL) expect(events.filter((e) => e.type === 'job_queued' && e.commandId === id)).toHaveLength(1);
    // The summary went into the queue before any of its runs reached the host, so no result waited for its thread.
    const summaryJob = (await k.bot.producers.slack.getJobs(['completed', 'active', 'waiting', 'delayed'])).find((j) => j.name === 'run-suite');
    const runIds = events.flatMap((e) => (e.type === 'job_queued' && RUN_ALL.includes(e.commandId) ? [e.jobId] : []));
    const hostJobs = await Promise.all(runIds.map((id) => k.bot.producers.host('backtest-1').getJob(id)));
    expect(hostJobs.map((j) => j?.timestamp)).toHaveLength(RUN_ALL.length);
    for (const job of hostJobs) expect(job?.timestamp).toBeGreaterThanOrEqual(summaryJob?.timestamp ?? Number.POSITIVE_INFINITY);
    const title = catalogue.find((c) => c.id === RUN_ALL[0])?.title.en as string;
    const summary = await eventually(() => {
      const posted = k.emulator.messages(d.channelId).filter((m) => !before.has(m.ts) && !m.threadTs && JSON.stringify(m.blocks).includes(title));
      return posted.length === 1 && !/queued|running/.test(JSON.stringify(posted[0]?.blocks)) ? posted[0] : undefined;
    }, 'one summary with every run finished');
    // Nothing else about the runs at the top of the channel: one message per command would name its id.
    const others = k.emulator.messages(d.channelId).filter((m) => !before.has(m.ts) && !m.threadTs && m.ts !== summary.ts);
    for (const id of RUN_ALL) expect(others.filter((m) => JSON.stringify(m.blocks ?? []).includes(`\`${id}\``))).toEqual([]);
    expect(k.emulator.calls('chat.update').filter((c) => c.args['ts'] === summary.ts).length).toBeGreaterThan(0);
    const thread = k.emulator.messages(d.channelId, { threadTs: summary.ts }).filter((m) => m.ts !== summary.ts);
    for (const id of RUN_ALL) expect(thread.some((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes(id))).toBe(true);
    // The two repeat clicks are told once each; no "Queued" answer per run.
    const told = k.emulator.ephemerals(d.channelId, USERS.l2).slice(ephemerals);
    expect(told.filter((e) => /Queued/.test(e.text))).toEqual([]);
    expect(told.filter((e) => e.text.includes('a moment ago'))).toHaveLength(2);
  });
});
