// Journey 2, the checklist: signed clicks through the real receiver, the store's concurrency-safe update and
// a coalesced chat.update in the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistEntry, ChecklistItemId } from '../../src/domain/checklist.js';
import type { Incident } from '../../src/domain/incident.js';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { declaredInSlack } from '../support/declared-in-slack.js';

type Block = { block_id?: string; text?: { text?: string } };

describe('the interactive checklist', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
  });
  afterAll(async () => {
    const rejected = k?.emulator.calls().filter((c) => c.error === 'invalid_blocks' || c.error === 'no_text') ?? [];
    await k?.stop();
    expect(rejected.map((c) => `${c.method}: ${c.error}`)).toEqual([]);
  });

  const declared = (title: string) => declaredInSlack(k, `high ${title}`, ['checklist', 'announcement']);

  const renderedItem = (channel: string, ts: string, item: ChecklistItemId): string => {
    const message = k.emulator.messages(channel).find((m) => m.ts === ts);
    const block = (message?.blocks as Block[] | undefined)?.find((b) => b.block_id === checklistBlockId(item));
    return block?.text?.text ?? '';
  };

  const click = (user: string, channel: string, ts: string, item: ChecklistItemId) =>
    k.emulator.clickButton({ userId: user, channelId: channel, messageTs: ts, actionId: ACTION.checklistToggle, blockId: checklistBlockId(item) });

  it('records who ticked an item and when, and updates the message in place', async () => {
    const { incident, channel, checklistTs } = await declared('Checklist click');
    const before = Date.now();
    const answer = await click(USERS.l2, channel, checklistTs, 'impact_assessed');
    expect(answer.status).toBe(200);

    const entry = await eventually(async () => {
      const stored = await k.bot.services.store.get(incident.id);
      return stored?.checklist.impact_assessed.done ? stored.checklist.impact_assessed : undefined;
    }, 'the stored tick');
    expect(entry).toMatchObject({ done: true, by: USERS.l2 });
    expect(entry.at).toBeGreaterThanOrEqual(before - 1000);
    expect(entry.at).toBeLessThanOrEqual(Date.now());

    const text = await eventually(() => {
      const t = renderedItem(channel, checklistTs, 'impact_assessed');
      return t.includes(':white_check_mark:') ? t : undefined;
    }, 'the re-rendered checklist');
    expect(text).toContain(`<@${USERS.l2}>`);
    expect(renderedItem(channel, checklistTs, 'root_cause')).toContain(':white_large_square:');
    const updates = k.emulator.calls('chat.update').filter((c) => c.args['ts'] === checklistTs);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    // A click in a channel without an incident is refused in words, not silently.
    const stranger = k.emulator.postUserMessage({ userId: USERS.l1, channelId: k.general, text: 'not an incident message' });
    await k.emulator.clickButton({ userId: USERS.l1, channelId: k.general, messageTs: stranger.ts, actionId: ACTION.checklistToggle, value: 'impact_assessed' });
    await eventually(() => k.emulator.ephemerals(k.general, USERS.l1).find((e) => /incident channel/i.test(e.text)), 'the not-an-incident-channel reply');
  });

  it('keeps 20 concurrent clicks consistent with a serial model and coalesces the re-render', async () => {
    const { incident, channel, checklistTs } = await declared('Concurrent clicks');
    const users = [USERS.l1, USERS.l2, USERS.l3];
    const items: ChecklistItemId[] = ['initial_logs', 'impact_assessed', 'runbook_followed', 'secondary_damage', 'root_cause', 'prevention', 'improvement_plan'];
    // Items 0 and 1 are clicked several times; the rest once or twice, by different people.
    const clicks = Array.from({ length: 20 }, (_, n) => ({ user: users[n % users.length] as string, item: items[n % 3 === 0 ? n % 2 : n % items.length] as ChecklistItemId }));
    // A first click acknowledges the incident; let that settle so the burst only toggles items.
    await click(USERS.l1, channel, checklistTs, 'interim_report');
    await eventually(async () => (await k.bot.services.store.get(incident.id))?.checklist.interim_report.done, 'the first tick');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const updatesBefore = k.emulator.calls('chat.update').filter((c) => c.args['ts'] === checklistTs).length;

    const answers = await Promise.all(clicks.map((c) => click(c.user, channel, checklistTs, c.item)));
    expect(answers.map((a) => a.status)).toEqual(clicks.map(() => 200));

    const toggles = await eventually(async () => {
      const events = (await k.bot.services.store.timelineAll(incident.id)).filter(
        (e) => (e.type === 'checklist_ticked' || e.type === 'checklist_unticked') && items.includes(e.item),
      );
      return events.length >= clicks.length ? events : undefined;
    }, 'all 20 clicks on the timeline');
    expect(toggles).toHaveLength(clicks.length);

    // The serial model: apply the toggles in the order the store committed them.
    const stored = (await k.bot.services.store.get(incident.id)) as Incident;
    const model = new Map<ChecklistItemId, ChecklistEntry>();
    for (const e of toggles) {
      if (e.type !== 'checklist_ticked' && e.type !== 'checklist_unticked') continue;
      const previous = model.get(e.item)?.done ?? false;
      expect(e.type === 'checklist_ticked').toBe(!previous);
      model.set(e.item, { done: !previous, by: e.by, at: e.at });
    }
    for (const item of items) {
      const count = clicks.filter((c) => c.item === item).length;
      expect(stored.checklist[item].done, item).toBe(count % 2 === 1);
      expect(stored.checklist[item], item).toMatchObject(model.get(item) ?? { done: false });
    }

    // After the burst the message shows exactly the stored state, with far fewer updates than clicks.
    await eventually(() => items.every((item) => {
      const text = renderedItem(channel, checklistTs, item);
      const entry = stored.checklist[item];
      return entry.done ? text.includes(':white_check_mark:') && text.includes(`<@${entry.by}>`) : text.includes(':white_large_square:');
    }), 'the final render to match the store');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const item of items) {
      const text = renderedItem(channel, checklistTs, item);
      expect(text.includes(':white_check_mark:'), item).toBe(stored.checklist[item].done);
    }
    const updates = k.emulator.calls('chat.update').filter((c) => c.args['ts'] === checklistTs).length - updatesBefore;
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThan(8);
  });
});
