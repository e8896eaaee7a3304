// A job whose worker died mid-way and that will not run again by itself: say so plainly (DESIGN: reliability rules).
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { inlineMrkdwn } from '../mrkdwn.js';
import { fallbackText, section } from './blocks.js';
import { runHeadline } from './run-progress.js';
import type { SlackMessage } from './view-types.js';

export interface RunOutcomeUnknownInput {
  readonly commandId: string;
  readonly title: string;
  readonly host: string;
  readonly locale: Locale;
}

export function runOutcomeUnknown(input: RunOutcomeUnknownInput): SlackMessage {
  const m = messages(input.locale).run;
  return {
    text: fallbackText(m.fallback(inlineMrkdwn(input.title, 300), m.unknownTitle)),
    blocks: [
      section(runHeadline(':warning:', input.title, input.commandId, input.host, `*${m.unknownTitle}*`, input.locale)),
      section(m.unknownBody),
    ],
  };
}
