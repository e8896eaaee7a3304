// bookmarks.add: links the bot pins to a channel's header (the incident report, dashboards).
import { findChannel } from './channel-guard.js';
import { fail, stringArg, succeed, type MethodHandler } from './method-context.js';

const bookmarksAdd: MethodHandler = (context) => {
  const found = findChannel(context, 'channel_id', { member: true, open: true });
  if (!found.ok) return found.failure;
  const title = stringArg(context.args, 'title');
  const type = stringArg(context.args, 'type');
  if (title === undefined || type === undefined) return fail('missing_argument');
  const link = stringArg(context.args, 'link');
  if (type === 'link' && link === undefined) return fail('invalid_link');
  const emoji = stringArg(context.args, 'emoji');
  const bookmark = {
    id: `Bk${context.state.newId('B').slice(1)}`,
    title,
    ...(link !== undefined ? { link } : {}),
    ...(emoji !== undefined ? { emoji } : {}),
  };
  found.channel.bookmarks.push(bookmark);
  context.state.emit({ kind: 'channel', channel: found.channel.id });
  return succeed({ bookmark: { ...bookmark, channel_id: found.channel.id, type } });
};

export const bookmarkMethods: Readonly<Record<string, MethodHandler>> = {
  'bookmarks.add': bookmarksAdd,
};
