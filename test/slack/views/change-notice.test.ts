// The change notice: told in the incident channel and to the stakeholders; a private incident's stakeholder
// copy names no title, channel or reopen reason (runbook §4.3), its own channel's copy still does.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/app/ports.js';
import type { Locale } from '../../../src/domain/locale.js';
import { changeNotice } from '../../../src/slack/views/change-notice.js';
import { anIncident, T0 } from './view-fixtures.js';

const stamp = { id: 'inc-42:7', incidentId: 'inc-42', at: T0, by: 'U0COMMANDER' };
const EVENTS: readonly ChangeEvent[] = [
  { ...stamp, type: 'severity_changed', from: 'high', to: 'critical' },
  { ...stamp, type: 'resolved' },
  { ...stamp, type: 'closed' },
  { ...stamp, type: 'reopened', reason: 'Secret rotation failed again' },
] as ChangeEvent[];
const shown = (message: { text: string; blocks?: unknown }): string => JSON.stringify([message.text, message.blocks]);

describe('changeNotice', () => {
  const cases = EVENTS.flatMap((event) => (['en', 'ja'] as Locale[]).map((locale) => ({ event, locale })));

  it.each(cases)('of a private incident tells the stakeholders $event.type without title, channel or reason ($locale)', ({ event, locale }) => {
    const incident = anIncident({ private: true });
    const text = shown(changeNotice({ incident, event, locale, channelId: 'G0SECRET', forStakeholders: true }));
    expect(text).toContain('inc-42');
    expect(text).toContain('<@U0COMMANDER>');
    expect(text).not.toContain('Backtest main process');
    expect(text).not.toContain('G0SECRET');
    expect(text).not.toContain('Secret rotation');
  });

  it.each(cases)('of a public incident tells the stakeholders $event.type with title and channel ($locale)', ({ event, locale }) => {
    const text = shown(changeNotice({ incident: anIncident(), event, locale, channelId: 'C0INC', forStakeholders: true }));
    expect(text).toContain('Backtest main process crashed');
    expect(text).toContain('<#C0INC>');
    if (event.type === 'reopened') expect(text).toContain('Secret rotation failed again');
  });

  it('keeps the title and reason in a private incident’s own channel', () => {
    const event = EVENTS[3] as ChangeEvent;
    const text = shown(changeNotice({ incident: anIncident({ private: true }), event, locale: 'en' }));
    expect(text).toContain('Backtest main process crashed');
    expect(text).toContain('Secret rotation failed again');
  });
});
