import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { listIncidents } from '../../../src/slack/views/list-incidents.js';
import { T0, allText, anIncident, expectSafeMessage, hostileIncident } from './view-fixtures.js';

describe('listIncidents', () => {
  it('lists each incident with severity, status, age and its channel', () => {
    const incidents = [anIncident(), anIncident({ id: 'inc-43', number: 43, severity: 'low', title: 'Warning logs' })];
    const message = listIncidents(incidents, { locale: 'en', now: T0 + 65 * 60_000, channelOf: (id) => (id === 'inc-42' ? 'C0INC42' : undefined) });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain(':red_circle: *Backtest main process crashed* <#C0INC42>\\ninc-42 · Critical · Declared · 1 h 05 min ago');
    expect(text).toContain(':large_blue_circle: *Warning logs*\\ninc-43 · Low');
    expect(message.text).toBe('Open incidents (2)');
  });

  it('takes one object as well (incidents inside)', () => {
    const message = listIncidents({ incidents: [anIncident()], now: T0 + 60_000, locale: 'ja', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    expect(allText(message.blocks)).toContain('inc-42・緊急・宣言済み・1分経過');
  });

  it('says when there is none', () => {
    expect(listIncidents([], { locale: 'ja', now: T0 }).text).toBe('対応中のインシデントはありません。');
  });

  it('stays within 50 blocks for many hostile incidents and says how many are not shown', () => {
    fc.assert(
      fc.property(fc.array(hostileIncident(), { maxLength: 80 }), fc.constantFrom(...LOCALES), (incidents, locale) => {
        const message = listIncidents(incidents, { locale, now: T0, channelOf: (id) => id });
        expectSafeMessage(message);
        if (incidents.length > 48) expect(allText(message.blocks)).toMatch(locale === 'en' ? /and \d+ more/ : /ほか \d+ 件/);
      }),
      { numRuns: 20 },
    );
  });
});
