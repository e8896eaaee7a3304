// What real workspaces answer that a permissive fake never would: the bot only where it was invited, channel
// creation and archiving limited to admins, channels only admins may post in, guests and deactivated people who cannot be invited, the total-text cap of a
// message's blocks, and message metadata read back through conversations.history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { DEFAULT_USERS } from '../../../../src/sandbox/emulator/default-workspace.js';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { rawCall, BOT_TOKEN, slackError, startEmulator } from '../emulator-fixture.js';

const GUEST = 'U0GUEST';
const SINGLE = 'U0SINGLE';
const GONE = 'U0GONE';

let emulator: SlackEmulator;
let client: WebClient;
beforeAll(async () => {
  ({ emulator, client } = await startEmulator({
    users: [
      ...DEFAULT_USERS,
      { id: GUEST, name: 'guest.kato', realName: 'Kato (multi-channel guest)', guest: 'multi' },
      { id: SINGLE, name: 'guest.ito', realName: 'Ito (single-channel guest)', guest: 'single' },
      { id: GONE, name: 'former.abe', realName: 'Abe (deactivated)', deactivated: true },
    ],
    channels: [
      { name: 'general', botIsMember: true },
      { name: 'incidents' },
      { name: 'vendor', members: [SINGLE] },
      { name: 'announcements', botIsMember: true, postingRestricted: true },
    ],
  }));
});
afterAll(async () => emulator.close());

describe('bot membership', () => {
  it('leaves the bot out of channels nobody invited it to: posts, ephemerals, history and bookmarks answer not_in_channel', async () => {
    const incidents = emulator.channel('incidents')?.id as string;
    expect(emulator.channel('incidents')?.members).not.toContain('U0KLAXONBOT');
    expect(await slackError(client.chat.postMessage({ channel: incidents, text: 'hello' }))).toBe('not_in_channel');
    expect(await slackError(client.chat.postEphemeral({ channel: incidents, user: 'U0L1OPS', text: 'only you' }))).toBe('not_in_channel');
    expect(await slackError(client.conversations.history({ channel: incidents }))).toBe('not_in_channel');
    expect(await slackError(client.bookmarks.add({ channel_id: incidents, title: 'x', type: 'link', link: 'https://example.com' }))).toBe('not_in_channel');
    const info = await client.conversations.info({ channel: incidents });
    expect(info.channel?.is_member).toBe(false);

    emulator.addMember('incidents', 'U0KLAXONBOT');
    expect((await client.chat.postMessage({ channel: incidents, text: 'hello' })).ok).toBe(true);
    expect((await client.chat.postEphemeral({ channel: incidents, user: 'U0L1OPS', text: 'only you' })).ok).toBe(true);
  });
});

describe('a workspace where only admins create channels', () => {
  it('answers conversations.create restricted_action, and creates again once the setting is lifted', async () => {
    emulator.setChannelCreation('admins');
    expect(await slackError(client.conversations.create({ name: 'inc-restricted' }))).toBe('restricted_action');
    expect(emulator.channel('inc-restricted')).toBeUndefined();
    emulator.setChannelCreation('everyone');
    expect((await client.conversations.create({ name: 'inc-restricted' })).ok).toBe(true);
  });
});

describe('a channel where only admins may post', () => {
  it('answers the bot’s chat.postMessage restricted_action even though it is a member, and keeps nothing', async () => {
    const announcements = emulator.channel('announcements')?.id as string;
    expect(await slackError(client.chat.postMessage({ channel: announcements, text: 'incident declared' }))).toBe('restricted_action');
    expect(await slackError(client.chat.postMessage({ channel: 'announcements', text: 'by name too' }))).toBe('restricted_action');
    expect(emulator.messages(announcements)).toEqual([]);
  });
});

describe('a workspace where only admins archive channels', () => {
  it('answers conversations.archive restricted_action and keeps the channel open, and archives once the setting is lifted', async () => {
    const created = await client.conversations.create({ name: 'inc-archive-restricted' });
    const channel = String(created.channel?.id);
    emulator.setChannelArchiving('admins');
    try {
      expect(await slackError(client.conversations.archive({ channel }))).toBe('restricted_action');
      expect(emulator.channel(channel)?.isArchived).toBe(false);
    } finally {
      emulator.setChannelArchiving('everyone');
    }
    expect((await client.conversations.archive({ channel })).ok).toBe(true);
  });
});

