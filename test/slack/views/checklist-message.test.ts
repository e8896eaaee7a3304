import type { Button, SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS } from '../../../src/domain/checklist.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { ACTION, checklistBlockId } from '../../../src/slack/ids.js';
import { checklistMessage } from '../../../src/slack/views/checklist-message.js';
import { T0, allText, anIncident, emptyChecklist, expectSafeMessage, hostileIncident } from './view-fixtures.js';

const itemButtons = (blocks: readonly unknown[]): Button[] =>
  (blocks as SectionBlock[]).flatMap((b) => (b.accessory?.type === 'button' && b.accessory.action_id === ACTION.checklistToggle ? [b.accessory] : []));

describe('checklistMessage', () => {
  it('has one button per §12.1 item, valued with the item id, in runbook order', () => {
    const message = checklistMessage({ incident: anIncident(), locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const buttons = itemButtons(message.blocks);
    expect(buttons).toHaveLength(15);
    expect(buttons.map((b) => b.value)).toEqual(CHECKLIST_ITEMS.map((i) => i.id));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text).toBe('Checklist for inc-42: 0/15 done');
  });

  it('groups the items under 初期対応 / 対応実施 / 事後対応 with the Japanese labels in ja', () => {
    const text = allText(checklistMessage({ incident: anIncident(), locale: 'ja', timeZone: 'Asia/Tokyo' }).blocks);
    const order = ['*初期対応*', 'インシデント検知時刻記録', '関係者通知', '*対応実施*', '二次被害防止確認', '*事後対応*', '改善計画作成'];
    const positions = order.map((word) => text.indexOf(word));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows who ticked an item and when (team zone), whether it was automatic, and any reason', () => {
    const checklist = {
      ...emptyChecklist(),
      initial_logs: { done: true, by: 'klaxon', at: T0 + 7 * 60_000, auto: true },
      impact_assessed: { done: true, by: 'U0ALICE', at: T0 + 9 * 60_000, reason: 'checked <!channel> by hand' },
    };
    const message = checklistMessage({ incident: anIncident({ checklist }), locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const block = (id: string) => message.blocks.find((b) => b.block_id === id) as SectionBlock;
    expect(block(checklistBlockId('initial_logs')).text?.text).toBe(':white_check_mark: *Collect initial logs*\nklaxon at 03-10 10:07 JST · automatic');
    expect(block(checklistBlockId('impact_assessed')).text?.text).toContain('<@U0ALICE> at 03-10 10:09 JST · reason: checked &lt;!channel&gt; by hand');
    expect(block(checklistBlockId('detection_time')).text?.text).toBe(':white_large_square: Record detection time');
    const buttons = itemButtons(message.blocks);
    expect(buttons.filter((b) => b.text.text === 'Undo')).toHaveLength(2);
    expect(message.text).toBe('Checklist for inc-42: 2/15 done');
  });

  it('stays within every limit for any checklist state and text', () => {
    fc.assert(
      fc.property(hostileIncident(), fc.constantFrom(...LOCALES), (incident, locale) => {
        const message = checklistMessage({ incident, locale, timeZone: 'America/New_York' });
        expectSafeMessage(message);
        expect(itemButtons(message.blocks)).toHaveLength(15);
      }),
      { numRuns: 100 },
    );
  });
});
