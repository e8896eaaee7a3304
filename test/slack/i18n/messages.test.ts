import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { en } from '../../../src/slack/i18n/en.js';
import { ja } from '../../../src/slack/i18n/ja.js';
import { messages } from '../../../src/slack/i18n/messages.js';

// Every leaf of a messages object as [path, rendered string]; functions are called with sample arguments.
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  // A problem's words take the problem; a domain error brings its own English sentence.
  if (typeof value === 'function' && path.startsWith('.problems.')) {
    const problem = { code: path.slice('.problems.'.length), message: 'X1', reason: 'X2', risk: 'destructive', fields: ['summary'], command: '/incident resolve', needs: 'responder', ask: [{ user: 'U0L1OPS' }], refusal: { code: 'missing_param', param: 'days' }, host: 'backtest-1', known: ['backtest-2'] };
    return [[path, String((value as (p: unknown) => unknown)(problem))]];
  }
  if (typeof value === 'function') return [[path, String((value as (...a: unknown[]) => unknown)('X1', 'X2', 'X3', 'X4'))]];
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  }
  throw new Error(`unexpected leaf at ${path}`);
}

describe('messages', () => {
  it('returns the locale asked for', () => {
    expect(messages('en')).toBe(en);
    expect(messages('ja')).toBe(ja);
  });

  it('has the same keys in both locales and no empty string', () => {
    const paths = (m: unknown) => leaves(m).map(([p]) => p).sort();
    expect(paths(ja)).toEqual(paths(en));
    for (const locale of LOCALES) {
      for (const [path, text] of leaves(messages(locale))) expect(text.trim(), `${locale}${path}`).not.toBe('');
    }
  });

  it('speaks Japanese in ja: the runbook phase names and severities', () => {
    expect(ja.phase).toEqual({ initial: '初期対応', response: '対応実施', post: '事後対応' });
    expect(ja.severity).toEqual({ critical: '緊急', high: '高', medium: '中', low: '低' });
    expect(ja.clock).toEqual({ response: '初期対応時間', recovery: '復旧目標時間' });
    const japanese = leaves(ja).filter(([, t]) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t)).length;
    expect(japanese / leaves(ja).length).toBeGreaterThan(0.6);
  });

  it.each(LOCALES)('keeps %s labels within their Block Kit limits', (locale) => {
    const m = messages(locale);
    const modalTexts = [m.modal.declareTitle, m.modal.closeTitle, m.modal.updateTitle, m.modal.severityTitle, m.modal.submit, m.modal.cancel, m.modal.declareSubmit, m.modal.closeSubmit, m.modal.updateSubmit];
    for (const t of modalTexts) expect(t.length, t).toBeLessThanOrEqual(24);
    const buttons = [m.header.postUpdate, m.header.resolve, m.header.close, m.header.acknowledge, m.checklist.tick, m.checklist.untick, m.playbook.run, m.playbook.runNeedsApproval, m.playbook.runNeedsRole, m.approval.approve, m.approval.deny];
    for (const t of buttons) expect(t.length, t).toBeLessThanOrEqual(30);
    expect(m.playbook.confirmYes.length).toBeLessThanOrEqual(30);
  });

  it.each([
    [0, '0 s', '0秒'],
    [42 * 60_000, '42 min', '42分'],
    [65 * 60_000, '1 h 05 min', '1時間5分'],
    [-5 * 60_000, '-5 min', '-5分'],
    [72 * 3_600_000, '3 d 0 h', '3日'],
  ])('renders %i ms as %s / %s', (ms, inEnglish, inJapanese) => {
    expect(en.duration(ms)).toBe(inEnglish);
    expect(ja.duration(ms)).toBe(inJapanese);
  });
});
