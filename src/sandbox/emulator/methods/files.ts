// The external upload flow files.uploadV2 uses: get an upload URL, POST the bytes there, complete.
import { randomBytes } from 'node:crypto';
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

export const fileMethods: Readonly<Record<string, MethodHandler>> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
