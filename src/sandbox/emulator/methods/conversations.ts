// conversations.*: channels the bot creates, joins, invites people to, describes and archives.
import { channelJson } from '../wire-format.js';
import { findChannel } from './channel-guard.js';
import { booleanArg, fail, stringArg, succeed, type MethodHandler } from './method-context.js';

export const TOPIC_MAX_LENGTH = 250;
export const CHANNEL_NAME_MAX_LENGTH = 80;

/** Slack's rule for channel names, answered with Slack's error name. */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name.length === 0) return 'invalid_name_required';
  if (name.length > CHANNEL_NAME_MAX_LENGTH) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (/^[_-]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

const create: MethodHandler = (context) => {
  const name = stringArg(context.args, 'name');
  const problem = channelNameError(name);
  if (problem !== undefined || name === undefined) return fail(problem ?? 'invalid_name_required');
  if (context.state.channel(name)) return fail('name_taken');
  const channel = context.state.addChannel(name, context.state.bot.userId, booleanArg(context.args, 'is_private'), [
    context.state.bot.userId,
  ]);
  return succeed({ channel: channelJson(channel, context.state) });
};

const invite: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true, open: true });
  if (!found.ok) return found.failure;
  const users = (stringArg(context.args, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (users.length === 0) return fail('no_user');
  if (users.includes(context.state.bot.userId)) return fail('cant_invite_self');
  const unknown = users.filter((u) => !context.state.user(u));
  if (unknown.length > 0) return fail('user_not_found', { errors: unknown.map((user) => ({ user, ok: false, error: 'user_not_found' })) });
  const added = users.filter((u) => !found.channel.members.includes(u));
  if (added.length === 0) return fail('already_in_channel');
  found.channel.members.push(...added);
  context.state.emit({ kind: 'channel', channel: found.channel.id });
  return succeed({ channel: channelJson(found.channel, context.state) });
};

const setText = (field: 'topic' | 'purpose'): MethodHandler => (context) => {
  const found = findChannel(context, 'channel', { member: true, open: true });
  if (!found.ok) return found.failure;
  const text = stringArg(context.args, field) ?? '';
  if (text.length > TOPIC_MAX_LENGTH) return fail('too_long');
  found.channel[field] = text;
  context.state.emit({ kind: 'channel', channel: found.channel.id });
  return succeed({ channel: channelJson(found.channel, context.state), [field]: text });
};

const archive: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true });
  if (!found.ok) return found.failure;
  if (found.channel.isArchived) return fail('already_archived');
  if (found.channel.name === 'general') return fail('cant_archive_general');
  found.channel.isArchived = true;
  context.state.emit({ kind: 'channel', channel: found.channel.id });
  return succeed();
};

const info: MethodHandler = (context) => {
  const found = findChannel(context);
  if (!found.ok) return found.failure;
  return succeed({ channel: channelJson(found.channel, context.state) });
};

const join: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { open: true });
  if (!found.ok) return found.failure;
  const already = found.channel.members.includes(context.state.bot.userId);
  if (!already) {
    found.channel.members.push(context.state.bot.userId);
    context.state.emit({ kind: 'channel', channel: found.channel.id });
  }
  return succeed({ channel: channelJson(found.channel, context.state), ...(already ? { warning: 'already_in_channel' } : {}) });
};

const members: MethodHandler = (context) => {
  const found = findChannel(context);
  if (!found.ok) return found.failure;
  return succeed({ members: found.channel.members, response_metadata: { next_cursor: '' } });
};

export const conversationMethods: Readonly<Record<string, MethodHandler>> = {
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.setTopic': setText('topic'),
  'conversations.setPurpose': setText('purpose'),
  'conversations.archive': archive,
  'conversations.info': info,
  'conversations.join': join,
  'conversations.members': members,
};
