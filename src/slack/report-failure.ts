// The single error handler of the Bolt app: an unexpected failure is logged with its stack and the person
// who asked gets a short apology instead of silence or a stack trace.
import type { ExtendedErrorHandlerArgs as ExtendedErrorArgs } from '@slack/bolt/dist/App.js';
import type { Services } from '../app/services.js';
import { explain } from './explain.js';

export function reportFailure(services: Services) {
  return async ({ error, body, context }: ExtendedErrorArgs): Promise<void> => {
    const original = (error as { original?: unknown }).original ?? error;
    services.logger.error({ err: original, teamId: context?.teamId }, 'listener failed');
    const request = body as { channel_id?: string; user_id?: string; channel?: { id?: string }; user?: { id?: string } };
    const channel = request.channel_id ?? request.channel?.id;
    const user = request.user_id ?? request.user?.id;
    if (!channel || !user) return;
    const message = explain({ code: 'unexpected' }, services.config.locale);
    const token = context?.botToken;
    // Best effort: Slack may be the thing failing.
    await fetch(new URL('chat.postEphemeral', services.config.slack.apiUrl ?? 'https://slack.com/api/'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token ?? services.config.slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel, user, text: message.text, blocks: message.blocks }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
  };
}
