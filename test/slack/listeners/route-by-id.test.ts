// Actions and view submissions registered through routeById reach their handlers by id, through one Bolt
// listener each, and everything else registered through it is the app's own.
import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { routeById } from '../../../src/slack/listeners/route-by-id.js';

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

describe('routeById', () => {
  it('sends each click to the handlers of its action_id only, through a single Bolt listener', async () => {
    const app = anApp();
    const before = listenerCount(app);
    const routed = routeById(app);
    const seen: string[] = [];
    for (const id of ['approve', 'deny', 'run', 'toggle']) {
      routed.action(id, async ({ ack }) => {
        seen.push(id);
        await ack();
      });
    }
    routed.action('run', async () => void seen.push('run, second handler'));
    expect(listenerCount(app) - before).toBe(2); // one for block actions, one for view submissions

    expect(await deliver(app, click('run'))).toBe(true);
    expect(seen).toEqual(['run', 'run, second handler']);
    // An action nobody registered is not acknowledged, as with no matching Bolt listener.
    expect(await deliver(app, click('unknown'))).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('sends view submissions by callback_id, and leaves commands to the app', async () => {
    const app = anApp();
    const routed = routeById(app);
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
    expect(seen).toEqual(['declare view', 'command']);
  });

  it('refuses a constraint it cannot route by id, at registration', () => {
    const routed = routeById(anApp());
    expect(() => routed.action({ action_id: /run-.*/ }, async () => undefined)).toThrow(/action_id/);
  });
});
