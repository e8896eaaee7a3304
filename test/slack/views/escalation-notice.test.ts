import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { escalationNotice } from '../../../src/slack/views/escalation-notice.js';
import { allText, anIncident, expectSafeMessage, hostileIncident, hostileText, hostileUser } from './view-fixtures.js';

describe('escalationNotice', () => {
  it.each([
    [1, 'en', 'Escalated to L1 operations.'],
    [2, 'en', 'Escalated to L2 system administrators.'],
    [3, 'ja', 'Level 3（開発チーム）にエスカレーションしました。'],
  ] as const)('names level %i (%s)', (level, locale, words) => {
    const message = escalationNotice({ incident: anIncident(), level, who: ['U0SYSADMIN', 'S0ONCALL'], locale });
    expectSafeMessage(message);
    expect(message.text).toContain(words);
    expect(message.text).toContain('<@U0SYSADMIN> <!subteam^S0ONCALL>');
  });

  it('says when nobody is configured and shows the reason escaped', () => {
    const message = escalationNotice({ incident: anIncident(), level: 2, who: [], reason: 'response <15 min> missed', locale: 'en' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('Nobody is configured for this level');
    expect(text).toContain('Reason: response &lt;15 min&gt; missed');
  });

  it('stays within every limit for any people and reason', () => {
    fc.assert(
      fc.property(hostileIncident(), fc.array(hostileUser(), { maxLength: 100 }), hostileText(), fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>, fc.constantFrom(...LOCALES), (incident, who, reason, level, locale) => {
        expectSafeMessage(escalationNotice({ incident, level, who, reason, locale }));
      }),
      { numRuns: 60 },
    );
  });
});
