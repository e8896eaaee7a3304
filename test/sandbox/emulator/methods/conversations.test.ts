import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { channelNameError } from '../../../../src/sandbox/emulator/methods/conversations.js';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { BOT_TOKEN, rawCall, slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
beforeAll(async () => ({ emulator, client } = await startEmulator()));
afterAll(async () => emulator.close());

describe('token handling', () => {
  it('answers not_authed without a token and invalid_auth with a wrong one', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await rawCall(emulator, 'auth.test', '', form)).json['error']).toBe('not_authed');
    expect((await rawCall(emulator, 'auth.test', 'token=xoxb-wrong', form)).json['error']).toBe('invalid_auth');
    expect((await rawCall(emulator, 'auth.test', '', { ...form, authorization: 'Bearer nope' })).json['error']).toBe('invalid_auth');
    expect((await rawCall(emulator, 'auth.test', `token=${BOT_TOKEN}`, form)).json['ok']).toBe(true);
  });

  it('accepts JSON bodies as well as forms', async () => {
    const { json } = await rawCall(emulator, 'conversations.create', JSON.stringify({ name: 'json-body' }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${BOT_TOKEN}`,
    });
    expect(json['ok']).toBe(true);
    expect(emulator.channel('json-body')).toBeDefined();
  });

  it('answers auth.test with the bot identity', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0KLAXONBOT', bot_id: 'B0KLAXON', team_id: 'T0KLAXON' });
  });
});

describe('conversations.create', () => {
  it('creates a channel with a realistic id, the bot as member', async () => {
    const created = await client.conversations.create({ name: 'inc-20261130-001-db-down' });
    expect(created.channel?.id).toMatch(/^C[0-9A-Z]{10}$/);
    const channel = emulator.channel('inc-20261130-001-db-down');
    expect(channel?.members).toEqual(['U0KLAXONBOT']);
    expect(emulator.calls('conversations.create').at(-1)).toMatchObject({ ok: true, status: 200, args: { name: 'inc-20261130-001-db-down' } });
  });

  it.each([
    ['', 'invalid_name_required'],
    ['Upper', 'invalid_name_specials'],
    ['has space', 'invalid_name_specials'],
    ['dot.ted', 'invalid_name_specials'],
    ['x'.repeat(81), 'invalid_name_maxlength'],
    ['---', 'invalid_name_punctuation'],
  ])('refuses %j with %s', async (name, error) => {
    expect(await slackError(client.conversations.create({ name }))).toBe(error);
  });

  it('answers name_taken for an existing name', async () => {
    await client.conversations.create({ name: 'taken' });
    expect(await slackError(client.conversations.create({ name: 'taken' }))).toBe('name_taken');
  });

  it('accepts exactly the names Slack accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 90 }), (name) => {
        const valid = name.length >= 1 && name.length <= 80 && /^[a-z0-9_-]+$/.test(name) && !/^[_-]+$/.test(name);
        expect(channelNameError(name) === undefined).toBe(valid);
      }),
    );
  });
});

describe('invite, topic, purpose, info, members, join, archive', () => {
  it('invites users and refuses the wrong ones', async () => {
    const { channel } = await client.conversations.create({ name: 'invite-test' });
    const id = channel?.id ?? '';
    await client.conversations.invite({ channel: id, users: 'U0L1OPS,U0L2SYS' });
    expect(emulator.channel(id)?.members).toEqual(['U0KLAXONBOT', 'U0L1OPS', 'U0L2SYS']);
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0L1OPS' }))).toBe('already_in_channel');
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0NOBODY' }))).toBe('user_not_found');
    expect(await slackError(client.conversations.invite({ channel: 'C0MISSING', users: 'U0L1OPS' }))).toBe('channel_not_found');
    const members = await client.conversations.members({ channel: id });
    expect(members.members).toEqual(['U0KLAXONBOT', 'U0L1OPS', 'U0L2SYS']);
  });

  it('sets topic and purpose up to 250 characters', async () => {
    const { channel } = await client.conversations.create({ name: 'topic-test' });
    const id = channel?.id ?? '';
    await client.conversations.setTopic({ channel: id, topic: '🔴 critical · declared' });
    await client.conversations.setPurpose({ channel: id, purpose: 'Incident INC-1' });
    const info = await client.conversations.info({ channel: id });
    expect(info.channel).toMatchObject({ topic: { value: '🔴 critical · declared' }, purpose: { value: 'Incident INC-1' } });
    expect(await slackError(client.conversations.setTopic({ channel: id, topic: 'x'.repeat(251) }))).toBe('too_long');
    expect(await slackError(client.conversations.info({ channel: 'C0MISSING' }))).toBe('channel_not_found');
  });

  it('needs the bot in the channel, and join puts it there', async () => {
    const general = emulator.channel('general');
    expect(general).toBeDefined();
    const { channel } = await client.conversations.create({ name: 'join-test' });
    const id = channel?.id ?? '';
    emulator.channel(id)?.members.splice(0);
    expect(await slackError(client.chat.postMessage({ channel: id, text: 'hi' }))).toBe('not_in_channel');
    await client.conversations.join({ channel: id });
    expect((await client.chat.postMessage({ channel: id, text: 'hi' })).ok).toBe(true);
  });

  it('archives once; posting and inviting then fail with is_archived', async () => {
    const { channel } = await client.conversations.create({ name: 'archive-test' });
    const id = channel?.id ?? '';
    await client.conversations.archive({ channel: id });
    expect(emulator.channel(id)?.isArchived).toBe(true);
    expect(await slackError(client.conversations.archive({ channel: id }))).toBe('already_archived');
    expect(await slackError(client.chat.postMessage({ channel: id, text: 'late' }))).toBe('is_archived');
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0L1OPS' }))).toBe('is_archived');
  });
});

describe('private channels', () => {
  it('are invisible to a bot that is not in them: channel_not_found, as Slack answers', async () => {
    const { emulator: own, client: bot } = await startEmulator({ channels: [{ name: 'security', isPrivate: true }] });
    try {
      const id = own.channel('security')?.id as string;
      expect(await slackError(bot.conversations.info({ channel: id }))).toBe('channel_not_found');
      expect(await slackError(bot.chat.postMessage({ channel: id, text: 'hello' }))).toBe('channel_not_found');
      expect(await slackError(bot.chat.getPermalink({ channel: id, message_ts: '1.000100' }))).toBe('channel_not_found');
      own.addMember('security', 'U0KLAXONBOT');
      expect((await bot.conversations.info({ channel: id })).channel?.is_private).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('take groups:write to create, channels:manage a public one, when the token’s scopes are modelled', async () => {
    const { emulator: own, client: bot } = await startEmulator({ scopes: ['chat:write', 'channels:manage'] });
    try {
      const refused = await bot.conversations.create({ name: 'private-one', is_private: true }).catch((error: { data: Record<string, unknown> }) => error.data);
      expect(refused).toMatchObject({ ok: false, error: 'missing_scope', needed: 'groups:write', provided: 'chat:write,channels:manage' });
      expect((await bot.conversations.create({ name: 'public-one' })).channel?.is_private).toBe(false);
    } finally {
      await own.close();
    }
    const { emulator: granted, client: allowed } = await startEmulator({ scopes: ['groups:write'] });
    try {
      expect((await allowed.conversations.create({ name: 'private-one', is_private: true })).channel?.is_private).toBe(true);
      expect(await slackError(allowed.conversations.create({ name: 'public-one' }))).toBe('missing_scope');
    } finally {
      await granted.close();
    }
  });
});

describe('channel names', () => {
  it('are taken for posting only: conversations.* and chat.update answer channel_not_found to a name, as Slack does', async () => {
    const { channel } = await client.conversations.create({ name: 'named-only-for-posting' });
    const id = channel?.id as string;
    const posted = await client.chat.postMessage({ channel: 'named-only-for-posting', text: 'by name' });
    expect(posted.channel).toBe(id);
    expect(await slackError(client.conversations.history({ channel: 'named-only-for-posting' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.update({ channel: 'named-only-for-posting', ts: posted.ts as string, text: 'x' }))).toBe('channel_not_found');
    expect((await client.conversations.history({ channel: id })).messages?.[0]?.text).toBe('by name');
  });
});
