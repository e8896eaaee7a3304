// Impatient clicks through the real receiver: three quick clicks on one Run button start one run (the others
// are told it was asked for a moment ago), another person's click is their own run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { ACTION } from '../../src/slack/ids.js';
import type { TimelineEvent } from '../../src/domain/timeline.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { declareIncident, type Declared } from '../report/incident-journey.js';

type Block = { block_id?: string; accessory?: Record<string, unknown> };
const blocksOf = (m: Message | undefined): Block[] => (m?.blocks ?? []) as Block[];

describe('run clicks', () => {
  let k: Klaxon;
  let d: Declared;
  let steps: Message;

  beforeAll(async () => {
    k = await startKlaxon();
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
});
