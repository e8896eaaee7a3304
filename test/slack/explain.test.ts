// Every expected failure gets words in both languages; a run refused in a closed incident is explained,
// not apologised for as an unexpected error.
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/locale.js';
import { explain, type Problem } from '../../src/slack/explain.js';

const table: readonly (readonly [Problem, Locale, string])[] = [
  [{ code: 'closed' }, 'en', 'This incident is closed.'],
  [{ code: 'closed' }, 'ja', 'このインシデントはクローズ済みです。'],
  [{ code: 'closed', message: 'inc-7 is closed' }, 'en', 'inc-7 is closed'],
  [{ code: 'refused', reason: 'unknown command' }, 'en', 'Cannot run that: unknown command'],
  [{ code: 'forbidden', risk: 'destructive' }, 'ja', 'この操作を行う権限がありません。（'],
  [{ code: 'missing_fields', message: 'x', fields: ['rootCause'] }, 'en', 'The report still needs: '],
  [{ code: 'not_found' }, 'en', 'That incident does not exist.'],
  [{ code: 'unexpected' }, 'en', 'Something went wrong on our side. Please try again.'],
];

describe('explain', () => {
  it.each(table)('%j in %s', (problem, locale, words) => {
    expect(explain(problem, locale).text).toContain(words);
  });
});
