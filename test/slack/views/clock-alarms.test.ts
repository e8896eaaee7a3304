import type { SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { clockBreach, clockReminder, interimReminder } from '../../../src/slack/views/clock-alarms.js';
import { T0, anIncident, clocksOf, expectSafeMessage, hostileIncident } from './view-fixtures.js';

const firstLine = (blocks: readonly unknown[]): string => (blocks[0] as SectionBlock).text?.text ?? '';

describe('clock alarms', () => {
  it.each([
    ['en', ':alarm_clock: First response target in 5 min (due 2026-03-10 10:15 JST).'],
    ['ja', ':alarm_clock: 初期対応時間の期限まで残り5分です（期限：2026-03-10 10:15 JST）。'],
  ] as const)('reminds before the deadline (%s)', (locale, text) => {
    const incident = anIncident();
    const message = clockReminder({ incident, clock: clocksOf(incident, T0 + 10 * 60_000).response, locale, timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    expect(message.text).toBe(text);
    expect(firstLine(message.blocks)).toContain('<!date^1773105300^');
  });

  it.each([
    ['en', ':rotating_light: Recovery target missed by 2 min (was due 2026-03-10 11:00 JST).'],
    ['ja', ':rotating_light: 復旧目標時間を2分超過しました（期限：2026-03-10 11:00 JST）。'],
  ] as const)('announces a breach (%s)', (locale, text) => {
    const incident = anIncident();
    const message = clockBreach({ incident, clock: clocksOf(incident, T0 + 62 * 60_000).recovery, locale, timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    expect(message.text).toBe(text);
  });

  it.each([
    ['the commander', { commander: 'U0LEAD' }, ['U0LEAD'], 'Paging <@U0LEAD>.'],
    ['the ladder level when nobody leads', {}, ['S0L1', 'U0ONCALL'], 'Paging <!subteam^S0L1> <@U0ONCALL>.'],
  ] as const)('calls whoever must act: %s', (_who, roles, notify, line) => {
    const incident = anIncident({ roles });
    const clock = clocksOf(incident, T0 + 10 * 60_000).response;
    for (const message of [
      clockReminder({ incident, clock, locale: 'en', timeZone: 'Asia/Tokyo', notify }),
      clockBreach({ incident, clock: clocksOf(incident, T0 + 20 * 60_000).response, locale: 'en', timeZone: 'Asia/Tokyo', notify }),
      interimReminder({ incident, sinceMs: 30 * 60_000, locale: 'en', notify }),
    ]) {
      expectSafeMessage(message);
      expect(message.text).toContain(line);
      expect(firstLine(message.blocks)).toContain(line);
    }
  });

  it('nudges for an interim report', () => {
    const message = interimReminder({ incident: anIncident(), sinceMs: 30 * 60_000, locale: 'en' });
    expectSafeMessage(message);
    expect(message.text).toContain('the last update was 30 min ago');
  });

  it('stays within every limit for any incident and time', () => {
    fc.assert(
      fc.property(hostileIncident(), fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.constantFrom(...LOCALES), (incident, elapsed, locale) => {
        const c = clocksOf(incident, T0 + elapsed);
        for (const clock of [c.response, c.recovery]) {
          expectSafeMessage(clockReminder({ incident, clock, locale, timeZone: 'America/New_York' }));
          expectSafeMessage(clockBreach({ incident, clock, locale, timeZone: 'America/New_York' }));
        }
        expectSafeMessage(interimReminder({ incident, sinceMs: elapsed, locale }));
      }),
      { numRuns: 60 },
    );
  });
});
