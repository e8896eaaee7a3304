import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { declaredReply, runRefused } from '../../../src/slack/views/bot-replies.js';
import { anIncident, expectSafeMessage, hostileIncident, hostileText } from './view-fixtures.js';

describe('declaredReply', () => {
  it('links the new incident channel', () => {
    const message = declaredReply({ incident: anIncident(), channelId: 'C0INC42', locale: 'en' });
    expectSafeMessage(message);
    expect(message.text).toBe(':red_circle: Declared inc-42: <#C0INC42> · Backtest main process crashed');
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), fc.constantFrom(...LOCALES), (incident, channelId, locale) => {
        expectSafeMessage(declaredReply({ incident, channelId, locale }));
      }),
      { numRuns: 40 },
    );
  });
});

describe('runRefused', () => {
  it('says the run was refused and why, escaped', () => {
    const message = runRefused({ commandId: 'critical.restore-config', title: 'Restore config', host: 'backtest-01', reason: 'needs <role> sysadmin', locale: 'en' });
    expectSafeMessage(message);
    expect(message.text).toBe('Restore config: Refused');
    expect(JSON.stringify(message.blocks)).toContain('needs &lt;role&gt; sysadmin');
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(...LOCALES), (text, locale) => {
        expectSafeMessage(runRefused({ commandId: text, title: text, host: text, reason: text, locale }));
      }),
      { numRuns: 40 },
    );
  });
});
