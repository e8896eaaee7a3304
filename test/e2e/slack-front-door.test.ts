// What reaches Bolt: only a path spelled exactly as a route, a timestamp inside the window in both directions
// (whatever spelling the router would accept), and a signed body shaped like Slack's. Real bot, real Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignatureHeaders } from '../../src/sandbox/emulator/slack-signature.js';
import { eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { rawRequest } from '../support/raw-request.js';

const FORM = 'application/x-www-form-urlencoded';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the Slack front door', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon();
    await eventually(() => k.emulator.calls('auth.test').length > 0, 'the start-up auth.test');
  });
  afterAll(async () => k?.stop());

  const declareBody = (title: string, triggerId: string) =>
    new URLSearchParams({
      team_id: 'T0KLAXON', channel_id: k.general, user_id: USERS.l1, command: '/incident', text: `declare critical ${title}`,
      response_url: `${k.emulator.url}/respond/00`, trigger_id: triggerId,
    }).toString();

  const signed = (path: string, body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)) =>
    rawRequest(k.bot.url, path, { method: 'POST', headers: { 'content-type': contentType, ...slackSignatureHeaders(SIGNING_SECRET, body, timestamp) }, body });

  it.each(['/./slack/events', '/slack/../slack/events', '/%2e/slack/events', '//slack/events', '/slack/events/', '/slack/%65vents'])(
    'refuses %s signed an hour ahead and declares nothing',
    async (path) => {
      const channels = k.emulator.channels().length;
      const answer = await signed(path, declareBody(`Future via ${path}`, `${Date.now()}.future`), FORM, Math.floor(Date.now() / 1000) + 3600);
      expect([401, 404]).toContain(answer.status);
      await pause(200);
      expect(await k.bot.services.store.listOpen()).toEqual([]);
      expect(k.emulator.channels().length).toBe(channels);
    },
  );

  it('refuses the canonical path signed an hour ahead, and serves other routes only as spelled', async () => {
    const future = await signed('/slack/events', declareBody('Future', `${Date.now()}.f`), FORM, Math.floor(Date.now() / 1000) + 3600);
    expect(future.status).toBe(401);
    expect((await rawRequest(k.bot.url, '/healthz')).status).toBe(200);
    expect((await rawRequest(k.bot.url, '/./healthz')).status).toBe(404);
    expect((await rawRequest(k.bot.url, '/alerts/../healthz')).status).toBe(404);
  });

  it.each([
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"x"', 'application/json'],
    ['a JSON object without a type', '{"event":{}}', 'application/json'],
    ['payload=null', 'payload=null', FORM],
    ['a payload array', 'payload=%5B%5D', FORM],
    ['two payloads', 'payload=%7B%22type%22%3A%22x%22%7D&payload=%7B%7D', FORM],
    ['a form with neither payload nor command', 'text=hello', FORM],
    ['a form that is not a form', 'not json at all', 'application/json'],
  ])('answers a signed body of %s with 400 and keeps serving', async (_name, body, contentType) => {
    const answer = await signed('/slack/events', body, contentType);
    expect(answer.status).toBe(400);
    expect((await rawRequest(k.bot.url, '/healthz')).status).toBe(200);
    const help = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
    expect(help.status).toBe(200);
    expect(help.body).toContain('/incident');
  });

  it('refuses a request without a timestamp before reading its body', async () => {
    const answer = await rawRequest(k.bot.url, '/slack/events', { method: 'POST', headers: { 'content-type': FORM, 'x-slack-signature': 'v0=00' }, body: 'command=%2Fincident' });
    expect(answer.status).toBe(401);
  });
});
