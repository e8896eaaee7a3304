import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
beforeAll(async () => ({ emulator, client } = await startEmulator()));
afterAll(async () => emulator.close());

describe('users.info', () => {
  it('describes the demo responders with a time zone', async () => {
    const { user } = await client.users.info({ user: 'U0L2SYS' });
    expect(user).toMatchObject({ id: 'U0L2SYS', tz: 'Asia/Tokyo', tz_offset: 32_400, is_bot: false, profile: { title: 'システム管理者' } });
    expect(await slackError(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('answers names as Slack does: the chosen display name (or "" when none), and the full name', async () => {
    const custom = await startEmulator({ users: [{ id: 'U0A', name: 'a.ito', realName: 'Ito Ken', displayName: '' }, { id: 'U0B', name: 'b.sato', realName: 'Sato Hanako', displayName: '佐藤' }] });
    try {
      expect((await custom.client.users.info({ user: 'U0A' })).user).toMatchObject({ name: 'a.ito', real_name: 'Ito Ken', profile: { display_name: '', display_name_normalized: '', real_name: 'Ito Ken', real_name_normalized: 'Ito Ken' } });
      expect((await custom.client.users.info({ user: 'U0B' })).user?.profile).toMatchObject({ display_name: '佐藤', real_name: 'Sato Hanako' });
    } finally {
      await custom.emulator.close();
    }
  });
});

describe('users.list', () => {
  it('pages through the members with a cursor, as Slack does', async () => {
    const first = await client.users.list({ limit: 3 });
    expect(first.members?.map((m) => m.id)).toEqual(['U0L1OPS', 'U0L2SYS', 'U0L3DEV']);
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(cursor).not.toBe('');
    const rest = await client.users.list({ limit: 3, cursor });
    expect(rest.members?.[0]).toMatchObject({ id: 'U0STAKE', name: 'pm.yamada', real_name: 'Yamada (stakeholder)' });
    const ids = [...(first.members ?? []), ...(rest.members ?? [])].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rest.response_metadata?.next_cursor).toBe('');
    expect(await slackError(client.users.list({ cursor: 'bm90LWEtY3Vyc29y' }))).toBe('invalid_cursor');
  });
});

describe('usergroups', () => {
  it('lists the L1/L2/L3 groups and their members', async () => {
    const { usergroups } = await client.usergroups.list({ include_users: true });
    expect(usergroups?.map((g) => [g.id, g.users])).toEqual([
      ['S0L1', ['U0L1OPS']],
      ['S0L2', ['U0L2SYS']],
      ['S0L3', ['U0L3DEV']],
    ]);
    expect((await client.usergroups.users.list({ usergroup: 'S0L3' })).users).toEqual(['U0L3DEV']);
    expect(await slackError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).toBe('no_such_subteam');
  });

  it('takes users and groups from the options', async () => {
    const custom = await startEmulator({
      users: [{ id: 'U0A', name: 'a', realName: 'A' }],
      usergroups: [{ id: 'S0X', handle: 'x', name: 'X', users: ['U0A'] }],
    });
    try {
      expect((await custom.client.usergroups.users.list({ usergroup: 'S0X' })).users).toEqual(['U0A']);
      expect(await slackError(custom.client.users.info({ user: 'U0L1OPS' }))).toBe('user_not_found');
    } finally {
      await custom.emulator.close();
    }
  });
});
