// KLAXON_LOCALE=ja: the team's runbook is Japanese, and so is everything the bot says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS } from '../../src/domain/checklist.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('Japanese locale', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ locale: 'ja' });
  });
  afterAll(async () => {
    const rejected = k?.emulator.calls().filter((c) => c.error === 'invalid_blocks' || c.error === 'no_text') ?? [];
    await k?.stop();
    expect(rejected.map((c) => `${c.method}: ${c.error}`)).toEqual([]);
  });

  it('declares in Japanese: reply, header, checklist, playbook offer and announcement', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare 緊急 バックテストが起動しない' });
    expect(answer.body).toMatch(/inc-\d+ を宣言しました/);
    const id = /(inc-\d+)/.exec(answer.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(id);
      return all['announcement'] && all['playbooks'] ? all : undefined;
    }, 'the incident set up');
    const channel = links['channel'] as string;
    const [header, checklist, offer] = k.emulator.messages(channel);
    expect(header?.text).toContain('バックテストが起動しない');
    expect(header?.text).toMatch(JAPANESE);
    const checklistJson = JSON.stringify(checklist?.blocks);
    expect(checklistJson).toContain('インシデント対応チェックリスト');
    for (const item of CHECKLIST_ITEMS) expect(checklistJson).toContain(item.ja);
    expect(offer?.text).toMatch(JAPANESE);
    const announcement = k.emulator.messages(k.stakeholders).find((m) => m.ts === links['announcement']);
    expect(announcement?.text).toMatch(JAPANESE);

    const update = await k.emulator.slashCommand({ userId: USERS.l2, channelId: channel, text: 'update 設定を戻しました' });
    expect(update.body).toContain('中間報告を投稿しました');
    await eventually(() => k.emulator.messages(channel).find((m) => m.text.includes('の中間報告：設定を戻しました')), 'the Japanese status update');
  });

  it('answers help, usage errors and the wrong channel in Japanese', async () => {
    const help = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
    expect(help.body).toContain('コマンド一覧');
    const usage = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'severity 大変' });
    expect(usage.json).toMatchObject({ response_type: 'ephemeral' });
    expect((usage.json as { text: string }).text).toMatch(JAPANESE);
    const elsewhere = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'note メモ' });
    expect(elsewhere.body).toContain('インシデント対応チャンネルでのみ使えます');
  });
});
