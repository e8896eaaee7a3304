import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../../../src/sandbox/emulator/slack-emulator.js';
import { slackError, startEmulator } from '../emulator-fixture.js';

let emulator: SlackEmulator;
let client: WebClient;
let channel: string;
beforeAll(async () => {
  ({ emulator, client } = await startEmulator());
  channel = (await client.conversations.create({ name: 'pins-test' })).channel?.id ?? '';
});
afterAll(async () => emulator.close());

describe('pins.add', () => {
  it('pins once, then answers already_pinned', async () => {
    const { ts } = await client.chat.postMessage({ channel, text: 'pin me' });
    await client.pins.add({ channel, timestamp: ts ?? '' });
    expect(emulator.channel(channel)?.pins).toEqual([ts]);
    expect(await slackError(client.pins.add({ channel, timestamp: ts ?? '' }))).toBe('already_pinned');
    expect(await slackError(client.pins.add({ channel, timestamp: '1.000001' }))).toBe('message_not_found');
  });
});

describe('reactions.add / reactions.get', () => {
  it('adds a reaction once and reads it back', async () => {
    const { ts } = await client.chat.postMessage({ channel, text: 'react' });
    await client.reactions.add({ channel, timestamp: ts ?? '', name: 'white_check_mark' });
    expect(await slackError(client.reactions.add({ channel, timestamp: ts ?? '', name: 'white_check_mark' }))).toBe('already_reacted');
    expect(await slackError(client.reactions.add({ channel, timestamp: ts ?? '', name: 'not valid!' }))).toBe('invalid_name');
    expect(await slackError(client.reactions.add({ channel, timestamp: '1.000001', name: 'eyes' }))).toBe('message_not_found');
    const got = await client.reactions.get({ channel, timestamp: ts ?? '' });
    expect(got.message?.reactions).toEqual([{ name: 'white_check_mark', users: ['U0KLAXONBOT'], count: 1 }]);
  });
});
