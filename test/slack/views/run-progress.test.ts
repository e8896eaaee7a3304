import type { SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { runProgress } from '../../../src/slack/views/run-progress.js';
import { expectSafeMessage, hostileText } from './view-fixtures.js';

const base = { commandId: 'triage.status-check', title: 'System status check', host: 'backtest-01' } as const;

describe('runProgress', () => {
  it.each([
    ['queued', ':hourglass:', 'Queued'],
    ['started', ':arrow_forward:', 'Running'],
  ] as const)('shows a %s run', (state, emoji, label) => {
    const message = runProgress({ ...base, state, locale: 'en' });
    expectSafeMessage(message);
    expect((message.blocks[0] as SectionBlock).text?.text).toBe(`${emoji} *System status check* \`triage.status-check\` · on backtest-01 · ${label}`);
    expect(message.blocks).toHaveLength(1);
  });

  it('shows the latest progress lines in a code block, in Japanese in ja', () => {
    const message = runProgress({ ...base, state: { lines: ['Python OK', 'Pandas OK'] }, locale: 'ja' });
    expectSafeMessage(message);
    expect((message.blocks[0] as SectionBlock).text?.text).toContain('ホスト：backtest-01 · 進捗');
    expect((message.blocks[1] as SectionBlock).text?.text).toBe('```\nPython OK\nPandas OK\n```');
  });

  it('stays within every limit for any progress output', () => {
    fc.assert(
      fc.property(fc.array(hostileText(), { maxLength: 300 }), hostileText(), fc.constantFrom(...LOCALES), (lines, title, locale) => {
        expectSafeMessage(runProgress({ commandId: title, title, host: title, state: { lines }, locale }));
      }),
      { numRuns: 40 },
    );
  });
});
