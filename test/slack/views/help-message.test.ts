import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { SUBCOMMANDS } from '../../../src/slack/parse-command.js';
import { helpMessage } from '../../../src/slack/views/help-message.js';
import { allText, expectSafeMessage } from './view-fixtures.js';

describe('helpMessage', () => {
  it.each(LOCALES)('lists every /incident subcommand with one line (%s)', (locale) => {
    const message = helpMessage(locale);
    expectSafeMessage(message);
    const text = allText(message.blocks);
    for (const sub of SUBCOMMANDS) expect(text).toContain(`\`/incident ${sub}`);
  });

  it('escapes the <placeholders> of the usage lines', () => {
    const text = allText(helpMessage('en').blocks);
    expect(text).toContain('`/incident declare &lt;severity&gt; &lt;title&gt;`');
    expect(allText(helpMessage('ja').blocks)).toContain('チェックリストと対応時間目標付きの対応チャンネルを開きます');
  });
});
