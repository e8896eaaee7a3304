// Every expected failure gets words in both languages; a run refused in a closed incident is explained,
// not apologised for as an unexpected error.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/locale.js';
import { explain, type Problem } from '../../src/slack/explain.js';

const table: readonly (readonly [Problem, Locale, string])[] = [
  [{ code: 'closed' }, 'en', 'This incident is closed.'],
  [{ code: 'closed' }, 'ja', 'このインシデントはクローズ済みです。'],
  [{ code: 'closed', message: 'inc-7 is closed' }, 'en', 'inc-7 is closed'],
  [{ code: 'refused', refusal: { code: 'unknown_command', commandId: 'x.y' } }, 'en', 'Cannot run that: unknown command "x.y".'],
  [{ code: 'refused', refusal: { code: 'unknown_command', commandId: 'x.y' } }, 'ja', '実行できません。`x.y` というコマンドはカタログにありません。'],
  [{ code: 'refused', refusal: { code: 'bad_param', param: 'days', why: { kind: 'out_of_range', min: 1, max: 30 } } }, 'ja', 'パラメータ `days`：1〜30の範囲で指定してください。'],
  [{ code: 'refused', refusal: { code: 'severity_too_low', commandId: 'config.restore', required: 'high', actual: 'low' } }, 'ja', '重要度「高」以上のインシデントでのみ実行できます（現在は「低」）。'],
  [{ code: 'not_allowed', action: 'run', command: 'db.restore', needs: 'destructive', ask: [{ usergroup: 'S0L2' }] }, 'ja', '`db.restore` は破壊的操作の権限を持つ担当者のみ実行できます。依頼先：<!subteam^S0L2>'],
  [{ code: 'missing_fields', message: 'x', fields: ['rootCause'] }, 'en', 'The report still needs: '],
  [{ code: 'not_found' }, 'en', 'That incident does not exist.'],
  [{ code: 'unexpected' }, 'en', 'Something went wrong on our side. Please try again.'],
];

describe('explain', () => {
  it.each(table)('%j in %s', (problem, locale, words) => {
    expect(explain(problem, locale).text).toContain(words);
  });
});
