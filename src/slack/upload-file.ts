// Slack's three-step file upload (files.getUploadURLExternal → POST to the upload URL →
// files.completeUploadExternal), through the retrying SlackApi so an outage delays the upload, not loses it.
// Several files complete together, so they arrive as one message.
import type { SlackApi } from './slack-api.js';

export interface UploadedFile {
  readonly filename: string;
  readonly title?: string;
  readonly content: Buffer;
}

export interface UploadRequest {
  readonly channel: string;
  readonly threadTs?: string;
  readonly files: readonly UploadedFile[];
  readonly comment?: string;
}

async function send(slack: SlackApi, token: string, file: UploadedFile): Promise<{ id: string; title: string }> {
  const target = await slack.call<{ upload_url?: string; file_id?: string }>('files.getUploadURLExternal', {
    filename: file.filename,
    length: file.content.length,
  });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload_url');
  const response = await fetch(target.upload_url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file.content,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`upload to Slack failed with HTTP ${response.status}`);
  return { id: target.file_id, title: file.title ?? file.filename };
}

/** Uploads the files and shares them in one message; returns their Slack file ids, in order. */
export async function uploadFiles(slack: SlackApi, token: string, request: UploadRequest): Promise<string[]> {
  if (request.files.length === 0) return [];
  const sent = [];
  for (const file of request.files) sent.push(await send(slack, token, file));
  await slack.call('files.completeUploadExternal', {
    files: sent,
    channel_id: request.channel,
    ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
    ...(request.comment ? { initial_comment: request.comment } : {}),
  });
  return sent.map((file) => file.id);
}
