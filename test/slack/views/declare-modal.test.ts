import type { InputBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { CALLBACK, INPUT } from '../../../src/slack/ids.js';
import { declareModal, decodeDeclareOrigin, encodeDeclareOrigin } from '../../../src/slack/views/declare-modal.js';
import { allText, expectSafeView, hostileText, severityArb } from './view-fixtures.js';

describe('declareModal', () => {
  it('asks for title, severity, an optional detection time, an optional description and whether it is private', () => {
    const view = declareModal({ locale: 'en', origin: 'C0GENERAL' });
    expectSafeView(view);
    expect(view.callback_id).toBe(CALLBACK.declare);
    expect(view.private_metadata).toBe('C0GENERAL');
    const inputs = view.blocks as InputBlock[];
    expect(inputs.map((b) => [b.block_id, b.optional ?? false])).toEqual([
      [INPUT.title.block, false],
      [INPUT.severity.block, false],
      [INPUT.detectedAt.block, true],
      [INPUT.description.block, true],
      [INPUT.private.block, true],
    ]);
    expect(inputs[4]?.element).toMatchObject({ type: 'checkboxes', options: [{ value: 'private' }] });
    expect(declareModal({ locale: 'en', private: true }).blocks.at(-1)).toMatchObject({ element: { initial_options: [{ value: 'private' }] } });
    expect(inputs[1]?.element.type === 'static_select' ? inputs[1].element.options?.map((o) => o.value) : []).toEqual(['critical', 'high', 'medium', 'low']);
  });

  it('preselects what the command line already gave, in Japanese in ja', () => {
    const view = declareModal({ locale: 'ja', severity: 'high', title: 'データ取得失敗' });
    expectSafeView(view);
    const severity = (view.blocks as InputBlock[])[1]?.element;
    expect(severity?.type === 'static_select' ? severity.initial_option?.value : undefined).toBe('high');
    const text = allText(view.blocks);
    expect(text).toContain('データ取得失敗');
    expect(text).toContain('重要度');
    expect(view.title.text).toBe('インシデント宣言');
  });

  it('keeps a message declared from within private_metadata’s 3,000 characters, however much its text grows when escaped', () => {
    const source = (text: string) => ({
      channel: 'C0123456789',
      responseUrl: 'https://hooks.slack.com/actions/T0123456789/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx',
      message: { channel: 'C0123456789', ts: '1733200000.123456', user: 'U0123456789', text, shown: '2026-03-10 09:40', permalink: 'https://example.slack.com/archives/C0123456789/p1733200000123456' },
    });
    // A pasted log whose text doubles when escaped: the old cut (2,000 characters) made 4,000 and no form opened.
    expect(encodeDeclareOrigin(source('"'.repeat(2000))).length).toBeLessThanOrEqual(3000);
    const escapable = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', 'a', '長', '😀', '\u0001'), maxLength: 4000 });
    fc.assert(
      fc.property(fc.oneof(escapable, hostileText()), (text) => {
        const metadata = encodeDeclareOrigin(source(text));
        expect(metadata.length).toBeLessThanOrEqual(3000);
        expect(() => declareModal({ locale: 'en', origin: metadata })).not.toThrow();
        const kept = decodeDeclareOrigin(metadata).message?.text ?? '';
        expect(kept === text || (kept.endsWith('…') && text.startsWith(kept.slice(0, -1)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('stays within every limit for any prefill', () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), severityArb(), fc.constantFrom(...LOCALES), (title, description, severity, locale) => {
        expectSafeView(declareModal({ locale, title, description, severity }));
      }),
      { numRuns: 60 },
    );
  });
});
