// The emulator's Socket Mode side: apps.connections.open, the WebSocket server seen byte by byte (handshake,
// masking, fragments, ping/pong, close), refreshes without an HTTP fallback, and a real Bolt SocketModeReceiver.
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/emulator/slack-emulator.js';
import { eventually } from './bolt-fixture.js';
import { BOT_TOKEN, rawCall, startEmulator } from './emulator-fixture.js';

const APP_TOKEN = 'xapp-1-A0KLAXON-emulator-test';

/** One client frame, masked as RFC 6455 requires of clients. */
function clientFrame(opcode: number, payload: Buffer, fin = true, masked = true): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0, length]) : Buffer.from([0, 126, length >> 8, length & 0xff]);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (!masked) return Buffer.concat([head, payload]);
  head[1] = (head[1] as number) | 0x80;
  const mask = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)))]);
}

interface ServerFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/** A raw WebSocket client on a TCP socket that records what the server sends. */
class RawClient {
  readonly frames: ServerFrame[] = [];
  response = '';
  ended = false;
  private pending = Buffer.alloc(0);
  private upgraded = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      this.ended = true;
    });
  }

  static async open(url: string, key = 'dGhlIHNhbXBsZSBub25jZQ=='): Promise<RawClient> {
    const target = new URL(url);
    const socket = connect(Number(target.port), target.hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawClient(socket);
    socket.write(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await eventually(() => expect(client.response).toMatch(/\r\n\r\n$/));
    return client;
  }

  texts(): Record<string, unknown>[] {
    return this.frames.filter((f) => f.opcode === 1).map((f) => JSON.parse(f.payload.toString('utf8')) as Record<string, unknown>);
  }

  send(frame: Buffer): void {
    this.socket.write(frame);
  }

  private receive(chunk: Buffer): void {
    if (!this.upgraded) {
      const text = chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      this.response += end < 0 ? text : text.slice(0, end + 4);
      if (end < 0) return;
      this.upgraded = true;
      chunk = chunk.subarray(end + 4);
    }
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.pending.length < 2) return;
      expect((this.pending[1] as number) & 0x80).toBe(0);
      let length = (this.pending[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.pending.length < 4) return;
        length = this.pending.readUInt16BE(2);
        offset = 4;
      }
      if (this.pending.length < offset + length) return;
      this.frames.push({ opcode: (this.pending[0] as number) & 0x0f, payload: this.pending.subarray(offset, offset + length) });
      this.pending = this.pending.subarray(offset + length);
    }
  }
}

/** Waits for a slash command envelope on `client` and acks it there. */
async function ackCommand(client: RawClient): Promise<void> {
  const envelope = await eventually(() => {
    const found = client.texts().find((m) => m['type'] === 'slash_commands');
    expect(found).toBeDefined();
    return found as Record<string, unknown>;
  });
  client.send(clientFrame(0x1, Buffer.from(JSON.stringify({ envelope_id: envelope['envelope_id'] }))));
}

async function openUrl(emulator: SlackEmulator): Promise<string> {
  const { json } = await rawCall(emulator, 'apps.connections.open', '', { authorization: `Bearer ${APP_TOKEN}` });
  expect(json).toMatchObject({ ok: true });
  return json['url'] as string;
}

