// Socket Mode end to end: the bot started with SLACK_APP_TOKEN and no signing secret opens its WebSocket
// through apps.connections.open; commands, clicks and events reach it over that socket and are acked there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, checklistBlockId } from '../../src/slack/ids.js';
import { createSlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import { HELLO_WAIT_MS } from '../../src/slack/socket-connection.js';
import { APP_TOKEN, BOT_TOKEN, eventually, SIGNING_SECRET, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

type Block = { block_id?: string; text?: { text?: string } };

describe('Socket Mode', () => {
  let k: Klaxon;
  beforeAll(async () => {
    k = await startKlaxon({ socketMode: true });
  });
  afterAll(async () => {
    const rejected = k?.emulator.calls().filter((c) => c.error === 'invalid_blocks' || c.error === 'no_text') ?? [];
    await k?.stop();
    expect(rejected.map((c) => `${c.method}: ${c.error}`)).toEqual([]);
  });

  it('connects with the app-level token and has no HTTP events endpoint to fall back on', () => {
    expect(k.config.slack.signingSecret).toBeUndefined();
    expect(k.emulator.socketMode.connected()).toBe(true);
    const opens = k.emulator.calls('apps.connections.open');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens.every((c) => c.ok)).toBe(true);
  });

  it('still serves /healthz and /metrics on its own port', async () => {
    expect(k.bot.port).toBeGreaterThan(0);
    const health = await fetch(`${k.bot.url}/healthz`);
    expect(health.status).toBe(200);
    // Issue 11, finding 8: the socket's state and how long ago Slack last sent anything on it.
    expect(await health.json()).toEqual({ ok: true, redis: 'up', socket: { state: 'connected', lastMessageAgeMs: expect.any(Number) } });
    expect((await fetch(`${k.bot.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${k.bot.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('declares over the socket, then ticks a checklist item clicked over the socket', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Socket mode outage' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/inc-\d+ declared/);
    const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    const commandAck = k.emulator.socketMode.acks().find((a) => a.type === 'slash_commands' && JSON.stringify(a.payload).includes(id));
    expect(commandAck).toBeDefined();

    const channel = await eventually(() => k.emulator.channels().find((c) => /^inc-\d{8}-\d{3}-socket-mode-outage$/.test(c.name)), 'the incident channel');
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(id);
      return all['checklist'] ? all : undefined;
    }, 'the checklist message');
    expect(links['channel']).toBe(channel.id);
    const checklistTs = links['checklist'] as string;
    const checklist = k.emulator.messages(channel.id).find((m) => m.ts === checklistTs);
    expect((checklist?.blocks as Block[] | undefined)?.some((b) => b.block_id === checklistBlockId('impact_assessed'))).toBe(true);

    const acksBefore = k.emulator.socketMode.acks().filter((a) => a.type === 'interactive').length;
    const click = await k.emulator.clickButton({
      userId: USERS.l2,
      channelId: channel.id,
      messageTs: checklistTs,
      actionId: ACTION.checklistToggle,
      blockId: checklistBlockId('impact_assessed'),
    });
    expect(click.status).toBe(200);
    expect(k.emulator.socketMode.acks().filter((a) => a.type === 'interactive')).toHaveLength(acksBefore + 1);

    const entry = await eventually(async () => {
      const stored = await k.bot.services.store.get(id);
      return stored?.checklist.impact_assessed.done ? stored.checklist.impact_assessed : undefined;
    }, 'the stored tick');
    expect(entry).toMatchObject({ done: true, by: USERS.l2 });
    await eventually(() => {
      const message = k.emulator.messages(channel.id).find((m) => m.ts === checklistTs);
      const block = (message?.blocks as Block[] | undefined)?.find((b) => b.block_id === checklistBlockId('impact_assessed'));
      return block?.text?.text?.includes(':white_check_mark:') && block.text.text.includes(`<@${USERS.l2}>`);
    }, 'the re-rendered checklist');
  });

  it('delivers an Events API envelope: a 📌 reaction puts the message on the timeline', async () => {
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare low Socket events' });
    const id = /(inc-\d+) declared/.exec(answer.body)?.[1] as string;
    const links = await eventually(async () => {
      const all = await k.bot.services.store.getLinks(id);
      return all['channel'] ? all : undefined;
    }, 'the incident channel');
    const channel = links['channel'] as string;
    const said = k.emulator.postUserMessage({ userId: USERS.l2, channelId: channel, text: 'queue depth is back to normal' });
    const reacted = await k.emulator.addReaction({ userId: USERS.l2, channelId: channel, ts: said.ts, name: 'pushpin' });
    expect(reacted.status).toBe(200);
    expect(k.emulator.socketMode.acks().some((a) => a.type === 'events_api')).toBe(true);
    const pinned = await eventually(async () => (await k.bot.services.store.timelineAll(id)).find((e) => e.type === 'pinned'), 'the pinned event');
    expect(pinned).toMatchObject({ type: 'pinned', text: 'queue depth is back to normal', author: USERS.l2, by: USERS.l2 });
  });
});

describe('Socket Mode when Slack recycles the connection (issue 11, finding 8)', () => {
  it('opens the new connection before the old one closes: no command is refused across a refresh', async () => {
    const k = await startKlaxon({ socketMode: true });
    try {
      const opened = k.emulator.calls('apps.connections.open').length;
      k.emulator.socketMode.requestReconnect('refresh_requested', 10_000);
      const answers: string[] = [];
      // Commands keep coming while the bot reconnects; a gap without a connection answers dispatch_failed.
      await eventually(async () => {
        const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
        answers.push(answer.status === 200 ? 'ok' : answer.body);
        return k.emulator.calls('apps.connections.open').length > opened && answers.length >= 5;
      }, 'the new connection', 20_000);
      expect(answers.filter((a) => a !== 'ok')).toEqual([]);
      const health = (await (await fetch(`${k.bot.url}/healthz`)).json()) as { socket: { state: string } };
      expect(health.socket.state).toBe('connected');
    } finally {
      await k.stop();
    }
  }, 40_000);

  it('acks a command Slack sends on the old connection while the new one is still connecting', async () => {
    const k = await startKlaxon({ socketMode: true });
    try {
      // The new connection's WebSocket handshake takes a while (a slow edge or a busy bot): until it completes,
      // the old connection is the only one Slack can send on, and a command sent then must be acked there.
      k.emulator.socketMode.delayHandshake(5_000);
      k.emulator.socketMode.requestReconnect('refresh_requested', 10_000);
      await eventually(() => k.emulator.socketMode.handshakesUnderWay() === 1, 'the new connection opening');
      const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
      expect(answer.status === 200 ? 'ok' : answer.body).toBe('ok');
      // The command was sent and acked before the new connection was up: it went over the old one.
      expect(k.emulator.socketMode.handshakesUnderWay()).toBe(1);
      expect(k.emulator.socketMode.openConnections()).toBe(1);
      // Once the new connection is up, commands go over it.
      await eventually(() => k.emulator.socketMode.handshakesUnderWay() === 0 && k.emulator.socketMode.openConnections() === 2, 'the new connection');
      const after = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
      expect(after.status === 200 ? 'ok' : after.body).toBe('ok');
    } finally {
      await k.stop();
    }
  }, 40_000);

  it('reads an envelope Slack sent on the old connection just before it switched, after the new one said hello', async () => {
    const k = await startKlaxon({ socketMode: true });
    try {
      const opened = k.emulator.calls('apps.connections.open').length;
      k.emulator.socketMode.requestReconnect('refresh_requested', 10_000);
      await eventually(() => k.emulator.calls('apps.connections.open').length > opened && k.emulator.socketMode.openConnections() === 2, 'the new connection');
      // The bot has the new connection's hello by now; an envelope still arriving on the old one must be read.
      await new Promise((resolve) => setTimeout(resolve, 300));
      k.emulator.socketMode.deliverLateOnDraining(1);
      const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' });
      expect(answer.status === 200 ? 'ok' : answer.body).toBe('ok');
    } finally {
      await k.stop();
    }
  }, 40_000);

  it('gives up a new connection that never says hello and reconnects the plain way', async () => {
    const k = await startKlaxon({ socketMode: true });
    try {
      const opened = k.emulator.calls('apps.connections.open').length;
      k.emulator.socketMode.withholdHello(1);
      k.emulator.socketMode.requestReconnect('refresh_requested', 1_000);
      // The silent connection takes nothing; once Slack has closed the old one, commands fail until the
      // client's own reconnect (after the hello wait) is greeted.
      await eventually(async () => (await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' })).status === 200 && k.emulator.calls('apps.connections.open').length >= opened + 2, 'a greeted connection after the silent one', HELLO_WAIT_MS + 20_000);
      const health = (await (await fetch(`${k.bot.url}/healthz`)).json()) as { socket: { state: string } };
      expect(health.socket.state).toBe('connected');
    } finally {
      await k.stop();
    }
  }, HELLO_WAIT_MS + 40_000);

  it('reports a reconnect Slack refuses for good instead of leaving an unhandled rejection', async () => {
    const k = await startKlaxon({ socketMode: true });
    try {
      k.emulator.faults.add({ method: 'apps.connections.open', kind: 'error', error: 'invalid_auth' });
      k.emulator.socketMode.requestReconnect('refresh_requested', 200);
      const failure = await k.bot.failed;
      expect(failure.message).toContain('invalid_auth');
      const health = await fetch(`${k.bot.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, socket: { state: 'disconnected' } });
    } finally {
      await k.stop();
    }
  }, 40_000);
});

describe('Socket Mode when Slack hiccups', () => {
  it('retries apps.connections.open after a 500 instead of giving up', async () => {
    const emulator = await createSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN, channels: [{ name: 'general', botIsMember: true }, { name: 'incidents', botIsMember: true }] });
    emulator.faults.add({ method: 'apps.connections.open', kind: 'http_error', status: 500, times: 1 });
    const k = await startKlaxon({ socketMode: true, emulator });
    try {
      await eventually(() => emulator.socketMode.connected(), 'the socket after the retry', 20_000);
      const opens = emulator.calls('apps.connections.open');
      expect(opens.length).toBeGreaterThanOrEqual(2);
      expect(opens[0]?.ok).toBe(false);
      expect((await emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'help' })).status).toBe(200);
    } finally {
      await k.stop();
      await emulator.close();
    }
  }, 40_000);
});
