import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { statusSummary } from '../../../src/slack/views/status-summary.js';
import { T0, allText, anIncident, clocksOf, expectSafeMessage, hostileIncident, hostileText } from './view-fixtures.js';

describe('statusSummary', () => {
  it('shows the state, both clocks, checklist progress and every worker', () => {
    const incident = anIncident();
    const now = T0 + 20 * 60_000;
    const workers = [
      { host: 'backtest-01', online: true, lastSeenAt: now - 5_000 },
      { host: 'backtest-02', online: false, lastSeenAt: now - 3 * 3_600_000 },
    ];
    const message = statusSummary({ incident, clocks: clocksOf(incident, now), workers, locale: 'en', timeZone: 'Asia/Tokyo', now });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('overdue by 5 min');
    expect(text).toContain('Checklist 0/15');
    expect(text).toContain(':large_green_circle: backtest-01 · online · last seen 5 s ago');
    expect(text).toContain(':red_circle: backtest-02 · offline · last seen 3 h 00 min ago');
  });

  it('says when no worker has reported, in Japanese in ja', () => {
    const incident = anIncident();
    const message = statusSummary({ incident, clocks: clocksOf(incident, T0), workers: [], locale: 'ja', timeZone: 'Asia/Tokyo', now: T0 });
    expect(allText(message.blocks)).toContain('ワーカーからの応答がありません。');
  });

  it('shows when a worker was last seen as a time when no `now` is given', () => {
    const incident = anIncident();
    const workers = [{ host: 'backtest-01', online: true, lastSeenAt: T0 }];
    const message = statusSummary({ incident, clocks: clocksOf(incident, T0), workers, locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    expect(allText(message.blocks)).toContain('backtest-01 · online · <!date^1773104400^');
  });

  it('stays within every limit for any incident and many workers', () => {
    const worker = fc.record({ host: hostileText(), online: fc.boolean(), lastSeenAt: fc.integer({ min: 0, max: T0 }) });
    fc.assert(
      fc.property(hostileIncident(), fc.array(worker, { maxLength: 60 }), fc.constantFrom(...LOCALES), (incident, workers, locale) => {
        expectSafeMessage(statusSummary({ incident, clocks: clocksOf(incident, T0), workers, locale, timeZone: 'UTC', now: T0 }));
      }),
      { numRuns: 40 },
    );
  });
});
