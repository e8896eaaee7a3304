import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { BOT_TOKEN, slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
let channel: string;
beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
  channel = (await client.conversations.create({ name: 'files-test' })).channel?.id ?? '';
});
afterAll(async () => emulator.close());

describe('files.uploadV2 (three requests)', () => {
  it('stores the bytes and posts the file into the channel thread', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'report' });
    const content = '# インシデント報告書\n\n- 重要度: critical\n';
    const result = await client.files.uploadV2({ channel_id: channel, thread_ts: parent.ts ?? '', filename: 'report.md', title: 'Report', content, initial_comment: 'Report attached' });
    expect(result.ok).toBe(true);
    expect(emulator.calls().map((c) => c.method).slice(-3)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const file = emulator.files().at(-1);
    expect(file).toMatchObject({ name: 'report.md', title: 'Report', completed: true, channels: [channel] });
    expect(file?.content?.toString('utf8')).toBe(content);
    const reply = emulator.messages(channel, { threadTs: parent.ts ?? '' }).at(-1);
    expect(reply).toMatchObject({ text: 'Report attached', files: [file?.id] });
    const download = await fetch(`${emulator.url}/files/${file?.id}/report.md?download=1`, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="report.md"');
    expect(await download.text()).toBe(content);
  });

  it('takes a raw body at the upload URL too', async () => {
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'out.log', length: 3 });
    const response = await fetch(uploadUrl ?? '', { method: 'POST', headers: { authorization: `Bearer ${BOT_TOKEN}` }, body: 'abc' });
    expect(response.status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: fileId ?? '' }] });
    expect(emulator.files().find((f) => f.id === fileId)?.content?.toString()).toBe('abc');
  });

  it('refuses zero length and completing a file that was never uploaded', async () => {
    expect(await slackError(client.files.getUploadURLExternal({ filename: 'empty.txt', length: 0 }))).toBe('missing_argument');
    const { file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'never.txt', length: 5 });
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: fileId ?? '' }] }))).toBe('file_not_found');
    expect((await fetch(`${emulator.url}/upload/F0NOSUCHFILE`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe('files.info', () => {
  it('knows a file only once its upload is completed, then where it was shared', async () => {
    const { emulator: own, client: bot } = await startEmulator({ scopes: ['channels:manage', 'files:write', 'files:read'] });
    try {
      const channel = (await bot.conversations.create({ name: 'files-info' })).channel?.id ?? '';
      const { upload_url: uploadUrl, file_id: fileId } = await bot.files.getUploadURLExternal({ filename: 'pending.md', length: 7 });
      const id = fileId ?? '';
      // Slack discards an upload that is never completed: before complete, its id names no file.
      expect(await slackError(bot.files.info({ file: id }))).toBe('file_not_found');
      expect((await fetch(uploadUrl ?? '', { method: 'POST', body: 'pending' })).status).toBe(200);
      expect(await slackError(bot.files.info({ file: id }))).toBe('file_not_found');
      await bot.files.completeUploadExternal({ files: [{ id, title: 'Pending' }], channel_id: channel });
      const { file } = await bot.files.info({ file: id });
      const shared = own.messages(channel).find((m) => m.files?.includes(id));
      expect(file).toMatchObject({ id, title: 'Pending', channels: [channel], shares: { public: { [channel]: [{ ts: shared?.ts }] } } });
      expect(await slackError(bot.files.info({ file: 'F0NOSUCHFILE' }))).toBe('file_not_found');
    } finally {
      await own.close();
    }
  });

  it('takes files:read when the token’s scopes are modelled', async () => {
    const { emulator: own, client: bot } = await startEmulator({ scopes: ['files:write'] });
    try {
      const refused = await bot.files.info({ file: 'F0NOSUCHFILE' }).catch((error: { data: Record<string, unknown> }) => error.data);
      expect(refused).toMatchObject({ ok: false, error: 'missing_scope', needed: 'files:read', provided: 'files:write' });
    } finally {
      await own.close();
    }
  });
});

describe('files, to anyone else on the machine', () => {
  it('serves a file only with the bot token (as url_private), and takes its bytes once, at an upload URL nobody can guess', async () => {
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'findings.md', length: 16 });
    // The file ids are sequential: the upload URL must not be just the id.
    expect((await fetch(`${emulator.url}/upload/${fileId}`, { method: 'POST', body: 'guessed' })).status).toBe(404);
    expect((await fetch(uploadUrl ?? '', { method: 'POST', body: 'private findings' })).status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: fileId ?? '' }], channel_id: channel });
    // A page on another site can POST text/plain to a URL it knows without asking: a second upload replaces nothing.
    expect((await fetch(uploadUrl ?? '', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'forged report' })).status).toBe(409);
    expect(emulator.files().find((f) => f.id === fileId)?.content?.toString()).toBe('private findings');

    const path = `${emulator.url}/files/${fileId}/findings.md`;
    expect((await fetch(path)).status).toBe(403);
    expect((await fetch(path, { headers: { authorization: 'Bearer xoxb-someone-else' } })).status).toBe(403);
    const served = await fetch(path, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect([served.status, await served.text()]).toEqual([200, 'private findings']);
  });
});

describe('bookmarks.add', () => {
  it('adds a link bookmark to the channel', async () => {
    const { bookmark } = await client.bookmarks.add({ channel_id: channel, title: 'Runbook', type: 'link', link: 'https://example.org/runbook' });
    expect(bookmark).toMatchObject({ title: 'Runbook', channel_id: channel });
    expect(emulator.channel(channel)?.bookmarks.map((b) => b.title)).toEqual(['Runbook']);
    expect(await slackError(client.bookmarks.add({ channel_id: 'C0MISSING', title: 'x', type: 'link', link: 'https://x' }))).toBe('channel_not_found');
  });
});