describe('apps.connections.open', () => {
  let emulator: SlackEmulator;
  beforeAll(async () => {
    ({ emulator } = await startEmulator({ appToken: APP_TOKEN }));
  });
  afterAll(async () => emulator.close());

  it('needs the app-level token and hands out a one-time loopback WebSocket URL', async () => {
    const url = await openUrl(emulator);
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(emulator.url).port}/link/\\?ticket=[0-9a-f]{24}&app_id=A0KLAXON$`));
    const bot = await rawCall(emulator, 'apps.connections.open', '', { authorization: `Bearer ${BOT_TOKEN}` });
    expect(bot.json).toEqual({ ok: false, error: 'not_allowed_token_type' });
    const wrong = await rawCall(emulator, 'apps.connections.open', '', { authorization: 'Bearer xapp-1-A0KLAXON-someone-else' });
    expect(wrong.json).toEqual({ ok: false, error: 'invalid_auth' });
    const none = await rawCall(emulator, 'apps.connections.open', '', {});
    expect(none.json).toEqual({ ok: false, error: 'not_authed' });
    const misuse = await rawCall(emulator, 'auth.test', '', { authorization: `Bearer ${APP_TOKEN}` });
    expect(misuse.json).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });
});

describe('the WebSocket server', () => {
  let emulator: SlackEmulator;
  const clients: RawClient[] = [];
  beforeAll(async () => {
    // Rate limits off: each case opens its own connection, past apps.connections.open's Tier 1 (~1/min).
    ({ emulator } = await startEmulator({ appToken: APP_TOKEN, rateLimits: false }));
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.socket.destroy();
  });
  afterAll(async () => emulator.close());

  const open = async (url: string): Promise<RawClient> => {
    const client = await RawClient.open(url);
    clients.push(client);
    return client;
  };

  it('completes the handshake, says hello, and refuses a reused or unknown ticket', async () => {
    const url = await openUrl(emulator);
    const client = await open(url);
    const accept = createHash('sha1').update('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    expect(accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(client.response).toMatch(/^HTTP\/1\.1 101 /);
    expect(client.response).toContain(`Sec-WebSocket-Accept: ${accept}`);
    const hello = await eventually(() => {
      expect(client.texts()[0]).toMatchObject({ type: 'hello', connection_info: { app_id: 'A0KLAXON' } });
      return client.texts()[0];
    });
    expect(hello).toBeDefined();
    expect(emulator.socketMode.connected()).toBe(true);

    const reused = await open(url);
    expect(reused.response).toMatch(/^HTTP\/1\.1 401 /);
    const unknown = await open(url.replace(/ticket=[0-9a-f]+/, 'ticket=00'));
    expect(unknown.response).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('can leave a connection without hello: it answers pings but gets no envelopes', async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await eventually(() => expect(emulator.socketMode.connected()).toBe(false));
    emulator.socketMode.withholdHello(1);
    const silent = await open(await openUrl(emulator));
    silent.send(clientFrame(0x9, Buffer.from('still there?')));
    await eventually(() => expect(silent.frames.some((f) => f.opcode === 0xa)).toBe(true));
    expect(silent.texts()).toEqual([]);
    expect(emulator.socketMode.connected()).toBe(false);
    const general = emulator.channel('general')?.id as string;
    expect(await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'status' })).toMatchObject({ status: 0, body: 'dispatch_failed' });
    // Only the next connection: the one after it is greeted again.
    const greeted = await open(await openUrl(emulator));
    await eventually(() => expect(greeted.texts()[0]).toMatchObject({ type: 'hello' }));
  });

  it('answers a ping with a pong carrying the same data', async () => {
    const client = await open(await openUrl(emulator));
    client.send(clientFrame(0x9, Buffer.from('are you there')));
    const pong = await eventually(() => {
      const found = client.frames.find((f) => f.opcode === 0xa);
      expect(found).toBeDefined();
      return found as ServerFrame;
    });
    expect(pong.payload.toString()).toBe('are you there');
  });

  it('delivers an envelope and resolves the sender with an ack sent in masked fragments, long enough for a 16-bit length', async () => {
    const client = await open(await openUrl(emulator));
    const general = emulator.channel('general')?.id as string;
    const sent = emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'status' });
    const envelope = await eventually(() => {
      const found = client.texts().find((m) => m['type'] === 'slash_commands');
      expect(found).toBeDefined();
      return found as Record<string, unknown>;
    });
    expect(envelope).toMatchObject({ accepts_response_payload: true, payload: { command: '/incident', text: 'status', user_id: 'U0L1OPS', channel_id: general } });
    const ack = Buffer.from(JSON.stringify({ envelope_id: envelope['envelope_id'], payload: { text: `ok ${'x'.repeat(300)}` } }));
    client.send(clientFrame(0x1, ack.subarray(0, 10), false));
    client.send(clientFrame(0x9, Buffer.from('between fragments')));
    client.send(clientFrame(0x0, ack.subarray(10), true));
    const answer = await sent;
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ text: `ok ${'x'.repeat(300)}` });
    expect(emulator.socketMode.acks().at(-1)).toMatchObject({ envelopeId: envelope['envelope_id'], type: 'slash_commands' });
    expect(emulator.ephemerals(general, 'U0L1OPS').some((e) => e.text.startsWith('ok xxx'))).toBe(true);
  });

  it('gives up on an envelope not acked within Slack’s 3 s: the command fails for the person with operation_timeout', { timeout: 10_000 }, async () => {
    const client = await open(await openUrl(emulator));
    const general = emulator.channel('general')?.id as string;
    const sentAt = Date.now();
    const sent = emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'never acked' });
    await eventually(() => expect(client.texts().some((m) => m['type'] === 'slash_commands' && (m['payload'] as Record<string, unknown>)['text'] === 'never acked')).toBe(true));
    expect(await sent).toMatchObject({ status: 0, body: 'no_ack' });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2_900);
    expect(emulator.ephemerals(general, 'U0L1OPS').map((e) => e.text)).toContain('/incident failed with the error "operation_timeout"');
  });

  it('closes with 1002 when a client frame is not masked', async () => {
    const client = await open(await openUrl(emulator));
    client.send(clientFrame(0x1, Buffer.from('{}'), true, false));
    const close = await eventually(() => {
      const found = client.frames.find((f) => f.opcode === 0x8);
      expect(found).toBeDefined();
      return found as ServerFrame;
    });
    expect(close.payload.readUInt16BE(0)).toBe(1002);
    await eventually(() => expect(client.ended).toBe(true));
  });

  it('echoes a client close, and then sends nothing over HTTP: the command fails as dispatch_failed', async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    const client = await open(await openUrl(emulator));
    await eventually(() => expect(emulator.socketMode.connected()).toBe(true));
    const code = Buffer.alloc(2);
    code.writeUInt16BE(1000);
    client.send(clientFrame(0x8, code));
    const close = await eventually(() => {
      const found = client.frames.find((f) => f.opcode === 0x8);
      expect(found).toBeDefined();
      return found as ServerFrame;
    });
    expect(close.payload.readUInt16BE(0)).toBe(1000);
    await eventually(() => expect(client.ended).toBe(true));
    await eventually(() => expect(emulator.socketMode.connected()).toBe(false));
    const general = emulator.channel('general')?.id as string;
    expect(await emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'status' })).toMatchObject({ status: 0, body: 'dispatch_failed' });
  });

  it('asks for a refresh with disconnect, keeps delivering until a new connection is open, then sends the draining one nothing new and closes it after the grace', async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    const old = await open(await openUrl(emulator));
    await eventually(() => expect(emulator.socketMode.connected()).toBe(true));
    emulator.socketMode.requestReconnect('refresh_requested', 300);
    await eventually(() => expect(old.texts().some((m) => m['type'] === 'disconnect' && m['reason'] === 'refresh_requested')).toBe(true));
    // As Slack does, a connection asked to refresh keeps delivering until another is open: nothing falls in a gap.
    expect(emulator.socketMode.connected()).toBe(true);
    const general = emulator.channel('general')?.id as string;
    const inGap = emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'in the gap' });
    await ackCommand(old);
    expect(await inGap).toMatchObject({ status: 200 });

    const fresh = await open(await openUrl(emulator));
    const sent = emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'after refresh' });
    await ackCommand(fresh);
    expect(await sent).toMatchObject({ status: 200 });
    expect(old.texts().filter((m) => m['type'] === 'slash_commands')).toHaveLength(1);
    const close = await eventually(() => {
      const found = old.frames.find((f) => f.opcode === 0x8);
      expect(found).toBeDefined();
      return found as ServerFrame;
    });
    expect(close.payload.readUInt16BE(0)).toBe(1000);
  });

  it('can take its time over a handshake: meanwhile envelopes go on the connection already open, a draining one too', async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    const old = await open(await openUrl(emulator));
    await eventually(() => expect(emulator.socketMode.openConnections()).toBe(1));
    emulator.socketMode.requestReconnect('refresh_requested', 5_000);
    emulator.socketMode.delayHandshake(400);
    const url = await openUrl(emulator);
    const started = performance.now();
    const opening = open(url);
    await eventually(() => expect(emulator.socketMode.handshakesUnderWay()).toBe(1));
    const general = emulator.channel('general')?.id as string;
    const sent = emulator.slashCommand({ userId: 'U0L1OPS', channelId: general, text: 'while the new one connects' });
    await ackCommand(old);
    expect(await sent).toMatchObject({ status: 200 });
    const fresh = await opening;
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(fresh.response).toMatch(/^HTTP\/1\.1 101 /);
    await eventually(() => expect(fresh.texts()[0]).toMatchObject({ type: 'hello' }));
    expect(emulator.socketMode.handshakesUnderWay()).toBe(0);
  });
});

describe('a Bolt app in Socket Mode', () => {
  let emulator: SlackEmulator;
  let app: App;
  const seen: string[] = [];
  beforeAll(async () => {
    ({ emulator } = await startEmulator({ appToken: APP_TOKEN }));
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 1_000,
      installerOptions: { clientOptions: { slackApiUrl: emulator.apiUrl } },
    });
    app = new App({ token: BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } } });
    app.command('/incident', async ({ command, ack }) => {
      seen.push(`command ${command.text}`);
      await ack({ text: `got ${command.text}` });
    });
    app.action('wave', async ({ ack }) => {
      seen.push('wave');
      await ack();
    });
    app.event('reaction_added', async ({ event }) => {
      seen.push(`reaction ${event.reaction}`);
    });
    await app.start();
  });
  afterAll(async () => {
    await app.stop();
    await eventually(() => expect(emulator.socketMode.connected()).toBe(false));
    await emulator.close();
  });

  it('gets commands, clicks and events over the socket and acks each one', async () => {
    expect(emulator.socketMode.connected()).toBe(true);
    const general = emulator.channel('general')?.id as string;
    const answer = await emulator.slashCommand({ userId: 'U0L2SYS', channelId: general, text: 'hello socket' });
    expect(answer).toMatchObject({ status: 200, json: { text: 'got hello socket' } });

    const message = emulator.postUserMessage({ userId: 'U0L2SYS', channelId: general, text: 'wave at me' });
    message.blocks = [{ type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'wave', text: { type: 'plain_text', text: 'Wave' } }] }];
    const click = await emulator.clickButton({ userId: 'U0L2SYS', channelId: general, messageTs: message.ts, actionId: 'wave' });
    expect(click).toMatchObject({ status: 200, body: '' });
    const reaction = await emulator.addReaction({ userId: 'U0L2SYS', channelId: general, ts: message.ts, name: 'eyes' });
    expect(reaction.status).toBe(200);
    await eventually(() => expect(seen).toEqual(['command hello socket', 'wave', 'reaction eyes']));
    expect(emulator.socketMode.acks().map((a) => a.type)).toEqual(['slash_commands', 'interactive', 'events_api']);
  });

  it('reconnects through apps.connections.open when asked to', async () => {
    const opened = emulator.calls('apps.connections.open').length;
    emulator.socketMode.requestReconnect();
    await eventually(() => expect(emulator.calls('apps.connections.open').length).toBe(opened + 1), 15_000);
    await eventually(() => expect(emulator.socketMode.connected()).toBe(true), 15_000);
    const general = emulator.channel('general')?.id as string;
    const answer = await emulator.slashCommand({ userId: 'U0L2SYS', channelId: general, text: 'after reconnect' });
    expect(answer).toMatchObject({ status: 200, json: { text: 'got after reconnect' } });
  });
});
