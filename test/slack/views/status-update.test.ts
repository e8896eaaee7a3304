import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { statusUpdate } from '../../../src/slack/views/status-update.js';
import { allText, anIncident, expectSafeMessage, hostileIncident, hostileText, hostileUser } from './view-fixtures.js';

describe('statusUpdate', () => {
  it('shows the update, who posted it and the incident state', () => {
    const message = statusUpdate({ incident: anIncident(), text: 'Restarted in safe mode.\nWatching memory.', by: 'U0ALICE', locale: 'en' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('Restarted in safe mode.\\nWatching memory.');
    expect(text).toContain('Posted by <@U0ALICE> · Critical · Declared');
    expect(message.text).toBe('Status update for inc-42: Restarted in safe mode. Watching memory.');
  });

  it('cuts a 10,000-character update to one section with an ellipsis', () => {
    const message = statusUpdate({ incident: anIncident(), text: '長'.repeat(10_000), by: 'U0ALICE', locale: 'ja' });
    expectSafeMessage(message);
    expect(allText(message.blocks)).toContain(`${'長'.repeat(2999)}…`);
  });

  it('stays within every limit for any text', () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), hostileUser(), fc.constantFrom(...LOCALES), (incident, text, by, locale) => {
        expectSafeMessage(statusUpdate({ incident, text, by, locale }));
      }),
      { numRuns: 80 },
    );
  });
});
