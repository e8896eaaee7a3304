// The "Declare incident" message shortcut: the declare modal, filled in from the message (its first line as the
// title, its text and permalink as the description, its time as the detection time). The submission is the
// declare modal's: src/slack/listeners/modals.ts puts the message on the timeline at its own time.
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import { TITLE_MAX_LENGTH } from '../../domain/lifecycle.js';
import { fromSlackText } from '../../domain/text.js';
import { formatInstant } from '../../domain/time.js';
import { CALLBACK } from '../ids.js';
import { fitPlain } from '../mrkdwn.js';
import { SlackPlatformError, type SlackApi } from '../slack-api.js';
import { declareModal, encodeDeclareOrigin } from '../views/declare-modal.js';

/** The message's link, or none when Slack will not give one (a channel klaxon cannot see). */
async function permalinkOf(slack: SlackApi, channel: string, ts: string): Promise<string | undefined> {
  try {
    const answer = await slack.chat.getPermalink({ channel, message_ts: ts });
    return answer.permalink;
  } catch (error) {
    if (error instanceof SlackPlatformError) return undefined;
    throw error;
  }
}

export function registerShortcuts(app: Listeners, services: Services, slack: SlackApi): void {
  const { locale, timeZone } = services.config;
  app.shortcut({ callback_id: CALLBACK.declareFromMessage, type: 'message_action' }, async ({ shortcut, ack, client }) => {
    await ack();
    const { message, channel } = shortcut;
    const text = fromSlackText(message.text ?? '').trim();
    const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    const permalink = await permalinkOf(slack, channel.id, message.ts);
    const shown = formatInstant(Math.round(Number(message.ts) * 1000), timeZone);
    const source = { channel: channel.id, ts: message.ts, user: String(message.user ?? message['bot_id'] ?? 'unknown'), text, shown, ...(permalink ? { permalink } : {}) };
    const description = [text, permalink].filter((part) => part !== undefined && part !== '').join('\n\n');
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: declareModal({
        locale,
        origin: encodeDeclareOrigin({ channel: channel.id, responseUrl: shortcut.response_url, message: source }),
        ...(firstLine === '' ? {} : { title: fitPlain(firstLine.trim(), TITLE_MAX_LENGTH, { singleLine: true }) }),
        ...(description === '' ? {} : { description }),
        detectedAt: shown,
      }),
    });
  });
}
