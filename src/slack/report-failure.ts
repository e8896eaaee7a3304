// The single error handler of the request dispatch (listeners/dispatch-requests.ts): an unexpected failure is
// logged with its stack and the person who asked gets a short apology instead of silence or a stack trace. An
// event's failure has nobody to tell: it is thrown back to the receiver, so the event is answered as failed and
// Slack sends it again (answer-events-when-handled.ts).
import type { ExtendedErrorHandlerArgs as ExtendedErrorArgs } from '@slack/bolt/dist/App.js';
import type { Services } from '../app/services.js';
import { explain } from './explain.js';
import type { SlackApi } from './slack-api.js';

export function reportFailure(services: Services, slack: SlackApi) {
  return async ({ error, body, context }: ExtendedErrorArgs): Promise<void> => {
    const original = (error as { original?: unknown }).original ?? error;
    services.logger.error({ err: original, teamId: context?.teamId }, 'listener failed');
    if ((body as { type?: unknown }).type === 'event_callback') throw error;
    const request = body as { channel_id?: string; user_id?: string; channel?: { id?: string }; user?: { id?: string } };
    const channel = request.channel_id ?? request.channel?.id;
    const user = request.user_id ?? request.user?.id;
    if (!channel || !user) return;
    const message = explain({ code: 'unexpected' }, services.config.locale);
    // Best effort and in the background: Slack may be the thing failing.
    void slack
      .chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks })
      .catch((failure: Error) => services.logger.warn({ err: failure.message }, 'could not apologise in Slack'));
  };
}
