// Commands, actions, view submissions, events and message shortcuts registered through dispatchRequests reach their
// handlers by name, with no Bolt middleware or listener; what nobody registered for is not acknowledged; what
// Bolt's processEvent gave the handlers (authorization, context, respond, client, the error handler) is the same.
import { App, type Receiver } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { describe, expect, it } from 'vitest';
import { dispatchRequests, type RequestSteps } from '../../../src/slack/listeners/dispatch-requests.js';

const receiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

const anApp = (options: Partial<ConstructorParameters<typeof App>[0]> = {}) => new App({ receiver, authorize: async () => ({ botToken: 'xoxb-route-test', botId: 'B1', botUserId: 'U0BOT' }), logger: silent, ignoreSelf: false, convoStore: false, ...options });
const boltChains = (app: App) => {
  const bolt = app as unknown as { listeners: unknown[]; middleware: unknown[] };
  return bolt.listeners.length + bolt.middleware.length;
};
const routeRequests = (app: App, steps: Partial<RequestSteps> = {}) =>
  dispatchRequests(app, { now: () => 7, onError: async () => undefined, ...steps });

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

describe('dispatchRequests', () => {
  it('sends each click to the handlers of its action_id only, without a Bolt listener', async () => {
    const app = anApp();
    const before = boltChains(app);
    const routed = routeRequests(app);
    const seen: string[] = [];
    for (const id of ['approve', 'deny', 'run', 'toggle']) {
      routed.action(id, async ({ ack }) => {
        seen.push(id);
        await ack();
      });
    }
    routed.action('run', async () => void seen.push('run, second handler'));
    expect(boltChains(app) - before).toBe(0);

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

  it("gives handlers Bolt's authorization in a context with the arrival time, the workspace and the retry", async () => {
    const app = anApp();
    const routed = routeRequests(app);
    let seen: Record<string, unknown> = {};
    routed.command('/incident', async ({ ack, context }) => {
      seen = { ...context };
      await ack();
    });
    const body = { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't3' };
    await app.processEvent({ body, ack: async () => undefined, retryNum: 1, retryReason: 'http_timeout', customProperties: { receivedAt: 42 } });
    expect(seen).toEqual({ botToken: 'xoxb-route-test', botId: 'B1', botUserId: 'U0BOT', teamId: 'T1', isEnterpriseInstall: false, retryNum: 1, retryReason: 'http_timeout', receivedAt: 42 });
    // Over Socket Mode no arrival time comes with the request: it is stamped when handed over.
    await app.processEvent({ body: { ...body, trigger_id: 't4' }, ack: async () => undefined });
    expect(seen['receivedAt']).toBe(7);
  });

  it('answers an event before anything runs, and its handlers get no ack', async () => {
    const app = anApp();
    const order: string[] = [];
    const routed = routeRequests(app, { steps: [() => (order.push('step'), true)] });
    routed.event('app_home_opened', async (args) => void order.push(`handler, ack ${typeof (args as { ack?: unknown }).ack}`));
    const body = { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'Ev1', event_time: 1, event: { type: 'app_home_opened', user: 'U1', tab: 'home', channel: 'D1' } };
    await app.processEvent({ body, ack: async () => void order.push('acked') });
    expect(order).toEqual(['acked', 'step', 'handler, ack undefined']);
  });

  it("gives a request with a response_url Bolt's respond, through the app's fetch, and one without none", async () => {
    const posted: { url: string; body: unknown }[] = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      posted.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(null, { status: url.toString().endsWith('/gone') ? 404 : 200 });
    };
    const app = anApp({ clientOptions: { fetch } });
    const routed = routeRequests(app);
    const outcomes: string[] = [];
    routed.action('run', async ({ ack, respond }) => {
      await ack();
      if (!respond) return void outcomes.push('no respond');
      await respond('done').then(
        () => outcomes.push('responded'),
        (error: Error) => outcomes.push(error.message),
      );
    });
    await deliver(app, { ...click('run'), response_url: 'https://hooks.slack.invalid/ok' });
    await deliver(app, { ...click('run'), response_url: 'https://hooks.slack.invalid/gone' });
    await deliver(app, click('run'));
    expect(outcomes).toEqual(['responded', 'Failed to respond to the response_url: 404 ', 'no respond']);
    expect(posted).toEqual([
      { url: 'https://hooks.slack.invalid/ok', body: { text: 'done' } },
      { url: 'https://hooks.slack.invalid/gone', body: { text: 'done' } },
    ]);
  });

  it('gives handlers one client per workspace that knows its team, and the app client when the team is unknown', async () => {
    const app = anApp();
    const routed = routeRequests(app);
    const clients: { teamId?: string }[] = [];
    routed.action('run', async ({ ack, client }) => {
      clients.push(client as unknown as { teamId?: string });
      await ack();
    });
    await deliver(app, click('run'));
    await deliver(app, click('run'));
    await deliver(app, { ...click('run'), team: { id: 'T2', domain: 'u' } });
    await deliver(app, { ...click('run'), team: null, user: { id: 'U1', name: 'u1' } });
    expect(clients.map((client) => client.teamId)).toEqual(['T1', 'T1', 'T2', undefined]);
    expect(clients[0]).toBe(clients[1]);
    expect(clients[3]).toBe(app.client);
  });

  it("hands a handler's failure to the error handler as Bolt does, and what that throws is the request's failure", async () => {
    const app = anApp();
    const handled: ExtendedErrorHandlerArgs[] = [];
    const routed = routeRequests(app, {
      onError: async (args) => {
        handled.push(args);
        if ((args.body as { text?: string }).text === 'rethrow') throw args.error;
      },
    });
    const boom = new Error('boom');
    routed.command('/incident', async () => {
      throw boom;
    });
    const command = (text: string) => ({ command: '/incident', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: `t-${text}` });
    await app.processEvent({ body: command('quiet'), ack: async () => undefined });
    expect(handled[0]?.error).toMatchObject({ code: 'slack_bolt_unknown_error', original: boom });
    expect(handled[0]?.context).toMatchObject({ botId: 'B1', teamId: 'T1' });
    await expect(app.processEvent({ body: command('rethrow'), ack: async () => undefined })).rejects.toMatchObject({ original: boom });
  });

  it('reports a failed authorization and acknowledges the request without running anything', async () => {
    const app = anApp({ authorize: async () => Promise.reject(new Error('invalid_auth')) });
    const handled: ExtendedErrorHandlerArgs[] = [];
    const ran: string[] = [];
    const routed = routeRequests(app, { onError: async (args) => void handled.push(args), steps: [() => (ran.push('step'), true)] });
    routed.command('/incident', async () => void ran.push('handler'));
    const acked = await deliver(app, { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: 't5' });
    expect(acked).toBe(true);
    expect(ran).toEqual([]);
    expect(handled[0]?.error).toMatchObject({ code: 'slack_bolt_authorization_error', message: 'Authorization of incoming event did not succeed. invalid_auth' });
  });

  it('leaves a body of no known type alone: no step, no answer', async () => {
    const app = anApp();
    const ran: string[] = [];
    routeRequests(app, { steps: [() => (ran.push('step'), true)] });
    expect(await deliver(app, { type: 'something_new', token: 't' })).toBe(false);
    expect(ran).toEqual([]);
  });

  it('runs steps for a kind klaxon routes nothing of (a select menu asking for options), and leaves it unanswered', async () => {
    const app = anApp();
    const ran: string[] = [];
    routeRequests(app, { steps: [() => (ran.push('step'), true)] });
    expect(await deliver(app, { type: 'block_suggestion', action_id: 'a', block_id: 'b', value: 'x', team: { id: 'T1', domain: 't' }, user: { id: 'U1', name: 'u1' }, token: 't' })).toBe(false);
    expect(ran).toEqual(['step']);
  });

  it("runs an app's uninstall without asking for authorization, as Bolt does", async () => {
    const app = anApp({ authorize: async () => Promise.reject(new Error('token_revoked')) });
    const seen: unknown[] = [];
    const routed = routeRequests(app);
    routed.event('app_uninstalled', async ({ context }) => void seen.push(context.botToken));
    await deliver(app, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'Ev9', event_time: 1, event: { type: 'app_uninstalled' } });
    expect(seen).toEqual([undefined]);
  });

  it("refuses an app holding Bolt middleware, and Bolt's ways to register once it dispatches", () => {
    expect(() => routeRequests(anApp({ ignoreSelf: true }))).toThrow(/would never run/);
    const app = anApp();
    routeRequests(app);
    expect(() => app.use(async ({ next }) => next())).toThrow(/app\.use\(\) would never run/);
    expect(() => app.action('run', async () => undefined)).toThrow(/register through dispatchRequests/);
    expect(() => app.error(async () => undefined)).toThrow(/app\.error\(\)/);
  });

  it('refuses a constraint it cannot route by id, at registration', () => {
    const routed = routeRequests(anApp());
    expect(() => routed.action({ action_id: /run-.*/ } as never, async () => undefined)).toThrow(/by its name/);
    expect(() => routed.shortcut({ callback_id: 'x', type: 'shortcut' } as never, async () => undefined)).toThrow(/message_action/);
  });
});
