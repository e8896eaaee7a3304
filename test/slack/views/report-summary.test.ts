import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain/incident.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { reportSummary } from '../../../src/slack/views/report-summary.js';
import { T0, allText, anIncident, expectSafeMessage, hostileIncident, hostileText } from './view-fixtures.js';

const closedIncident = (overrides: Partial<Incident> = {}): Incident =>
  anIncident({
    status: 'closed',
    acknowledgedAt: T0 + 12 * 60_000,
    acknowledgedBy: 'U0ACK',
    resolvedAt: T0 + 75 * 60_000,
    resolvedBy: 'U0RES',
    closedAt: T0 + 120 * 60_000,
    closedBy: 'U0CLOSE',
    report: { summary: 'main.py crashed', rootCause: 'Corrupt <config>', prevention: 'Checksum configs', followUp: 'n/a' },
    ...overrides,
  } as Partial<Incident>);

describe('reportSummary', () => {
  it('gives times against the §1.2 targets, the written fields and where the report is', () => {
    const message = reportSummary({ incident: closedIncident(), channelId: 'C0INC42', fileName: 'inc-42-report.md', locale: 'en', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('*Time to first response*\\n12 min (target 15 min)');
    expect(text).toContain('*Time to recovery*\\n1 h 15 min (target 1 h 00 min)');
    expect(text).toContain('*Root cause*\\nCorrupt &lt;config&gt;');
    expect(text).not.toContain('Follow-up plan');
    expect(text).toContain('Report: `inc-42-report.md` · uploaded in <#C0INC42>');
  });

  it('uses the short form for medium/low, in Japanese in ja', () => {
    const message = reportSummary({ incident: closedIncident({ severity: 'low' }), fileName: 'r.md', locale: 'ja', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('今後の対応計画');
    expect(text).not.toContain('根本原因');
    expect(text).toContain('（目標：4時間）');
  });

  it('stays within every limit', () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), fc.constantFrom(...LOCALES), (incident, fileName, locale) => {
        expectSafeMessage(reportSummary({ incident, channelId: 'C0X', fileName, locale, timeZone: 'UTC' }));
      }),
      { numRuns: 60 },
    );
  });
});
