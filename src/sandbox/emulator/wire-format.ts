// How the emulator's records look on the wire, in the shapes Slack's Web API answers with.
import type { EmulatorState } from './emulator-state.js';
import type { Channel, EmulatedUser, Message, StoredFile, View } from './emulator-types.js';

export function channelJson(channel: Channel, state: EmulatorState): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    created: channel.created,
    creator: channel.creator,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_general: channel.name === 'general',
    is_member: channel.members.includes(state.bot.userId),
    num_members: channel.members.length,
    topic: { value: channel.topic, creator: channel.creator, last_set: channel.created },
    purpose: { value: channel.purpose, creator: channel.creator, last_set: channel.created },
    context_team_id: state.teamId,
  };
}

export function messageJson(message: Message, options: { readonly withMetadata?: boolean } = {}): Record<string, unknown> {
  return {
    type: 'message',
    ts: message.ts,
    user: message.user,
    text: message.text,
    ...(message.botId !== undefined ? { bot_id: message.botId } : {}),
    ...(message.blocks !== undefined ? { blocks: message.blocks } : {}),
    ...(message.attachments !== undefined ? { attachments: message.attachments } : {}),
    ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
    ...(message.replyCount > 0 ? { thread_ts: message.ts, reply_count: message.replyCount } : {}),
    ...(message.reactions.length > 0
      ? { reactions: message.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })) }
      : {}),
    ...(message.files !== undefined ? { files: message.files.map((id) => ({ id })) } : {}),
    ...(message.edited !== undefined ? { edited: message.edited } : {}),
    ...(options.withMetadata === true && message.metadata !== undefined ? { metadata: message.metadata } : {}),
  };
}

export function userJson(user: EmulatedUser, teamId: string): Record<string, unknown> {
  const tz = user.tz ?? 'Asia/Tokyo';
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.realName,
    tz,
    tz_label: tz,
    tz_offset: tz === 'Asia/Tokyo' ? 32_400 : 0,
    is_bot: user.isBot ?? false,
    deleted: user.deactivated ?? false,
    is_restricted: user.guest !== undefined,
    is_ultra_restricted: user.guest === 'single',
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.displayName ?? user.name,
      display_name_normalized: user.displayName ?? user.name,
      title: user.title ?? '',
    },
  };
}

export function viewJson(view: View, state: EmulatorState): Record<string, unknown> {
  return {
    ...view.view,
    id: view.id,
    team_id: state.teamId,
    hash: view.hash,
    root_view_id: view.rootViewId,
    previous_view_id: view.previousViewId ?? null,
    app_id: 'A0KLAXON',
    bot_id: state.bot.botId,
    state: { values: {} },
  };
}

export function fileJson(file: StoredFile, baseUrl: string): Record<string, unknown> {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    size: file.content?.length ?? file.declaredLength,
    created: file.created,
    user: file.uploadedBy,
    channels: file.channels,
    url_private: `${baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: `${baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}?download=1`,
  };
}
