import { describe, expect, it } from 'vitest';
import type { HomeIncident } from '../../../src/app/home-overview.js';
import { validateView } from '../../../src/slack/block-kit-limits.js';
import { appHome } from '../../../src/slack/views/app-home.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { T0, allText, anIncident, clocksOf } from './view-fixtures.js';

const item = (n: number, overrides = {}): HomeIncident => {
  const incident = anIncident({ id: `inc-${n}`, number: n, ...overrides });
  return { incident, clocks: clocksOf(incident, T0 + 60_000), channel: `C0INC${n}` };
};

describe('appHome', () => {
  it.each(LOCALES)('shows the Declare button, the lead, both due times and the channel (%s)', (locale) => {
    const open = [item(1, { roles: { commander: 'U0LEAD' } })];
    const view = appHome({ overview: { open, mine: open, closed: [] }, now: T0 + 60_000, locale, timeZone: 'Asia/Tokyo' });
    expect(validateView(view)).toEqual({ ok: true });
    const text = allText(view.blocks);
    expect(JSON.stringify(view.blocks)).toContain('home_declare');
    expect(text).toContain('<#C0INC1>');
    expect(text).toContain('<@U0LEAD>');
    expect(text.match(/<!date\^/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('stays within a Home tab’s 100 blocks however many incidents are open', () => {
    const open = Array.from({ length: 300 }, (_, n) => item(n + 1));
    const view = appHome({ overview: { open, mine: open, closed: open.slice(0, 5) }, now: T0, locale: 'en', timeZone: 'Asia/Tokyo' });
    expect(validateView(view)).toEqual({ ok: true });
    expect(allText(view.blocks)).toContain('Open incidents (300)');
  });
});
