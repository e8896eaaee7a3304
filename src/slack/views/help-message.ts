// `/incident help`: every subcommand with its one line, in the locale.
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { SUBCOMMANDS } from '../parse-command.js';
import { context, fallbackText, header, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

export function helpMessage(locale: Locale): SlackMessage {
  const m = messages(locale).help;
  const lines = SUBCOMMANDS.map((s) => `\`${escapeMrkdwn(m.usage[s])}\`\n    ${m.lines[s]}`);
  return {
    text: fallbackText(m.title),
    blocks: [header(m.title), section(lines.join('\n')), context([escapeMrkdwn(m.severities), m.pin])],
  };
}
