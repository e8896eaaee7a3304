import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { parseCommand, type UsageError } from '../../../src/slack/parse-command.js';
import { notIncidentChannel, usageError } from '../../../src/slack/views/usage-error.js';
import { expectSafeMessage, hostileText } from './view-fixtures.js';

const errorOf = (text: string): UsageError => {
  const parsed = parseCommand(text);
  if (parsed.ok) throw new Error(`expected a usage error for ${text}`);
  return parsed.error;
};

describe('usageError', () => {
  it.each([
    ['declare sev9 DB down', 'en', ':warning: "sev9" is not a severity. Valid: critical, high, medium, low.\nUsage: `/incident declare &lt;severity&gt; &lt;title&gt;`'],
    ['frobnicate', 'en', ':warning: Unknown subcommand "frobnicate". Valid: declare, update, severity, assign, note, run, status, list, maintenance, resolve, close, followup, help.'],
    ['assign boss U0X', 'ja', ':warning: 「boss」は役割ではありません。 使用できる値：commander、comms、scribe、responder\n使い方：`/incident assign &lt;役割&gt; @ユーザー`'],
    ['update', 'ja', ':warning: 引数が足りません。\n使い方：`/incident update &lt;本文&gt;`'],
  ] as const)('%s → a short answer with the valid words (%s)', (input, locale, expected) => {
    const message = usageError(errorOf(input), locale);
    expectSafeMessage(message);
    expect(message.text).toBe(expected);
  });

  it('escapes whatever was typed', () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(...LOCALES), (typed, locale) => {
        expectSafeMessage(usageError({ code: 'usage', reason: 'unknown_subcommand', input: typed, valid: [typed] }, locale));
      }),
      { numRuns: 60 },
    );
  });
});

describe('notIncidentChannel', () => {
  it.each([
    ['en', 'This command only works in an incident channel.'],
    ['ja', 'このコマンドはインシデント対応チャンネルでのみ使えます。'],
  ] as const)('explains itself (%s)', (locale, text) => {
    const message = notIncidentChannel(locale);
    expectSafeMessage(message);
    expect(message.text).toBe(text);
  });
});
