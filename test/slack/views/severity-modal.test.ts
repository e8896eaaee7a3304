import type { InputBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { CALLBACK, INPUT } from '../../../src/slack/ids.js';
import { severityModal } from '../../../src/slack/views/severity-modal.js';
import { anIncident, expectSafeView, hostileIncident, severityArb } from './view-fixtures.js';

const selected = (blocks: readonly unknown[]): string | undefined => {
  const input = (blocks as InputBlock[]).find((b) => b.block_id === INPUT.newSeverity.block);
  return input?.element.type === 'static_select' ? input.element.initial_option?.value : undefined;
};

describe('severityModal', () => {
  it('preselects the proposed severity, else the current one', () => {
    expect(selected(severityModal({ incident: anIncident({ severity: 'medium' }), locale: 'en' }).blocks)).toBe('medium');
    const view = severityModal({ incident: anIncident({ severity: 'medium' }), locale: 'ja', proposed: 'critical' });
    expectSafeView(view);
    expect(selected(view.blocks)).toBe('critical');
    expect(view.callback_id).toBe(CALLBACK.severity);
    expect(JSON.stringify(view.blocks)).toContain('現在の重要度：中');
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileIncident(), severityArb(), fc.constantFrom(...LOCALES), (incident, proposed, locale) => {
        expectSafeView(severityModal({ incident, proposed, locale }));
      }),
      { numRuns: 40 },
    );
  });
});
