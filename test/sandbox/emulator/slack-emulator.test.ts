import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { eventually, startBoltApp } from './bolt-fixture.js';
import { SIGNING_SECRET, startEmulator } from './emulator-fixture.js';

let emulator: SlackEmulator;
let bot: { app: App; stop: () => Promise<void> };
const seen: { kind: string; body: Record<string, unknown>; retryNum?: number; at?: number }[] = [];

beforeAll(async () => {
  ({ emulator } = await startEmulator());
  bot = await startBoltApp(emulator, (app) => {
    app.command('/incident', async ({ command, ack, client, respond }) => {
      await ack();
      seen.push({ kind: 'command', body: command as unknown as Record<string, unknown>, at: performance.timeOrigin + performance.now() });
      if (command.text === 'hello') {
        await client.chat.postMessage({
          channel: command.channel_id,
          text: 'Hello',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Hello *world*' } },
            { type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'wave', text: { type: 'plain_text', text: 'Wave' }, value: 'w1' }] },
          ],
        });
      } else if (command.text === 'ack-text') {
        return;
      } else {
        await respond({ text: `usage: ${command.text}` });
      }
    });
    app.action('wave', async ({ ack, body, client, respond }) => {
      await ack();
      seen.push({ kind: 'action', body: body as unknown as Record<string, unknown> });
      const b = body as { channel?: { id: string }; message?: { ts: string } };
      if (b.message) await client.chat.update({ channel: b.channel?.id ?? '', ts: b.message.ts, text: 'Waved', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Waved back' } }] });
      else await respond({ replace_original: true, text: 'ephemeral replaced' });
    });
    app.action('pick', async ({ ack, body }) => {
      await ack();
      seen.push({ kind: 'select', body: body as unknown as Record<string, unknown> });
    });
    app.event('reaction_added', async ({ event, context }) => {
      seen.push({ kind: 'reaction', body: event as unknown as Record<string, unknown>, ...(context.retryNum !== undefined ? { retryNum: context.retryNum } : {}) });
    });
  });
});
afterAll(async () => {
  await bot.stop();
  await emulator.close();
});

const general = () => emulator.channel('general')?.id ?? '';

