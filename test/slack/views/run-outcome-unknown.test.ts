import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { runOutcomeUnknown } from '../../../src/slack/views/run-outcome-unknown.js';
import { allText, expectSafeMessage, hostileText } from './view-fixtures.js';

describe('runOutcomeUnknown', () => {
  it('says the run stalled and will not be run again by itself', () => {
    const message = runOutcomeUnknown({ commandId: 'critical.restore-config', title: 'Restore config', host: 'backtest-01', locale: 'en' });
    expectSafeMessage(message);
    expect(allText(message.blocks)).toContain('klaxon will not run it again by itself');
    expect(message.text).toBe('Restore config: Outcome unknown');
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(...LOCALES), (text, locale) => {
        expectSafeMessage(runOutcomeUnknown({ commandId: text, title: text, host: text, locale }));
      }),
      { numRuns: 50 },
    );
  });
});
