// Slack's three-step file upload (files.getUploadURLExternal → POST to the upload URL →
// files.completeUploadExternal), through the retrying SlackApi so an outage delays the upload, not loses it.
import type { SlackApi } from './slack-api.js';

export interface UploadRequest {
  readonly channel: string;
  readonly threadTs?: string;
  readonly filename: string;
  readonly title?: string;
  readonly content: Buffer;
  readonly comment?: string;
}

export async function uploadFile(slack: SlackApi, token: string, request: UploadRequest): Promise<string> {
  const target = await slack.call<{ upload_url?: string; file_id?: string }>('files.getUploadURLExternal', {
    filename: request.filename,
    length: request.content.length,
  });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload_url');
  const response = await fetch(target.upload_url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: request.content,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`upload to Slack failed with HTTP ${response.status}`);
  await slack.call('files.completeUploadExternal', {
    files: [{ id: target.file_id, title: request.title ?? request.filename }],
    channel_id: request.channel,
    ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
    ...(request.comment ? { initial_comment: request.comment } : {}),
  });
  return target.file_id;
}