describe('conversations.invite with guests and deactivated people', () => {
  const invite = async (channel: string, users: string, force = false) =>
    (await rawCall(emulator, 'conversations.invite', new URLSearchParams({ channel, users, ...(force ? { force: 'true' } : {}) }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Bearer ${BOT_TOKEN}`,
    })).json;

  it.each([
    [GONE, 'cant_invite'],
    [GUEST, 'user_is_restricted'],
    [SINGLE, 'ura_max_channels'],
    ['U0NOBODY', 'user_not_found'],
  ])('refuses %s alone with %s and an errors entry naming them', async (user, error) => {
    const channel = (await client.conversations.create({ name: `inc-invite-${user.toLowerCase()}` })).channel?.id as string;
    expect(await invite(channel, user)).toEqual({ ok: false, error, errors: [{ user, ok: false, error }] });
    expect(emulator.channel(channel)?.members).toEqual(['U0KLAXONBOT']);
  });

  it('refuses a single-channel guest who is in no channel yet as user_is_ultra_restricted', async () => {
    const lonely = await startEmulator({ users: [...DEFAULT_USERS, { id: SINGLE, name: 'guest.ito', realName: 'Ito', guest: 'single' }], channels: [{ name: 'general', members: [], botIsMember: true }] });
    try {
      const channel = (await lonely.client.conversations.create({ name: 'inc-ura' })).channel?.id as string;
      expect(await slackError(lonely.client.conversations.invite({ channel, users: SINGLE }))).toBe('user_is_ultra_restricted');
    } finally {
      await lonely.emulator.close();
    }
  });

  it('adds nobody when one of several is refused, unless force is set: then the others join and errors lists the refused', async () => {
    const channel = (await client.conversations.create({ name: 'inc-invite-mixed' })).channel?.id as string;
    const mixed = `U0L1OPS,${GUEST},U0L2SYS,${GONE}`;
    expect(await invite(channel, mixed)).toEqual({
      ok: false,
      error: 'user_is_restricted',
      errors: [
        { user: GUEST, ok: false, error: 'user_is_restricted' },
        { user: GONE, ok: false, error: 'cant_invite' },
      ],
    });
    expect(emulator.channel(channel)?.members).toEqual(['U0KLAXONBOT']);

    const forced = await invite(channel, mixed, true);
    expect(forced).toMatchObject({ ok: true, errors: [{ user: GUEST, error: 'user_is_restricted' }, { user: GONE, error: 'cant_invite' }] });
    expect(emulator.channel(channel)?.members).toEqual(['U0KLAXONBOT', 'U0L1OPS', 'U0L2SYS']);
  });

  it('describes guests and deactivated people in users.info as Slack does', async () => {
    expect((await client.users.info({ user: GUEST })).user).toMatchObject({ is_restricted: true, is_ultra_restricted: false, deleted: false });
    expect((await client.users.info({ user: SINGLE })).user).toMatchObject({ is_restricted: true, is_ultra_restricted: true });
    expect((await client.users.info({ user: GONE })).user).toMatchObject({ deleted: true, is_restricted: false });
  });
});

describe('the total text of a message\'s blocks', () => {
  const sections = (count: number, each: number) => Array.from({ length: count }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(each) } }));

  it('accepts 12,000 characters spread over blocks and answers msg_blocks_too_long past that', async () => {
    const general = (await client.conversations.create({ name: 'inc-long' })).channel?.id as string;
    expect((await client.chat.postMessage({ channel: general, text: 'fits', blocks: sections(4, 3000) })).ok).toBe(true);
    expect(await slackError(client.chat.postMessage({ channel: general, text: 'too long', blocks: [...sections(4, 3000), ...sections(1, 1)] }))).toBe('msg_blocks_too_long');
    const posted = (await client.chat.postMessage({ channel: general, text: 'short' })).ts as string;
    expect(await slackError(client.chat.update({ channel: general, ts: posted, text: 'too long', blocks: sections(5, 2500) }))).toBe('msg_blocks_too_long');
  });
});

describe('message metadata and conversations.history', () => {
  it('keeps chat.postMessage metadata and returns it from history when include_all_metadata is set', async () => {
    const channel = (await client.conversations.create({ name: 'inc-history' })).channel?.id as string;
    const metadata = { event_type: 'klaxon_effect', event_payload: { key: 'header:INC-1' } };
    const first = await client.chat.postMessage({ channel, text: 'header', metadata });
    await client.chat.postMessage({ channel, text: 'reply', thread_ts: first.ts as string });
    const second = await client.chat.postMessage({ channel, text: 'plain' });

    const all = await client.conversations.history({ channel, include_all_metadata: true });
    expect(all.messages?.map((m) => m.text)).toEqual(['plain', 'header']);
    expect(all.messages?.[1]).toMatchObject({ ts: first.ts, metadata });
    expect(all.messages?.[0]?.ts).toBe(second.ts);
    const bare = await client.conversations.history({ channel });
    expect(bare.messages?.[1]).not.toHaveProperty('metadata');

    const page = await client.conversations.history({ channel, limit: 1 });
    expect(page).toMatchObject({ has_more: true, messages: [{ text: 'plain' }] });
    const next = await client.conversations.history({ channel, limit: 1, cursor: page.response_metadata?.next_cursor as string });
    expect(next).toMatchObject({ has_more: false, messages: [{ text: 'header' }], response_metadata: { next_cursor: '' } });
    expect(await slackError(client.conversations.history({ channel, cursor: 'garbage' }))).toBe('invalid_cursor');
  });

  it('answers malformed metadata with invalid_metadata_format / invalid_metadata_schema', async () => {
    const general = (await client.conversations.create({ name: 'inc-metadata' })).channel?.id as string;
    const post = (metadata: string) =>
      rawCall(emulator, 'chat.postMessage', new URLSearchParams({ channel: general, text: 'x', metadata }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${BOT_TOKEN}`,
      });
    expect((await post('[1]')).json['error']).toBe('invalid_metadata_format');
    expect((await post(JSON.stringify({ event_payload: {} }))).json['error']).toBe('invalid_metadata_schema');
    expect((await post(JSON.stringify({ event_type: 't', event_payload: 'nope' }))).json['error']).toBe('invalid_metadata_schema');
  });
});
