import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { announcement } from '../../../src/slack/views/announcement.js';
import { T0, allText, anIncident, expectSafeMessage, hostileIncident, hostileText, hostileUser } from './view-fixtures.js';

describe('announcement', () => {
  it('links the incident channel and shows severity, status and the declaration time', () => {
    const message = announcement({ incident: anIncident(), channelId: 'C0INC42', locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('<#C0INC42>');
    expect(text).toContain('|2026-03-10 10:00 JST>');
    expect(text).toContain('No update yet.');
    expect(message.text).toBe('Incident inc-42: Backtest main process crashed (Critical, Declared)');
  });

  it('re-renders with the latest update, escaped, and who posted it', () => {
    const latestUpdate = { text: 'DB restored <!here> *watching*', by: 'U0ALICE', at: T0 + 30 * 60_000 };
    const message = announcement({ incident: anIncident(), channelId: 'C0INC42', latestUpdate, locale: 'ja', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('最新の中間報告');
    expect(text).toContain('DB restored &lt;!here&gt; *watching*');
    expect(text).toContain('<@U0ALICE>・<!date^');
  });

  it.each(LOCALES)('says only that a private incident is open, its severity and lead (%s)', (locale) => {
    const incident = { ...anIncident(), private: true as const, roles: { commander: 'U0LEAD' } };
    const latestUpdate = { text: 'key rotated on host-3', by: 'U0ALICE', at: T0 + 60_000 };
    const message = announcement({ incident, channelId: 'C0INC42', latestUpdate, locale, timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const shown = `${message.text} ${allText(message.blocks)}`;
    for (const secret of ['Backtest main process crashed', 'C0INC42', 'key rotated']) expect(shown).not.toContain(secret);
    expect(shown).toContain('<@U0LEAD>');
    expect(shown).toMatch(locale === 'en' ? /private Critical incident is open/ : /非公開の緊急インシデント/);
  });

  it('stays within every limit for any incident and update', () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), hostileUser(), hostileText(), fc.constantFrom(...LOCALES), (incident, text, by, channel, locale) => {
        expectSafeMessage(announcement({ incident, channelId: channel, latestUpdate: { text, by, at: T0 }, locale, timeZone: 'UTC' }));
      }),
      { numRuns: 80 },
    );
  });
});
