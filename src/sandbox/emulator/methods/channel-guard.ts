// The checks most channel methods share: the channel exists (a private one only for its members, as Slack
// answers channel_not_found to everyone else), is not archived, and the bot is in it. Only the posting methods
// (chat.postMessage, chat.postEphemeral) take a channel's name as well as its ID; every other method, the
// conversations.* family first, answers channel_not_found to a name, as Slack does. (Slack's method reference:
// chat.postMessage's `channel` is "an encoded ID or channel name", chat.postEphemeral's "can be an encoded ID,
// or a name"; conversations.history's is "Conversation ID", chat.update's "Channel containing the message".)
import type { Channel } from '../emulator-types.js';
import { fail, stringArg, type MethodContext, type MethodResult } from './method-context.js';

export function findChannel(
  context: MethodContext,
  key = 'channel',
  needs: { readonly member?: boolean; readonly open?: boolean; readonly hiddenPrivate?: boolean; readonly byName?: boolean } = {},
): { ok: true; channel: Channel } | { ok: false; failure: MethodResult } {
  const idOrName = stringArg(context.args, key);
  const channel = idOrName === undefined ? undefined : needs.byName ? context.state.channel(idOrName) : context.state.channelById(idOrName);
  if (!channel) return { ok: false, failure: fail('channel_not_found') };
  const hidden = channel.isPrivate && !channel.members.includes(context.state.bot.userId);
  if (hidden && (needs.hiddenPrivate ?? true)) return { ok: false, failure: fail('channel_not_found') };
  if ((needs.open ?? false) && channel.isArchived) return { ok: false, failure: fail('is_archived') };
  if ((needs.member ?? false) && !channel.members.includes(context.state.bot.userId)) {
    return { ok: false, failure: fail('not_in_channel') };
  }
  return { ok: true, channel };
}