describe('driving a real Bolt app', () => {
  it('sends a signed slash command that Bolt acks with 200, and records the bot calls', async () => {
    const answer = await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'hello' });
    expect(answer.status).toBe(200);
    const message = await eventually(() => {
      const found = emulator.messages(general()).find((m) => m.text === 'Hello');
      if (!found) throw new Error('not posted yet');
      return found;
    });
    const command = seen.find((s) => s.kind === 'command')?.body;
    expect(command).toMatchObject({ user_id: 'U0L1OPS', channel_id: general(), command: '/incident', text: 'hello' });
    expect(String(command?.['response_url'])).toMatch(new RegExp(`^${emulator.url}/respond/`));
    expect(emulator.calls().map((c) => c.method)).toEqual(expect.arrayContaining(['auth.test', 'chat.postMessage']));

    const click = await emulator.clickButton({ userId: 'U0L2SYS', channelId: general(), messageTs: message.ts, actionId: 'wave' });
    expect(click.status).toBe(200);
    await eventually(() => expect(emulator.messages(general()).find((m) => m.ts === message.ts)?.text).toBe('Waved'));
    const action = seen.find((s) => s.kind === 'action')?.body as { actions: { value: string; block_id: string; type: string }[]; user: { id: string }; trigger_id: string };
    expect(action.actions[0]).toMatchObject({ type: 'button', value: 'w1', block_id: 'acts' });
    expect(action.user.id).toBe('U0L2SYS');
    expect(action.trigger_id).toMatch(/^\d+\.\w+\.[0-9a-f]+$/);
  });

  it('says when the signed request left: after the call began, before the bot had it', async () => {
    const before = performance.timeOrigin + performance.now();
    const answer = await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'ack-text' });
    const handled = [...seen].reverse().find((s) => s.kind === 'command' && s.body['text'] === 'ack-text')?.at;
    expect(answer.sentAt).toBeGreaterThanOrEqual(before);
    expect(answer.sentAt).toBeLessThanOrEqual(handled ?? Number.NEGATIVE_INFINITY);
  });

  it('sends the command text escaped as Slack does for should_escape, with mentions linked', async () => {
    await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general(), text: 'ack-text DB <down> & @dev.tanaka' });
    const command = await eventually(() => {
      const found = seen.find((s) => s.kind === 'command' && String(s.body['text']).startsWith('ack-text DB'));
      if (!found) throw new Error('not received yet');
      return found.body;
    });
    expect(command['text']).toBe('ack-text DB &lt;down&gt; &amp; <@U0L3DEV|dev.tanaka>');
  });

  it('turns a respond() into an ephemeral for the user who typed the command', async () => {
    await emulator.slashCommand({ userId: 'U0L3DEV', channelId: general(), text: 'bogus' });
    await eventually(() => expect(emulator.ephemerals(general(), 'U0L3DEV').map((e) => e.text)).toContain('usage: bogus'));
    expect(emulator.ephemerals(general(), 'U0L1OPS').map((e) => e.text)).not.toContain('usage: bogus');
  });

  it('lets a click on an ephemeral replace it through the response_url', async () => {
    const ephemeral = emulator.ephemerals(general(), 'U0L3DEV').find((e) => e.text === 'usage: bogus');
    expect(ephemeral).toBeDefined();
    ephemeral!.blocks = [{ type: 'actions', elements: [{ type: 'button', action_id: 'wave', text: { type: 'plain_text', text: 'Wave' } }] }];
    await emulator.clickButton({ userId: 'U0L3DEV', channelId: general(), messageTs: ephemeral!.ts, actionId: 'wave' });
    await eventually(() => expect(ephemeral!.text).toBe('ephemeral replaced'));
  });

  it('sends the chosen option of a static_select', async () => {
    const posted = emulator.messages(general()).at(-1)!;
    posted.blocks = [{ type: 'actions', block_id: 'sel', elements: [{ type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'High' }, value: 'high' }] }] }];
    const answer = await emulator.selectOption({ userId: 'U0L1OPS', channelId: general(), messageTs: posted.ts, actionId: 'pick', value: 'high' });
    expect(answer.status).toBe(200);
    const select = await eventually(() => seen.find((s) => s.kind === 'select')!.body as { actions: unknown[] });
    expect(select.actions[0]).toMatchObject({ type: 'static_select', selected_option: { value: 'high', text: { text: 'High' } } });
  });

  it('stores a reaction and delivers reaction_added, with retry headers when asked', async () => {
    const message = emulator.postUserMessage({ userId: 'U0L1OPS', channelId: general(), text: 'DB is back' });
    const answer = await emulator.addReaction({ userId: 'U0L2SYS', channelId: general(), ts: message.ts, name: 'pushpin' });
    expect(answer.status).toBe(200);
    expect(message.reactions).toEqual([{ name: 'pushpin', users: ['U0L2SYS'] }]);
    await eventually(() => expect(seen.find((s) => s.kind === 'reaction')?.body).toMatchObject({ reaction: 'pushpin', item: { ts: message.ts } }));
    await emulator.sendEvent({ type: 'reaction_added', user: 'U0L1OPS', reaction: 'eyes', item: { type: 'message', channel: general(), ts: message.ts } }, { eventId: 'Ev1', retryNum: 2, retryReason: 'http_timeout' });
    await eventually(() => expect(seen.find((s) => s.kind === 'reaction' && s.body['reaction'] === 'eyes')?.retryNum).toBe(2));
  });
});

describe('signatures', () => {
  const body = () => new URLSearchParams({ command: '/incident', text: 'ack-text', user_id: 'U0L1OPS', channel_id: general(), trigger_id: 't', response_url: 'http://127.0.0.1:9/none', team_id: 'T0KLAXON' }).toString();
  const form = 'application/x-www-form-urlencoded';

  it('is accepted when signed with the right secret', async () => {
    expect((await emulator.signedRequest(body(), form)).status).toBe(200);
  });

  it('gets 401 with a wrong secret or a stale timestamp', async () => {
    expect((await emulator.signedRequest(body(), form, { secret: `${SIGNING_SECRET}-wrong` })).status).toBe(401);
    expect((await emulator.signedRequest(body(), form, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
  });
});
