// With `ja` the default, everything klaxon itself says in Japanese must be Japanese: no English word may
// slip through. Allowed ASCII: ids, commands, paths and names, listed here with why.
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from '../../../src/domain/lifecycle.js';
import { REPORT_WORDS } from '../../../src/domain/report-words.js';
import { explain, type Problem } from '../../../src/slack/explain.js';
import { messages } from '../../../src/slack/i18n/messages.js';
import { englishWords } from '../../support/english-words.js';


// Every string a catalogue holds, functions called with numbers (which read as Japanese in every template).
function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') strings((value as (...args: unknown[]) => unknown)(...Array.from({ length: Math.max(1, value.length) }, () => sample(path))), `${path}()`, out);
  else if (Array.isArray(value)) value.forEach((item, i) => strings(item, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) strings(item, `${path}.${key}`, out);
  return out;
}

// Problems take the refusal itself; everything else numbers.
const sample = (path: string): unknown => (path.includes('.problems.') ? { code: 'x', reason: '理由', risk: 'destructive', fields: ['summary'], command: '/incident resolve', needs: 'responder', ask: [{ user: 'U0L1OPS' }], refusal: { code: 'missing_param', param: 'days' }, host: 'backtest-1', known: ['backtest-2'] } : 3);

const english = englishWords;

const CODES: Readonly<Record<DomainErrorCode, true>> = {
  usage: true, closed: true, not_a_person: true, no_change: true, already_acknowledged: true, not_acknowledged: true, already_resolved: true,
  not_resolved: true, not_open: true, missing_fields: true, reason_required: true, not_higher: true, clock_stopped: true, verification_required: true,
  unknown_followup: true,
};

describe('Japanese output', () => {
  it('has no English in the bot\'s messages', () => {
    const found = strings(messages('ja'), 'ja', []).flatMap(([path, text]) => english(text).map((word) => `${path}: ${word} in ${JSON.stringify(text)}`));
    expect(found).toEqual([]);
  });

  it('has no English in the report\'s words', () => {
    const found = strings(REPORT_WORDS.ja, 'report', []).flatMap(([path, text]) => english(text).map((word) => `${path}: ${word} in ${JSON.stringify(text)}`));
    expect(found).toEqual([]);
  });

  it('explains every refusal in Japanese', () => {
    const problems: Problem[] = [
      ...Object.keys(CODES).filter((code) => code !== 'usage').map((code) => ({ code, message: 'an English detail' }) as Problem),
      { code: 'missing_fields', message: 'missing', fields: ['summary', 'impact'] },
      { code: 'not_found' },
      { code: 'not_incident_channel' },
      { code: 'unexpected' },
    ];
    const found = problems.flatMap((problem) => english(explain(problem, 'ja').text).map((word) => `${problem.code}: ${word}`));
    expect(found).toEqual([]);
    expect(explain({ code: 'missing_fields', message: 'missing', fields: ['summary', 'impact'] }, 'ja').text).toBe('報告書の必須項目が未入力です（問題概要、影響範囲）。');
  });

  it('catches an English word (the check itself works)', () => {
    expect(english('復旧を記録 Resolve')).toEqual(['Resolve']);
    expect(english(':alarm_clock: `/incident update` で報告 klaxon Level 2（システム管理者）')).toEqual([]);
  });
});
