// The checks most channel methods share: the channel exists, is not archived, and the bot is in it.
import type { Channel } from '../emulator-types.js';
import { fail, stringArg, type MethodContext, type MethodResult } from './method-context.js';

export function findChannel(
  context: MethodContext,
  key = 'channel',
  needs: { readonly member?: boolean; readonly open?: boolean } = {},
): { ok: true; channel: Channel } | { ok: false; failure: MethodResult } {
  const idOrName = stringArg(context.args, key);
  const channel = idOrName === undefined ? undefined : context.state.channel(idOrName);
  if (!channel) return { ok: false, failure: fail('channel_not_found') };
  if ((needs.open ?? false) && channel.isArchived) return { ok: false, failure: fail('is_archived') };
  if ((needs.member ?? false) && !channel.members.includes(context.state.bot.userId)) {
    return { ok: false, failure: fail('not_in_channel') };
  }
  return { ok: true, channel };
}
