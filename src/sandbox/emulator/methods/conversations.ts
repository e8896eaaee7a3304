// conversations.*: channels the bot creates, joins, invites people to, describes, reads back and archives.
import type { Channel, EmulatedUser } from '../emulator-types.js';
import { channelJson, messageJson } from '../wire-format.js';
import { findChannel } from './channel-guard.js';
import { booleanArg, fail, stringArg, succeed, type MethodHandler } from './method-context.js';

export const TOPIC_MAX_LENGTH = 250;
export const CHANNEL_NAME_MAX_LENGTH = 80;

/** Slack's rule for channel names, answered with Slack's error name. */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name.length === 0) return 'invalid_name_required';
  if (Array.from(name).length > CHANNEL_NAME_MAX_LENGTH) return 'invalid_name_maxlength';
  // Letters of any script, as in real Slack (Japanese channel names are common); no capitals, spaces or periods.
  if (!/^[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}_-]+$/u.test(name)) return 'invalid_name_specials';
  if (/^[_-]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

const create: MethodHandler = (context) => {
  const name = stringArg(context.args, 'name');
  const problem = channelNameError(name);
  if (problem !== undefined || name === undefined) return fail(problem ?? 'invalid_name_required');
  const isPrivate = booleanArg(context.args, 'is_private');
  // A private channel takes groups:write, a public one channels:manage (when the token's scopes are modelled).
  const needed = isPrivate ? 'groups:write' : 'channels:manage';
  const { scopes } = context.state;
  if (scopes !== undefined && !scopes.includes(needed)) return fail('missing_scope', { needed, provided: scopes.join(',') });
  if (context.state.channelCreation === 'admins') return fail('restricted_action');
  if (context.state.channel(name)) return fail('name_taken');
  const channel = context.state.addChannel(name, context.state.bot.userId, isPrivate, [
    context.state.bot.userId,
  ]);
  return succeed({ channel: channelJson(channel, context.state) });
};

/** Why Slack refuses to add this person to this channel, as its error name. */
function inviteError(user: EmulatedUser | undefined, channels: readonly Channel[]): string | undefined {
  if (!user) return 'user_not_found';
  if (user.deactivated === true) return 'cant_invite';
  if (user.guest === 'multi') return 'user_is_restricted';
  if (user.guest === 'single') return channels.some((c) => c.members.includes(user.id)) ? 'ura_max_channels' : 'user_is_ultra_restricted';
  return undefined;
}

/**
 * One call may name several people. Slack answers the first refusal as `error` and every one in `errors`; nobody
 * is added unless `force` is set, which adds the others and answers ok with the refusals in `errors`.
 */
const invite: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true, open: true });
  if (!found.ok) return found.failure;
  const users = (stringArg(context.args, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (users.length === 0) return fail('no_user');
  if (users.length > 1000) return fail('too_many_users');
  if (users.includes(context.state.bot.userId)) return fail('cant_invite_self');
  const errors = users.flatMap((user) => {
    const error = inviteError(context.state.user(user), context.state.channels);
    return error === undefined ? [] : [{ user, ok: false, error }];
  });
  const refused = new Set(errors.map((e) => e.user));
  const added = [...new Set(users)].filter((u) => !refused.has(u) && !found.channel.members.includes(u));
  const first = errors[0];
  if (first !== undefined && (!booleanArg(context.args, 'force') || added.length === 0)) return fail(first.error, { errors });
  if (added.length === 0) return fail('already_in_channel', { errors: users.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
  found.channel.members.push(...added);
  context.state.emit({ kind: 'channel', channel: found.channel.id });
  return succeed({ channel: channelJson(found.channel, context.state), ...(errors.length > 0 ? { errors } : {}) });
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
  // "A team preference prevents the authenticated user from archiving" (Slack's method reference).
  if (context.state.channelArchiving === 'admins') return fail('restricted_action');
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
  const found = findChannel(context, 'channel', { open: true, hiddenPrivate: false });
  if (!found.ok) return found.failure;
  const already = found.channel.members.includes(context.state.bot.userId);
  // A bot cannot join a private channel on its own: someone in it has to invite it.
  if (found.channel.isPrivate && !already) return fail('method_not_supported_for_channel_type');
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

const HISTORY_MAX_LIMIT = 999;
const cursorFor = (ts: string): string => Buffer.from(`next_ts:${ts}`).toString('base64');
const tsOfCursor = (cursor: string): string | undefined => /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1];

/** A channel's top-level messages, newest first, paged by cursor; metadata only when asked for. */
const history: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true });
  if (!found.ok) return found.failure;
  const limit = Math.min(Number(stringArg(context.args, 'limit') ?? '100') || 100, HISTORY_MAX_LIMIT);
  const cursor = stringArg(context.args, 'cursor');
  const before = cursor === undefined ? undefined : tsOfCursor(cursor);
  if (cursor !== undefined && before === undefined) return fail('invalid_cursor');
  const inclusive = booleanArg(context.args, 'inclusive');
  const oldest = Number(stringArg(context.args, 'oldest') ?? '0');
  const latest = Number(stringArg(context.args, 'latest') ?? 'Infinity');
  const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
  const messages = context.state.messages
    .filter((m) => m.channel === found.channel.id && !m.deleted && (m.threadTs === undefined || m.threadTs === m.ts))
    .filter((m) => inRange(Number(m.ts)) && (before === undefined || Number(m.ts) < Number(before)))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  const page = messages.slice(0, limit);
  const hasMore = messages.length > limit;
  const last = page.at(-1);
  const withMetadata = booleanArg(context.args, 'include_all_metadata');
  return succeed({
    messages: page.map((m) => messageJson(m, { withMetadata })),
    has_more: hasMore,
    pin_count: found.channel.pins.length,
    response_metadata: { next_cursor: hasMore && last !== undefined ? cursorFor(last.ts) : '' },
  });
};

/** A thread: its parent first, then the replies oldest first (one page; klaxon's threads are short). */
const replies: MethodHandler = (context) => {
  const found = findChannel(context, 'channel', { member: true });
  if (!found.ok) return found.failure;
  const ts = stringArg(context.args, 'ts');
  const parent = ts === undefined ? undefined : context.state.message(found.channel.id, ts);
  if (!parent || parent.deleted) return fail('thread_not_found');
  const limit = Math.min(Number(stringArg(context.args, 'limit') ?? '1000') || 1000, 1000);
  const thread = context.state.messages
    .filter((m) => m.channel === found.channel.id && !m.deleted && (m.ts === parent.ts || m.threadTs === parent.ts))
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const withMetadata = booleanArg(context.args, 'include_all_metadata');
  return succeed({
    messages: thread.slice(0, limit).map((m) => messageJson(m, { withMetadata })),
    has_more: thread.length > limit,
    response_metadata: { next_cursor: '' },
  });
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
  'conversations.history': history,
  'conversations.replies': replies,
};
