// The external upload flow: get an upload URL, POST the bytes there, complete (files.uploadV2 in the SDKs); files.info.
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../emulator-state.js';
import { fileJson } from '../wire-format.js';
import { findChannel } from './channel-guard.js';
import { fail, stringArg, succeed, type MethodHandler } from './method-context.js';

export const FILE_MAX_BYTES = 1024 * 1024 * 1024;

const getUploadUrl: MethodHandler = (context) => {
  const filename = stringArg(context.args, 'filename');
  const length = Number(stringArg(context.args, 'length') ?? '0');
  if (filename === undefined || !Number.isInteger(length) || length <= 0) return fail('missing_argument');
  if (length > FILE_MAX_BYTES) return fail('file_upload_size_restricted');
  const id = context.state.newId('F');
  // Like Slack's, the URL carries a secret of its own: it is the upload's only credential.
  const uploadKey = randomBytes(16).toString('hex');
  context.state.files.push({
    id,
    name: filename,
    title: filename,
    uploadKey,
    declaredLength: length,
    uploadedBy: context.state.bot.userId,
    created: Math.floor(context.state.now() / 1000),
    channels: [],
    completed: false,
  });
  return succeed({ upload_url: `${context.baseUrl}/upload/${id}/${uploadKey}`, file_id: id });
};

const completeUpload: MethodHandler = (context) => {
  const list = context.args['files'];
  if (!Array.isArray(list) || list.length === 0) return fail('missing_argument');
  const entries = list.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}));
  const files = entries.map((entry) => context.state.files.find((f) => f.id === entry['id']));
  if (files.some((f) => f === undefined || f.content === undefined)) return fail('file_not_found');
  const channelId = stringArg(context.args, 'channel_id') ?? stringArg(context.args, 'channels');
  let channel: string | undefined;
  if (channelId !== undefined) {
    const found = findChannel({ ...context, args: { channel: channelId } }, 'channel', { member: true, open: true });
    if (!found.ok) return found.failure;
    channel = found.channel.id;
  }
  entries.forEach((entry, index) => {
    const file = files[index];
    if (!file) return;
    if (typeof entry['title'] === 'string') file.title = entry['title'];
    file.completed = true;
    if (channel !== undefined) file.channels.push(channel);
  });
  if (channel !== undefined) {
    const threadTs = stringArg(context.args, 'thread_ts');
    context.state.addMessage({
      channel,
      user: context.state.bot.userId,
      botId: context.state.bot.botId,
      text: stringArg(context.args, 'initial_comment') ?? '',
      files: files.flatMap((f) => (f ? [f.id] : [])),
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
  }
  context.state.emit({ kind: 'file' });
  return succeed({ files: files.flatMap((f) => (f ? [fileJson(f, context.baseUrl)] : [])) });
};

// An upload that was never completed is no file yet: Slack discards it, and files.info does not know its id.
const info: MethodHandler = (context) => {
  const id = stringArg(context.args, 'file');
  if (id === undefined) return fail('invalid_arguments');
  const { scopes } = context.state;
  if (scopes !== undefined && !scopes.includes('files:read')) return fail('missing_scope', { needed: 'files:read', provided: scopes.join(',') });
  const file = context.state.files.find((f) => f.id === id);
  if (file === undefined || !file.completed) return fail('file_not_found');
  return succeed({ file: { ...fileJson(file, context.baseUrl), shares: sharesOf(file.id, context.state) } });
};

/** Where the file was shared, as Slack lists it: by channel visibility, then channel id, each share's message. */
function sharesOf(fileId: string, state: EmulatorState): Record<string, Record<string, { ts: string; thread_ts?: string; share_user_id: string }[]>> {
  const shares: Record<string, Record<string, { ts: string; thread_ts?: string; share_user_id: string }[]>> = {};
  for (const message of state.messages) {
    if (message.deleted === true || !(message.files ?? []).includes(fileId)) continue;
    const visibility = state.channelById(message.channel)?.isPrivate === true ? 'private' : 'public';
    const byChannel = (shares[visibility] ??= {});
    (byChannel[message.channel] ??= []).push({ ts: message.ts, ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}), share_user_id: message.user });
  }
  return shares;
}

export const fileMethods: Readonly<Record<string, MethodHandler>> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'files.info': info,
};
