// Who may change an incident, and everyone sees its current state, through the real bot and the emulator:
// the stakeholder cannot lower the severity (command or header menu) nor hand out the lead; anyone may raise
// it, and then the topic, the header, the scenario picker and the stakeholder announcement follow, and the
// change is told in the channel and to the stakeholders; the lead is taken by name, by button and by picker;
// a responder without the destructive role may still ask for an approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, declareIncident, incident, messageWithButton } from '../report/incident-journey.js';

const texts = (k: Klaxon, channel: string): string => JSON.stringify(k.emulator.messages(channel).map((m) => [m.text, m.blocks]));

describe('changes to an incident (sandbox policy, ja)', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ locale: 'ja' });
  });
  afterAll(async () => k?.stop());

  it('refuses the stakeholder a lower severity and the lead; a raise re-renders everything and is announced', { timeout: 90_000 }, async () => {
    const d = await declareIncident(k, USERS.l1, 'high', 'DB & cache down');
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(d.incidentId);
      return all['announcement'] ? all : undefined;
    }, 'the stakeholder announcement');

    // Lowering: refused by command and by the header's menu, with the command, the role and whom to ask.
    const refused = await command(k, USERS.stakeholder, d.channelId, 'severity low');
    expect(refused).toContain('`/incident severity low` は対応責任者または対応担当のみ実行できます。');
    expect(refused).toContain(`<@${USERS.l1}>`);
    const header = await eventually(() => messageWithButton(k, d.channelId, ACTION.acknowledge), 'the header');
    await k.emulator.selectOption({ userId: USERS.stakeholder, channelId: d.channelId, messageTs: header.ts, actionId: ACTION.severityMenu, value: 'medium' });
    await eventually(() => k.emulator.ephemerals(d.channelId, USERS.stakeholder).find((e) => e.text.includes('`/incident severity medium` は')), 'the menu refusal');
    expect(await command(k, USERS.stakeholder, d.channelId, 'assign commander @pm.yamada')).toContain('`/incident assign commander` は対応責任者または対応担当のみ実行できます。');
    expect((await incident(k, d.incidentId)).severity).toBe('high');
    expect((await incident(k, d.incidentId)).roles.commander).toBe(USERS.l1);

    // Raising is open to anyone: everything that shows the severity follows.
    expect(await command(k, USERS.stakeholder, d.channelId, 'severity critical')).not.toContain('のみ実行できます');
    await eventually(() => k.emulator.channel(d.channelId)?.topic.startsWith('緊急・'), 'the topic re-rendered');
    const picker = await eventually(() => {
      const shown = k.emulator.messages(d.channelId).find((m) => m.ts === links['playbooks']);
      return shown && JSON.stringify(shown.blocks).includes('§4.1') ? shown : undefined;
    }, 'the scenario picker offering §4');
    expect(JSON.stringify(picker.blocks)).toContain('重要度「緊急」の対応手順');
    expect(JSON.stringify(picker.blocks)).not.toContain('§5.');
    const notice = '重要度を「高」から「緊急」に変更しました';
    await eventually(() => texts(k, d.channelId).includes(notice), 'the change told in the channel');
    await eventually(() => texts(k, k.stakeholders).includes(notice), 'the change told to the stakeholders');
    expect(texts(k, k.stakeholders)).toContain('DB &amp; cache down · <#'); // escaped once, with the channel
    await eventually(() => {
      const shown = k.emulator.messages(k.stakeholders).find((m) => m.ts === links['announcement']);
      return shown && JSON.stringify(shown.blocks).includes('*重要度*\\n:red_circle: 緊急');
    }, 'the stakeholder announcement re-rendered');
    const shownHeader = k.emulator.messages(d.channelId).find((m) => m.ts === links['header']);
    expect(JSON.stringify(shownHeader?.blocks)).toContain(':red_circle: *緊急*');
    expect(JSON.stringify(shownHeader?.blocks)).not.toMatch(/残り/);

    // The lead, by a name Slack did not make a mention (a real name with spaces), then by button and picker.
    expect(await command(k, USERS.l1, d.channelId, 'assign commander Suzuki (L2 sysadmin)')).toContain('役割を割り当てました');
    expect((await incident(k, d.incidentId)).roles.commander).toBe(USERS.l2);
    expect(await command(k, USERS.l1, d.channelId, 'assign commander @nobody.here')).toContain('「nobody.here」という名前のメンバーは見つかりません');
    const lead = await eventually(() => messageWithButton(k, d.channelId, ACTION.takeLead), 'the lead button');
    await k.emulator.clickButton({ userId: USERS.l3, channelId: d.channelId, messageTs: lead.ts, actionId: ACTION.takeLead, value: d.incidentId });
    await eventually(async () => (await incident(k, d.incidentId)).roles.commander === USERS.l3, 'L3 leads');
    await k.emulator.selectOption({ userId: USERS.l3, channelId: d.channelId, messageTs: lead.ts, actionId: ACTION.assignCommander, value: USERS.l1 });
    await eventually(async () => (await incident(k, d.incidentId)).roles.commander === USERS.l1, 'L1 leads again');
    await k.emulator.selectOption({ userId: USERS.stakeholder, channelId: d.channelId, messageTs: lead.ts, actionId: ACTION.assignCommander, value: USERS.stakeholder });
    await eventually(() => k.emulator.ephemerals(d.channelId, USERS.stakeholder).find((e) => e.text.includes('`/incident assign commander` は')), 'the picker refusal');
    expect((await incident(k, d.incidentId)).roles.commander).toBe(USERS.l1);

    // Resolve: refused for the stakeholder, done by the commander, told everywhere, the topic follows.
    expect(await command(k, USERS.stakeholder, d.channelId, 'resolve')).toContain('`/incident resolve` は');
    expect(await command(k, USERS.l1, d.channelId, 'resolve')).toContain('復旧を記録しました');
    await eventually(() => k.emulator.channel(d.channelId)?.topic.startsWith('緊急・復旧済み｜'), 'the topic after resolve');
    await eventually(() => texts(k, k.stakeholders).includes(`<@${USERS.l1}>が復旧を記録しました`), 'the recovery told to the stakeholders');
    expect(texts(k, d.channelId)).toContain(`<@${USERS.l1}>が復旧を記録しました`);
  });

  it('lets an L1 responder without the destructive role ask for an approval, and says so in Japanese', { timeout: 60_000 }, async () => {
    const d = await declareIncident(k, USERS.l1, 'critical', 'Runaway processes');
    const asked = await command(k, USERS.l1, d.channelId, 'run process.stop-python');
    expect(asked).toContain('別の担当者の承認が必要です');
    expect(asked).not.toContain('のみ実行できます');
    // The stakeholder is no responder: refused with the role and whom to ask.
    expect(await command(k, USERS.stakeholder, d.channelId, 'run process.stop-python')).toContain('`process.stop-python` は対応担当のみ実行できます。');
    // A catalogue refusal is worded in Japanese, not the CLI's English.
    const unknown = await command(k, USERS.l1, d.channelId, 'run no.such-command');
    expect(unknown).toContain('`no.such-command` というコマンドはカタログにありません。');
    expect(unknown).not.toContain('unknown command');
  });
});
