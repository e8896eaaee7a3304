import type { InputBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import type { Severity } from '../../../src/domain/severity.js';
import { CALLBACK, INPUT, reportInput } from '../../../src/slack/ids.js';
import { reportFieldsFor } from '../../../src/domain/report-fields.js';
import { closeModal } from '../../../src/slack/views/close-modal.js';
import { anIncident, expectSafeView, hostileIncident, hostileText } from './view-fixtures.js';

const labels = (blocks: readonly unknown[]): string[] =>
  (blocks as InputBlock[]).filter((b) => b.type === 'input').map((b) => b.label.text);

describe('closeModal', () => {
  it.each([
    ['critical', ['問題概要', '影響範囲', '対応内容', '暫定対応', '恒久対応', '根本原因', '再発防止策', '改善計画', 'フォローアップ（1行に1件）', 'システム検証を実施せずにクローズする理由']],
    ['high', ['問題概要', '影響範囲', '対応内容', '暫定対応', '恒久対応', '根本原因', '再発防止策', '改善計画', 'フォローアップ（1行に1件）', 'システム検証を実施せずにクローズする理由']],
    ['medium', ['問題概要', '対応内容', '今後の対応計画', 'フォローアップ（1行に1件）']],
    ['low', ['問題概要', '対応内容', '今後の対応計画', 'フォローアップ（1行に1件）']],
  ] as const)('asks a %s incident for the §9.1 fields', (severity: Severity, expected) => {
    const incident = anIncident({ severity });
    const view = closeModal({ incident, missingFields: reportFieldsFor(severity), prefill: {}, locale: 'ja' });
    expectSafeView(view);
    expect(labels(view.blocks)).toEqual(expected);
    expect(view.callback_id).toBe(CALLBACK.close);
    expect(view.private_metadata).toBe('inc-42');
  });

  it('asks for the reason to close only while the verification has not passed', () => {
    const verified = anIncident({ severity: 'critical' });
    const done = { ...verified, checklist: { ...verified.checklist, system_verified: { done: true, by: 'klaxon', at: 0, auto: true } } };
    const view = closeModal({ incident: done, missingFields: [], prefill: {}, locale: 'en' });
    expect(labels(view.blocks)).not.toContain('Why close without system verification?');
    const open = closeModal({ incident: verified, missingFields: [], prefill: {}, locale: 'en' });
    const reason = (open.blocks as InputBlock[]).find((b) => b.block_id === INPUT.unverifiedReason.block);
    expect([reason?.label.text, reason?.optional]).toEqual(['Why close without system verification?', false]);
  });

  it('requires only the missing fields and prefills the others', () => {
    const incident = anIncident({ report: { summary: 'main.py crashed on import' } });
    const view = closeModal({ incident, missingFields: ['rootCause', 'prevention'], prefill: { impact: 'All strategies' }, locale: 'en' });
    expectSafeView(view);
    const byBlock = new Map((view.blocks as InputBlock[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b]));
    expect(byBlock.get(reportInput('rootCause').block)?.optional).toBe(false);
    expect(byBlock.get(reportInput('rootCause').block)?.hint?.text).toBe('Required for the report.');
    const summary = byBlock.get(reportInput('summary').block);
    expect(summary?.optional).toBe(true);
    expect(summary?.element.type === 'plain_text_input' ? summary.element.initial_value : '').toBe('main.py crashed on import');
    const impact = byBlock.get(reportInput('impact').block)?.element;
    expect(impact?.type === 'plain_text_input' ? impact.initial_value : '').toBe('All strategies');
  });

  it('stays within every limit for any incident and prefill', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(hostileIncident(), hostileText(), fc.constantFrom(...LOCALES), (incident, text, locale) => {
        const fields = reportFieldsFor(incident.severity);
        const prefill = Object.fromEntries(fields.map((f) => [f, text]));
        expectSafeView(closeModal({ incident, missingFields: fields.slice(1), prefill, locale }));
      }),
      { numRuns: 60 },
    );
  });
});
