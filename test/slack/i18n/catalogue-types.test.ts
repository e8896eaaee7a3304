// The catalogue is typed over every message and problem code: a locale that leaves one out does not compile.
// The `@ts-expect-error` lines are the proof: were the omission accepted, the directive itself would fail
// `npm run typecheck` as unused.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/slack/i18n/en.js';
import { ja } from '../../../src/slack/i18n/ja.js';
import type { Messages } from '../../../src/slack/i18n/messages.js';

describe('the typed message catalogue', () => {
  it('rejects a locale without words for a problem code', () => {
    const { closed: _closed, ...withoutClosed } = ja.problems;
    // @ts-expect-error — `closed` has no words: a missing translation is a compile error.
    const broken: Messages = { ...ja, problems: withoutClosed };
    expect(Object.keys(broken.problems)).not.toContain('closed');
  });

  it('rejects a locale without one of the modal field errors', () => {
    const { required: _required, ...withoutRequired } = en.fieldErrors;
    // @ts-expect-error — `required` has no words.
    const broken: Messages = { ...en, fieldErrors: withoutRequired };
    expect(Object.keys(broken.fieldErrors)).not.toContain('required');
  });

  it('gives both locales the same problem codes', () => {
    expect(Object.keys(en.problems).sort()).toEqual(Object.keys(ja.problems).sort());
  });
});
