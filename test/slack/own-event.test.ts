import { describe, expect, it } from 'vitest';
import { isOwnEvent } from '../../src/slack/own-event.js';

const bot = { botId: 'B0KLAXON', botUserId: 'U0KLAXONBOT' };
const event = (fields: Record<string, unknown>) => ({ type: 'event_callback', event_id: 'Ev1', event: fields });

// The cases Bolt's ignoreSelf middleware (builtin.js) decides, which this step replaces.
describe('isOwnEvent', () => {
  it.each([
    ['the bot’s own message', event({ type: 'message', subtype: 'bot_message', bot_id: 'B0KLAXON', text: 'hi' }), true],
    ['another bot’s message', event({ type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER', text: 'hi' }), false],
    ['a person’s message', event({ type: 'message', user: 'U0L1', text: 'hi' }), false],
    ['a message by the bot user without the bot_message subtype', event({ type: 'message', user: 'U0KLAXONBOT', text: 'hi' }), true],
    ['the bot’s own 📌', event({ type: 'reaction_added', user: 'U0KLAXONBOT', reaction: 'pushpin' }), true],
    ['a person’s 📌', event({ type: 'reaction_added', user: 'U0L1', reaction: 'pushpin' }), false],
    ['the bot opening its own Home', event({ type: 'app_home_opened', user: 'U0KLAXONBOT' }), true],
    ['the bot joining a channel (kept, as Bolt keeps it)', event({ type: 'member_joined_channel', user: 'U0KLAXONBOT', channel: 'C1' }), false],
    ['the bot leaving a channel (kept)', event({ type: 'member_left_channel', user: 'U0KLAXONBOT', channel: 'C1' }), false],
    ['an event with no user', event({ type: 'channel_created', channel: { id: 'C1' } }), false],
    ['a slash command', { command: '/incident', user_id: 'U0KLAXONBOT', text: 'help' }, false],
    ['a click by the bot user id (not an event)', { type: 'block_actions', user: { id: 'U0KLAXONBOT' } }, false],
    ['no body', undefined, false],
  ])('%s → %s', (_name, body, own) => {
    expect(isOwnEvent(body, bot)).toBe(own);
  });

  it('without a bot user id, only the bot’s own messages are dropped', () => {
    expect(isOwnEvent(event({ type: 'reaction_added', user: 'U0KLAXONBOT' }), { botId: 'B0KLAXON' })).toBe(false);
    expect(isOwnEvent(event({ type: 'message', subtype: 'bot_message', bot_id: 'B0KLAXON' }), { botId: 'B0KLAXON' })).toBe(true);
  });
});
