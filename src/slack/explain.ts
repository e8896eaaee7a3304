// The one place where an expected failure becomes words for the person who asked; the words are the
// catalogue's (src/slack/i18n), one per problem code.
import type { Locale } from '../domain/locale.js';
import { messages, type Problem } from './i18n/messages.js';
import { usageError } from './views/usage-error.js';
import { fallbackText, section } from './views/blocks.js';
import type { SlackMessage } from './views/view-types.js';

export type { Problem } from './i18n/messages.js';

const plainMessage = (text: string): SlackMessage => ({ text: fallbackText(text), blocks: [section(text)] });

export function explain(problem: Problem, locale: Locale): SlackMessage {
  if (problem.code === 'usage' && 'reason' in problem) return usageError(problem, locale);
  const words = messages(locale).problems[problem.code] as (problem: Problem) => string;
  return plainMessage(words(problem));
}
