// Short bot answers that close a loop: where the declared incident lives, and why a run was refused.
import type { Recorded } from '../../app/cut-short.js';
import { commandTitle, type Catalogue } from '../../domain/catalogue.js';
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import { messages } from '../i18n/messages.js';
import { fitMrkdwn, inlineMrkdwn } from '../mrkdwn.js';
import { fallbackText, section } from './blocks.js';
import { runHeadline } from './run-progress.js';
import { SEVERITY_EMOJI } from './severity-emoji.js';
import type { SlackMessage } from './view-types.js';
import { isChannelId } from '../channel-id.js';

// Ephemeral to the declarer in the channel they typed in.
export function declaredReply(input: { readonly incident: Incident; readonly channelId: string; readonly locale: Locale }): SlackMessage {
  const m = messages(input.locale).replies;
  const channel = isChannelId(input.channelId) ? `<#${input.channelId}>` : inlineMrkdwn(input.channelId, 100);
  const text = `${SEVERITY_EMOJI[input.incident.severity]} ${m.declared(input.incident.id, channel)} · ${inlineMrkdwn(input.incident.title, 300)}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

/**
 * The answer to an action that was recorded and then cut short (cut-short.ts): it stands and will be finished,
 * so asking again would do it twice.
 */
export function cutShortReply(recorded: Recorded, catalogue: Catalogue, locale: Locale): SlackMessage {
  const text = `:warning: ${cutShortWords(recorded, catalogue, locale)}`;
  return { text: fallbackText(text), blocks: [section(text)] };
}

function cutShortWords(recorded: Recorded, catalogue: Catalogue, locale: Locale): string {
  const m = messages(locale);
  const title = (commandId: string) => `*${inlineMrkdwn(commandTitle(catalogue, commandId, locale), 300)}*`;
  switch (recorded.kind) {
    case 'declaration':
      return m.done.declaredCutShort(recorded.incidentId);
    case 'run':
      return m.replies.runCutShort(title(recorded.run.commandId), inlineMrkdwn(recorded.run.host, 100));
    case 'approval':
      return m.replies.approvalCutShort(title(recorded.run.commandId), inlineMrkdwn(recorded.run.host, 100));
    case 'suite': {
      const notRecorded = recorded.notRecorded === undefined ? [] : [m.replies.suiteNotRecorded(recorded.notRecorded.map(title).join(', '))];
      return [m.replies.suiteCutShort(recorded.runs.length), ...notRecorded].join(' ');
    }
  }
}

// In the run's thread when the worker refused the job (policy, catalogue or parameters).
export function runRefused(input: {
  readonly commandId: string;
  readonly title: string;
  readonly host: string;
  readonly reason: string;
  readonly locale: Locale;
}): SlackMessage {
  const m = messages(input.locale);
  const headline = runHeadline(':no_entry:', input.title, input.commandId, input.host, `*${m.replies.refused}*`, input.locale);
  return {
    text: fallbackText(m.run.fallback(inlineMrkdwn(input.title, 300), m.replies.refused)),
    blocks: [section(`${headline}\n${fitMrkdwn(input.reason, 2000)}`)],
  };
}
