import type { SectionBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import type { RunResult } from '../../../src/domain/run-result.js';
import { runResult } from '../../../src/slack/views/run-result.js';
import { allText, expectSafeMessage, hostileText } from './view-fixtures.js';

const result = (overrides: Partial<RunResult> = {}): RunResult => ({
  commandId: 'triage.status-check',
  outcome: 'succeeded',
  exitCode: 0,
  durationMs: 4_200,
  output: 'Python OK\nPandas OK\nYFinance OK\n',
  outputBytes: 33,
  truncatedBytes: 0,
  outputDigest: 'a'.repeat(64),
  files: [],
  ...overrides,
});

const render = (r: RunResult, locale: 'en' | 'ja' = 'en') => runResult({ title: 'System status check', host: 'backtest-01', result: r, locale });
const sections = (blocks: readonly unknown[]): string[] => (blocks as SectionBlock[]).flatMap((b) => (b.text === undefined ? [] : [b.text.text]));

describe('runResult', () => {
  it.each([
    ['succeeded', ':white_check_mark:', 'Succeeded'],
    ['failed', ':x:', 'Failed'],
    ['timed_out', ':alarm_clock:', 'Timed out'],
    ['canceled', ':no_entry_sign:', 'Canceled'],
  ] as const)('marks a %s run with %s', (outcome, emoji, label) => {
    const message = render(result({ outcome }));
    expectSafeMessage(message);
    expect(sections(message.blocks)[0]).toBe(`${emoji} *System status check* \`triage.status-check\` · on backtest-01 · *${label}*`);
    expect(message.text).toBe(`System status check: ${label}`);
  });

  it('shows exit code, duration, signal and the whole short output', () => {
    const message = render(result({ outcome: 'timed_out', exitCode: null, signal: 'SIGKILL' }));
    const text = allText(message.blocks);
    expect(text).toContain('*Exit code*\\n—');
    expect(text).toContain('*Duration*\\n4 s');
    expect(text).toContain('*Signal*\\nSIGKILL');
    expect(sections(message.blocks)).toContain('```\nPython OK\nPandas OK\nYFinance OK\n```');
  });

  it('shows head and tail of long output, each within 3000 characters, with the omission counted', () => {
    const output = Array.from({ length: 2000 }, (_, i) => `line ${i} <ok> & \`\`\` fine`).join('\n');
    const message = render(result({ output, outputBytes: output.length, truncatedBytes: 12_345, files: [{ path: 'incident_logs/x/full.log', sha256: 'b'.repeat(64), bytes: 99 }] }));
    expectSafeMessage(message);
    const texts = sections(message.blocks);
    const head = texts.find((t) => t.startsWith('*Output (start)*'));
    const tail = texts.find((t) => t.startsWith('*Output (end)*'));
    expect(head).toContain('line 0 &lt;ok&gt; &amp;');
    expect(tail).toContain('line 1999 &lt;ok&gt;');
    for (const t of [head, tail]) expect((t ?? '').length).toBeLessThanOrEqual(3000);
    const all = allText(message.blocks);
    expect(all).toMatch(/… \d+ characters omitted …/);
    expect(all).toContain('The host capped the output: 12345 bytes were not kept.');
    expect(all).toContain('Full output attached (1 file).');
  });

  it('says there was no output, in Japanese in ja', () => {
    const message = render(result({ output: '' }), 'ja');
    expectSafeMessage(message);
    expect(allText(message.blocks)).toContain('出力はありません。');
    expect(message.text).toBe('System status check：成功');
  });

  // Room for a machine under load: a synchronous property is not interrupted by the timeout, it fails late.
  it('never breaks a limit or the code fence for any output', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom('succeeded', 'failed', 'timed_out', 'canceled') as fc.Arbitrary<RunResult['outcome']>, fc.constantFrom(...LOCALES), (output, outcome, locale) => {
        expectSafeMessage(render(result({ output, outcome }), locale));
      }),
      { numRuns: 60 },
    );
  });
});
