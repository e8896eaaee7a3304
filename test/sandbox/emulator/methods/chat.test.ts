import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
let channel: string;
beforeAll(async () => {
  // Rate limits off: these cases check content rules with dozens of back-to-back posts to #general, past
  // chat.postMessage's ~1/s per channel (rate-limits.test.ts covers the limit itself).
  ({ emulator, client } = await startEmulator({ rateLimits: false }));
  channel = (await client.conversations.create({ name: 'chat-test' })).channel?.id ?? '';
  await client.conversations.invite({ channel, users: 'U0L1OPS' });
});
afterAll(async () => emulator.close());

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('chat.postMessage', () => {
  it('stores the message with blocks and answers with a realistic ts', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'fallback', blocks: [section('*Checklist*')] });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message).toMatchObject({ text: 'fallback', bot_id: 'B0KLAXON' });
    expect(emulator.messages(channel).at(-1)).toMatchObject({ ts: posted.ts, text: 'fallback', blocks: [section('*Checklist*')] });
  });

  it('accepts a channel name as well as an id', async () => {
    const posted = await client.chat.postMessage({ channel: '#chat-test', text: 'by name' });
    expect(posted.channel).toBe(channel);
  });

  it('keeps ts strictly increasing within a channel, even when the clock stands still', async () => {
    const fixed = await startEmulator({ now: () => 1_764_400_000_000, rateLimits: false });
    try {
      const id = (await fixed.client.conversations.create({ name: 'ticks' })).channel?.id ?? '';
      const tss: string[] = [];
      for (let i = 0; i < 5; i += 1) tss.push((await fixed.client.chat.postMessage({ channel: id, text: `m${i}` })).ts ?? '');
      expect(tss).toEqual(['1764400000.000000', '1764400000.000100', '1764400000.000200', '1764400000.000300', '1764400000.000400']);
    } finally {
      await fixed.emulator.close();
    }
  });

  it('threads replies and counts them on the parent', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'job queued' });
    await client.chat.postMessage({ channel, text: 'exit 0', thread_ts: parent.ts ?? '' });
    expect(emulator.messages(channel, { threadTs: parent.ts ?? '' }).map((m) => m.text)).toEqual(['job queued', 'exit 0']);
    expect(emulator.messages(channel).find((m) => m.ts === parent.ts)?.replyCount).toBe(1);
    expect(emulator.messages(channel).some((m) => m.text === 'exit 0')).toBe(false);
  });

  it.each([
    ['no text and no blocks', {}, 'no_text'],
    ['blocks without a text fallback (strict mode)', { blocks: [section('x')] }, 'no_text'],
    ['text over 40000', { text: 'x'.repeat(40_001) }, 'msg_too_long'],
    ['51 blocks', { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 'invalid_blocks'],
    ['a section over 3000', { text: 't', blocks: [section('x'.repeat(3001))] }, 'invalid_blocks'],
  ])('refuses %s', async (_name, args, error) => {
    expect(await slackError(client.chat.postMessage({ channel, ...args } as never))).toBe(error);
  });

  it("lists the validator's messages with invalid_blocks", async () => {
    try {
      await client.chat.postMessage({ channel, text: 't', blocks: [section('x'.repeat(3001))] as never });
      expect.unreachable();
    } catch (error) {
      expect((error as { data: { errors: string[] } }).data.errors).toEqual(['must be at most 3000 characters [json-pointer:/blocks/0/text/text]']);
    }
  });

  it('accepts blocks without text when strict mode is off', async () => {
    const lax = await startEmulator({ strict: false, rateLimits: false });
    try {
      expect((await lax.client.chat.postMessage({ channel: 'general', blocks: [section('x')] } as never)).ok).toBe(true);
    } finally {
      await lax.emulator.close();
    }
  });

  it('refuses unknown channels', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0MISSING', text: 'x' }))).toBe('channel_not_found');
  });
});

describe('chat.update', () => {
  it('replaces blocks and text in place', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'v1', blocks: [section('v1')] });
    await client.chat.update({ channel, ts: posted.ts ?? '', text: 'v2', blocks: [section('v2')] });
    const message = emulator.messages(channel).find((m) => m.ts === posted.ts);
    expect(message).toMatchObject({ text: 'v2', blocks: [section('v2')] });
    expect(message?.edited?.user).toBe('U0KLAXONBOT');
  });

  it('drops blocks when only text is given', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'v1', blocks: [section('v1')] });
    await client.chat.update({ channel, ts: posted.ts ?? '', text: 'plain now' });
    expect(emulator.messages(channel).find((m) => m.ts === posted.ts)?.blocks).toBeUndefined();
  });

  it('answers message_not_found and cant_update_message', async () => {
    expect(await slackError(client.chat.update({ channel, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    const human = emulator.postUserMessage({ userId: 'U0L1OPS', channelId: channel, text: 'mine' });
    expect(await slackError(client.chat.update({ channel, ts: human.ts, text: 'x' }))).toBe('cant_update_message');
  });
});

describe('chat.postEphemeral and chat.getPermalink', () => {
  it('shows an ephemeral to one member only', async () => {
    const answer = await client.chat.postEphemeral({ channel, user: 'U0L1OPS', text: 'only you' });
    expect(answer.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(emulator.ephemerals(channel, 'U0L1OPS').map((e) => e.text)).toContain('only you');
    expect(emulator.ephemerals(channel, 'U0L2SYS')).toEqual([]);
    expect(await slackError(client.chat.postEphemeral({ channel, user: 'U0L2SYS', text: 'x' }))).toBe('user_not_in_channel');
    expect(await slackError(client.chat.postEphemeral({ channel, user: 'U0NOBODY', text: 'x' }))).toBe('user_not_found');
  });

  it('builds a permalink for an existing message', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'link me' });
    const link = await client.chat.getPermalink({ channel, message_ts: posted.ts ?? '' });
    expect(link.permalink).toBe(`${emulator.url}/archives/${channel}/p${(posted.ts ?? '').replace('.', '')}`);
    expect(await slackError(client.chat.getPermalink({ channel, message_ts: '1.000001' }))).toBe('message_not_found');
  });

  it('stores any text it accepts unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }), async (text) => {
        const posted = await client.chat.postMessage({ channel, text });
        expect(emulator.messages(channel).find((m) => m.ts === posted.ts)?.text).toBe(text);
      }),
      { numRuns: 30 },
    );
  });
});
