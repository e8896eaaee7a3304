import { App, type HTTPReceiver } from '@slack/bolt';
import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../src/sandbox/emulator/slack-signature.js';
import { createReceiver, isFutureTimestamp } from '../../src/slack/receiver.js';

const NOW = Date.UTC(2026, 2, 10, 0, 40);
const nowS = Math.floor(NOW / 1000);

describe('isFutureTimestamp', () => {
  it('refuses more than 300 s ahead and accepts up to 300 s', () => {
    expect(isFutureTimestamp(String(nowS + 301), NOW)).toBe(true);
    expect(isFutureTimestamp(String(nowS + 300), NOW)).toBe(false);
    expect(isFutureTimestamp(String(nowS - 301), NOW)).toBe(false);
    expect(isFutureTimestamp([String(nowS + 3600), String(nowS)], NOW)).toBe(true);
  });

  it('leaves missing and malformed timestamps to the signature check', () => {
    expect(isFutureTimestamp(undefined, NOW)).toBe(false);
    expect(isFutureTimestamp('soon', NOW)).toBe(false);
    expect(isFutureTimestamp('', NOW)).toBe(false);
  });
});

describe('createReceiver over HTTP', () => {
  const secret = 'receiver-test-secret';
  const seen: string[] = [];
  // What the front door reported as signed, and whether each listener ran after that report.
  const signed: string[] = [];
  const signedBeforeListener: boolean[] = [];
  // When each command arrived, as the listener was told, and when the listener ran.
  const arrivals = new Map<string, { readonly receivedAt: unknown; readonly listenedAt: number }>();
  let app: App;
  let url: string;

  beforeAll(async () => {
    const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error', setName() {} } as never;
    const receiver: HTTPReceiver = createReceiver({
      signingSecret: secret,
      logger: silent,
      now: Date.now,
      signed: (body) => void signed.push(String(body['text'])),
      routes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.writeHead(200).end('ok') }],
    });
    // No Web API here: authorize locally instead of asking auth.test.
    app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-receiver-test', botId: 'B1', botUserId: 'U0BOT' }), logger: silent });
    app.command('/incident', async ({ command, ack, context }) => {
      seen.push(command.text);
      arrivals.set(command.text, { receivedAt: context['receivedAt'], listenedAt: Date.now() });
      if (command.text === 'too late') return; // answered by nobody: what is left of Slack's 3 s decides
      signedBeforeListener.push(signed.includes(command.text));
      await ack({ response_type: 'ephemeral', text: `got ${command.text}` });
    });
    const server = (await app.start(0)) as unknown as Server;
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => app?.stop());

  const send = (text: string, timestamp: number, signWith = secret, path = '/slack/events') => {
    const body = new URLSearchParams({ command: '/incident', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: `${timestamp}.${text}` }).toString();
    return fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(signWith, body, timestamp) },
      body,
    });
  };

  it('dispatches a correctly signed, current request', async () => {
    const answer = await send('help', Math.floor(Date.now() / 1000));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('got help');
    // The replay claim starts from this report, before Bolt runs any listener.
    expect(signed).toContain('help');
    expect(signedBeforeListener).toEqual([true]);
  });

  it.each([
    ['forged', () => send('forged', Math.floor(Date.now() / 1000), 'another-secret')],
    ['stale', () => send('stale', Math.floor(Date.now() / 1000) - 301)],
    // Past the window by a margin: a loaded machine may read the request in a later second than it was signed in,
    // which takes a +301 s request back inside the window (the exact edge is tested above, on a fixed clock).
    ['future', () => send('future', Math.floor(Date.now() / 1000) + 310)],
  ])('answers 401 to a %s request and never reaches a listener', async (name, request) => {
    const answer = await request();
    expect(answer.status).toBe(401);
    expect(seen).not.toContain(name);
    expect(signed).not.toContain(name);
  });

  // The head first, the body `afterMs` later: a slow client, or a request the machine was slow to read.
  const sendSlowly = (text: string, afterMs: number): Promise<{ readonly status: number; readonly at: number }> => {
    const body = new URLSearchParams({ command: '/incident', text, user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: `slow.${text}` }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...slackSignatureHeaders(secret, body, Math.floor(Date.now() / 1000)) };
    return new Promise((resolve, reject) => {
      const req = request(`${url}/slack/events`, { method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, at: Date.now() }));
      });
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => req.end(body), afterMs);
    });
  };

  it('counts a request from its arrival, not from when its body was in', async () => {
    const sent = Date.now();
    const answer = await sendSlowly('slow body', 1_200);
    expect(answer.status).toBe(200);
    const seenBy = arrivals.get('slow body');
    expect(seenBy?.listenedAt).toBeGreaterThanOrEqual(sent + 1_200);
    expect(seenBy?.receivedAt).toBeGreaterThanOrEqual(sent);
    expect(seenBy?.receivedAt).toBeLessThan(sent + 1_000);
  });

  it('gives an unanswered request what is left of Slack\'s 3 s after its body came in, not 3 s more', { timeout: 10_000 }, async () => {
    const sent = Date.now();
    const answer = await sendSlowly('too late', 2_000);
    // Bolt's 404 for an unanswered request, about a second after the body: not three.
    expect(answer.status).toBe(404);
    expect(answer.at - sent).toBeLessThan(4_500);
    expect(answer.at - sent).toBeGreaterThanOrEqual(2_900);
  });

  it('refuses an unsigned request', async () => {
    const answer = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(answer.status).toBe(401);
  });

  it('serves klaxon routes on the same port', async () => {
    const answer = await fetch(`${url}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('ok');
  });
});
