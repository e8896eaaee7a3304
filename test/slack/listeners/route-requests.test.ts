// Commands, actions, view submissions, events and message shortcuts registered through routeRequests reach their
// handlers by name, through one middleware and no Bolt listener; what nobody registered for is not acknowledged.
import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { routeRequests } from '../../../src/slack/listeners/route-requests.js';

const receiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

const anApp = () => new App({ receiver, authorize: async () => ({ botToken: 'xoxb-route-test', botId: 'B1', botUserId: 'U0BOT' }), logger: silent });
const listenerCount = (app: App) => (app as unknown as { listeners: unknown[] }).listeners.length;

const click = (actionId: string) => ({
  type: 'block_actions',
  user: { id: 'U1', name: 'u1', team_id: 'T1' },
  team: { id: 'T1', domain: 't' },
  api_app_id: 'A1',
  token: 't',
  trigger_id: `trigger-${actionId}`,
  container: { type: 'message', message_ts: '1.0', channel_id: 'C1' },
  channel: { id: 'C1', name: 'c' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1.1', text: { type: 'plain_text', text: 'x' } }],
});

const submission = (callbackId: string) => ({
  type: 'view_submission',
  user: { id: 'U1', name: 'u1', team_id: 'T1' },
  team: { id: 'T1', domain: 't' },
  api_app_id: 'A1',
  token: 't',
  trigger_id: 'trigger-view',
  view: { id: 'V1', callback_id: callbackId, type: 'modal', state: { values: {} }, private_metadata: '', hash: 'h', team_id: 'T1', blocks: [] },
});

async function deliver(app: App, body: object): Promise<boolean> {
  let acked = false;
  await app.processEvent({ body, ack: async () => void (acked = true) });
  return acked;
}

describe('routeRequests', () => {
  it('sends each click to the handlers of its action_id only, without a Bolt listener', async () => {
    const app = anApp();
    const before = listenerCount(app);
    const routed = routeRequests(app);
    const seen: string[] = [];
    for (const id of ['approve', 'deny', 'run', 'toggle']) {
      routed.action(id, async ({ ack }) => {
        seen.push(id);
        await ack();
      });
    }
    routed.action('run', async () => void seen.push('run, second handler'));
    expect(listenerCount(app) - before).toBe(0);

    expect(await deliver(app, click('run'))).toBe(true);
    expect(seen).toEqual(['run', 'run, second handler']);
    // An action nobody registered is not acknowledged, as with no matching Bolt listener.
    expect(await deliver(app, click('unknown'))).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('sends view submissions by callback_id and commands by name', async () => {
    const app = anApp();
    const routed = routeRequests(app);
    const seen: string[] = [];
    routed.view('declare', async ({ ack }) => {
      seen.push('declare view');
      await ack();
    });
    routed.command('/incident', async ({ ack }) => {
      seen.push('command');
      await ack();
    });
    expect(await deliver(app, submission('declare'))).toBe(true);
    expect(await deliver(app, submission('close'))).toBe(false);
    expect(await deliver(app, { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't' })).toBe(true);
    expect(await deliver(app, { command: '/other', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't2' })).toBe(false);
    expect(seen).toEqual(['declare view', 'command']);
  });

  it('sends events by type and message shortcuts by callback_id', async () => {
    const app = anApp();
    const routed = routeRequests(app);
    const seen: string[] = [];
    routed.event('reaction_added', async ({ event }) => void seen.push(`reaction ${event.reaction}`));
    routed.shortcut({ callback_id: 'declare_from_message', type: 'message_action' }, async ({ ack }) => {
      seen.push('shortcut');
      await ack();
    });
    const event = (type: string, extra: object) => ({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `Ev${type}`, event_time: 1, event: { type, user: 'U1', ...extra } });
    // Bolt acknowledges events itself, before any middleware: what shows routing is the handler running.
    await deliver(app, event('reaction_added', { reaction: 'eyes', item: { type: 'message', channel: 'C1', ts: '1.0' }, event_ts: '1.1' }));
    await deliver(app, event('reaction_removed', { reaction: 'eyes', item: { type: 'message', channel: 'C1', ts: '1.0' }, event_ts: '1.2' }));
    const shortcut = (callbackId: string) => ({ type: 'message_action', callback_id: callbackId, trigger_id: 't', user: { id: 'U1', name: 'u1' }, team: { id: 'T1', domain: 't' }, channel: { id: 'C1', name: 'c' }, message: { type: 'message', ts: '1.0', text: 'x' }, response_url: 'https://hooks.slack.invalid/x', message_ts: '1.0', token: 't', action_ts: '1.3' });
    expect(await deliver(app, shortcut('declare_from_message'))).toBe(true);
    expect(await deliver(app, shortcut('another'))).toBe(false);
    expect(seen).toEqual(['reaction eyes', 'shortcut']);
  });

  it('runs its steps in order before any handler, inside around, and stops at a step that answers false', async () => {
    const app = anApp();
    const seen: string[] = [];
    const routed = routeRequests(app, {
      around: async (_args, handle) => {
        seen.push('around: start');
        await handle();
        seen.push('around: end');
      },
      steps: [
        async ({ body }) => (seen.push('first step'), (body as { text?: string }).text !== 'stop'),
        ({ body }) => (seen.push('second step'), Boolean(body)),
      ],
    });
    routed.command('/incident', async ({ ack }) => {
      seen.push('handler');
      await ack();
    });
    const command = (text: string) => ({ command: '/incident', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: `t-${text}` });
    expect(await deliver(app, command('help'))).toBe(true);
    expect(seen).toEqual(['around: start', 'first step', 'second step', 'handler', 'around: end']);
    seen.length = 0;
    expect(await deliver(app, command('stop'))).toBe(false);
    expect(seen).toEqual(['around: start', 'first step', 'around: end']);
  });

  it('runs middleware registered before it, and its handlers see what that middleware set', async () => {
    const app = anApp();
    app.use(async ({ context, next }) => {
      context['receivedAt'] = 42;
      await next();
    });
    const routed = routeRequests(app);
    let seenAt: unknown;
    routed.command('/incident', async ({ ack, context }) => {
      seenAt = context['receivedAt'];
      await ack();
    });
    expect(await deliver(app, { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't3' })).toBe(true);
    expect(seenAt).toBe(42);
  });

  it('refuses a constraint it cannot route by id, at registration', () => {
    const routed = routeRequests(anApp());
    expect(() => routed.action({ action_id: /run-.*/ }, async () => undefined)).toThrow(/by its name/);
    expect(() => routed.shortcut({ callback_id: 'x', type: 'shortcut' }, async () => undefined)).toThrow(/message_action/);
  });
});
