// A short ephemeral answer to a mistyped command: what was wrong, the valid words, the right usage.
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { escapeMrkdwn, inlineMrkdwn } from '../mrkdwn.js';
import type { UsageError } from '../parse-command.js';
import { fallbackText, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

export function usageError(error: UsageError, locale: Locale): SlackMessage {
  const m = messages(locale);
  const problem = m.errors.reason[error.reason](inlineMrkdwn(error.input ?? '', 100));
  const valid = error.valid === undefined || error.valid.length === 0 ? '' : ` ${m.errors.valid(inlineMrkdwn(error.valid.slice(0, 30).join(m.listSeparator), 600))}`;
  const usage = error.subcommand === undefined ? '' : `\n${m.errors.usageLine(`\`${escapeMrkdwn(m.help.usage[error.subcommand])}\``)}`;
  const text = `:warning: ${problem}${valid}${usage}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

// For incident subcommands typed outside an incident channel.
export function notIncidentChannel(locale: Locale): SlackMessage {
  const text = messages(locale).errors.notIncidentChannel;
  return { text: fallbackText(text), blocks: [section(`:information_source: ${text}`)] };
}
