import type { SectionBlock, StaticSelect } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playbooks } from '../../../commands/index.js';
import { LOCALES } from '../../../src/domain/locale.js';
import type { Playbook } from '../../../src/domain/playbook.js';
import { ACTION, BLOCK } from '../../../src/slack/ids.js';
import { playbookOffer } from '../../../src/slack/views/playbook-offer.js';
import { expectSafeMessage, hostileText } from './view-fixtures.js';

const picker = (blocks: readonly unknown[]): StaticSelect | undefined => {
  const accessory = (blocks[0] as SectionBlock).accessory;
  return accessory?.type === 'static_select' ? accessory : undefined;
};

describe('playbookOffer', () => {
  it('offers the critical scenarios of the catalogue as a picker valued with playbook ids', () => {
    const critical = playbooks.filter((p) => p.kind === 'scenario' && p.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    const message = playbookOffer({ playbooks: critical, locale: 'ja', severity: 'critical' });
    expectSafeMessage(message);
    expect(message.blocks[0]?.block_id).toBe(BLOCK.playbookOffer);
    expect(picker(message.blocks)?.action_id).toBe(ACTION.playbookSelect);
    expect(picker(message.blocks)?.options?.map((o) => o.value)).toEqual(critical.map((p) => p.id));
    expect(message.text).toBe('重要度「緊急」の対応手順');
  });

  it('says so when nothing matches', () => {
    const message = playbookOffer({ playbooks: [], locale: 'en', severity: 'low' });
    expectSafeMessage(message);
    expect(picker(message.blocks)).toBeUndefined();
    expect(message.text).toContain('No playbook matches');
  });

  it('stays within every limit for many playbooks with hostile titles', () => {
    const playbook = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9.-]{0,74}$/),
      title: fc.record({ en: hostileText(), ja: hostileText() }),
      runbook: fc.constantFrom('§4.1', '§5.2'),
    });
    fc.assert(
      fc.property(fc.array(playbook, { maxLength: 150 }), fc.constantFrom(...LOCALES), (list, locale) => {
        const full = list.map((p) => ({ ...p, kind: 'scenario', steps: [] }) as Playbook);
        const message = playbookOffer({ playbooks: full, locale });
        expectSafeMessage(message);
        expect(picker(message.blocks)?.options?.length ?? 0).toBe(Math.min(100, list.length));
      }),
      { numRuns: 60 },
    );
  });
});
