import type { InputBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { CALLBACK, INPUT } from '../../../src/slack/ids.js';
import { updateModal } from '../../../src/slack/views/update-modal.js';
import { anIncident, expectSafeView, hostileIncident, hostileText } from './view-fixtures.js';

describe('updateModal', () => {
  it('has one required multiline input and carries the incident id', () => {
    const view = updateModal({ incident: anIncident(), locale: 'en' });
    expectSafeView(view);
    expect(view.callback_id).toBe(CALLBACK.update);
    expect(view.private_metadata).toBe('inc-42');
    const input = view.blocks.find((b): b is InputBlock => b.type === 'input');
    expect(input?.block_id).toBe(INPUT.updateText.block);
    expect(input?.optional).toBe(false);
    expect(input?.element.type === 'plain_text_input' ? input.element.multiline : false).toBe(true);
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), fc.constantFrom(...LOCALES), (incident, prefill, locale) => {
        expectSafeView(updateModal({ incident, prefill, locale }));
      }),
      { numRuns: 60 },
    );
  });
});
