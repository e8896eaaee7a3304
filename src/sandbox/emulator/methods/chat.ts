// chat.*: posting, updating, ephemeral messages and permalinks.
import { messageJson } from '../wire-format.js';
import { findChannel } from './channel-guard.js';
import { readContent } from './message-content.js';
import { fail, stringArg, succeed, type MethodHandler } from './method-context.js';

const postMessage: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true, open: true, byName: true });
  if (!found.ok) return found.failure;
  // A channel whose posting permissions keep posts to admins refuses a bot, member or not, as Slack does.
  if (found.channel.postingRestricted === true) return fail('restricted_action');
  const read = readContent(context);
  if (!read.ok) return read.failure;
  const threadTs = stringArg(context.args, 'thread_ts');
  const message = context.state.addMessage({
    channel: found.channel.id,
    user: context.state.bot.userId,
    botId: context.state.bot.botId,
    text: read.content.text ?? '',
    ...(read.content.blocks !== undefined ? { blocks: read.content.blocks } : {}),
    ...(read.content.attachments !== undefined ? { attachments: read.content.attachments } : {}),
    ...(read.content.metadata !== undefined ? { metadata: read.content.metadata } : {}),
    ...(threadTs !== undefined ? { threadTs } : {}),
  });
  return succeed({ channel: found.channel.id, ts: message.ts, message: messageJson(message) });
};

const update: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { open: true });
  if (!found.ok) return found.failure;
  const ts = stringArg(context.args, 'ts');
  const message = ts === undefined ? undefined : context.state.message(found.channel.id, ts);
  if (!message) return fail('message_not_found');
  if (message.user !== context.state.bot.userId) return fail('cant_update_message');
  const read = readContent(context, { allowEmpty: true });
  if (!read.ok) return read.failure;
  if (read.content.blocks !== undefined) message.blocks = read.content.blocks;
  else if (read.content.text !== undefined) delete message.blocks;
  if (read.content.text !== undefined) message.text = read.content.text;
  if (read.content.attachments !== undefined) message.attachments = read.content.attachments;
  if (read.content.metadata !== undefined) message.metadata = read.content.metadata;
  message.edited = { user: context.state.bot.userId, ts: context.state.nextTs(`${found.channel.id}/edits`) };
  context.state.emit({ kind: 'message', channel: found.channel.id });
  return succeed({ channel: found.channel.id, ts: message.ts, text: message.text, message: messageJson(message) });
};

const postEphemeral: MethodHandler = (context) => {
  // Without chat:write.public a bot posts, ephemerally too, only where it is a member.
  const found = findChannel(context, 'channel', { member: true, open: true, byName: true });
  if (!found.ok) return found.failure;
  const user = stringArg(context.args, 'user');
  if (user === undefined || !context.state.user(user)) return fail('user_not_found');
  if (!found.channel.members.includes(user)) return fail('user_not_in_channel');
  const read = readContent(context);
  if (!read.ok) return read.failure;
  const threadTs = stringArg(context.args, 'thread_ts');
  const ephemeral = context.state.addEphemeral({
    channel: found.channel.id,
    user,
    text: read.content.text ?? '',
    via: 'api',
    ...(read.content.blocks !== undefined ? { blocks: read.content.blocks } : {}),
    ...(threadTs !== undefined ? { threadTs } : {}),
  });
  return succeed({ message_ts: ephemeral.ts });
};

const getPermalink: MethodHandler = (context) => {
  const found = findChannel(context);
  if (!found.ok) return found.failure;
  const ts = stringArg(context.args, 'message_ts');
  if (ts === undefined || !context.state.message(found.channel.id, ts)) return fail('message_not_found');
  return succeed({ channel: found.channel.id, permalink: `${context.baseUrl}/archives/${found.channel.id}/p${ts.replace('.', '')}` });
};

export const chatMethods: Readonly<Record<string, MethodHandler>> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
