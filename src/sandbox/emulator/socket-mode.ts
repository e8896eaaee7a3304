// Slack's Socket Mode side: `apps.connections.open` (app-level token) hands out a one-time WebSocket URL; the
// server greets with `hello`, sends envelopes and waits for the app's `{envelope_id, payload}` acks. The
// WebSocket itself is the `ws` package; this file is only the Socket Mode protocol on top of it.
//
// Like Slack, once an app has connected over Socket Mode nothing goes to its HTTP URL any more: an envelope
// sent while no connection is open fails (`dispatch_failed`) instead of falling back to HTTP. Slack recycles
// connections: `disconnect` (reason `refresh_requested`, `warning`, …) is sent first, the connection gets new
// envelopes only while the app has no other one open, and Slack closes it a little later.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { EmulatorState } from './emulator-state.js';
import type { BotAnswer } from './emulator-types.js';
import { succeed, type MethodHandler } from './methods/method-context.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  readonly envelopeId: string;
  readonly type: EnvelopeType;
  readonly payload: Record<string, unknown>;
  readonly at: number;
}

export interface SocketModeOptions {
  readonly state: EmulatorState;
  /** The app-level token apps.connections.open accepts; any `xapp-` token when absent. */
  readonly appToken?: string;
  /** How long Slack waits for an envelope's ack before it gives up on it (Slack's own: 3 s). */
  readonly ackTimeoutMs: number;
  /** How long after a `disconnect` message Slack closes the connection (default 10 s). */
  readonly disconnectGraceMs?: number;
}

interface Pending {
  readonly type: EnvelopeType;
  readonly resolve: (payload: Record<string, unknown>) => void;
}

interface Connection {
  readonly ws: WebSocket;
  /** Told to reconnect: Slack sends it nothing new. */
  draining: boolean;
  /** Greeted with `hello`: only then does Slack send it envelopes. */
  readonly ready: boolean;
}

const PATH = /^\/link\/?$/;
const MAX_PAYLOAD = 16 * 1024 * 1024;

/** Refuses an upgrade with a plain HTTP status. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class SocketModeServer {
  private readonly tickets = new Set<string>();
  private readonly connections: Connection[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly ackLog: SocketAck[] = [];
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  /** How many of the next connections Slack leaves without `hello` (open, answering pings, sent nothing). */
  private silentConnections = 0;
  /** How long each of the next connections' WebSocket handshakes takes (a slow edge or network), oldest first. */
  private readonly slowHandshakes: number[] = [];
  /** Handshakes under way (delayed), to end at close. */
  private readonly handshaking = new Map<NodeJS.Timeout, Duplex>();
  /** How many of the next envelopes Slack had already sent on a connection it asked to reconnect. */
  private lateOnDraining = 0;
  private everConnected = false;

  constructor(private readonly options: SocketModeOptions) {}

  /** True when an app-level token may open a connection. */
  acceptsToken(token: string): boolean {
    return this.options.appToken === undefined ? token.startsWith('xapp-') : token === this.options.appToken;
  }

  /** Web API methods called with the app-level token instead of the bot token. */
  appMethods(): Readonly<Record<string, MethodHandler>> {
    return {
      'apps.connections.open': ({ baseUrl }) => {
        const ticket = randomBytes(12).toString('hex');
        this.tickets.add(ticket);
        const wsBase = baseUrl.replace(/^http/, 'ws');
        return succeed({ url: `${wsBase}/link/?ticket=${ticket}&app_id=A0KLAXON` });
      },
    };
  }

  /** The emulator server's `upgrade` handler; a URL without a fresh ticket is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!PATH.test(url.pathname) || !this.tickets.delete(ticket)) return refuseUpgrade(socket, 401, 'Unauthorized');
    const delayMs = this.slowHandshakes.shift() ?? 0;
    if (delayMs > 0) {
      // The client's socket stays CONNECTING meanwhile; Slack keeps sending on the connections it has.
      const timer = setTimeout(() => {
        this.handshaking.delete(timer);
        this.accept(req, socket, head);
      }, delayMs);
      this.handshaking.set(timer, socket);
      return;
    }
    this.accept(req, socket, head);
  }

  private accept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (socket.destroyed) return;
    this.server.handleUpgrade(req, socket, head, (ws) => {
      const ready = this.silentConnections === 0;
      if (!ready) this.silentConnections -= 1;
      const connection: Connection = { ws, draining: false, ready };
      this.connections.push(connection);
      this.everConnected = true;
      ws.on('message', (data, isBinary) => {
        if (!isBinary) this.onAck(data.toString());
      });
      ws.on('close', () => {
        const at = this.connections.indexOf(connection);
        if (at >= 0) this.connections.splice(at, 1);
      });
      ws.on('error', () => ws.terminate());
      if (!ready) return;
      ws.send(
        JSON.stringify({ type: 'hello', num_connections: this.connections.length, debug_info: { host: 'klaxon-emulator', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0KLAXON' } }),
      );
    });
  }

  /** True while a connection can take envelopes (one told to reconnect, until it closes, too). */
  get connected(): boolean {
    return this.usable() !== undefined;
  }

  /** True once an app has connected over Socket Mode: from then on Slack never falls back to HTTP. */
  get inUse(): boolean {
    return this.everConnected;
  }

  acks(): SocketAck[] {
    return [...this.ackLog];
  }

  /** Connections open and past `hello`, a draining one included. */
  get openConnections(): number {
    return this.connections.filter((c) => c.ready && c.ws.readyState === WebSocket.OPEN).length;
  }

  /** WebSocket handshakes under way (delayed with `delayHandshake`): connections the client is still opening. */
  get handshakesUnderWay(): number {
    return this.handshaking.size;
  }

  /**
   * The next `count` envelopes go on a connection Slack asked to reconnect, although a new one is up: envelopes
   * Slack sent there just before it switched, which reach the app after the new connection's `hello`.
   */
  deliverLateOnDraining(count = 1): void {
    this.lateOnDraining += count;
  }

  private usable(): Connection | undefined {
    const open = [...this.connections].reverse().filter((c) => c.ready && c.ws.readyState === WebSocket.OPEN);
    const draining = open.find((c) => c.draining);
    if (this.lateOnDraining > 0 && draining) {
      this.lateOnDraining -= 1;
      return draining;
    }
    return open.find((c) => !c.draining) ?? open[0];
  }

  /** Sends one envelope to the newest open connection and resolves with its ack as a bot answer. */
  async deliver(type: EnvelopeType, payload: Record<string, unknown>, retry: { attempt?: number | undefined; reason?: string | undefined } = {}): Promise<BotAnswer> {
    const connection = this.usable();
    // What Slack shows a user whose command or click reached no connection.
    if (!connection) return { status: 0, body: 'dispatch_failed', ms: 0 };
    const envelopeId = randomBytes(16).toString('hex');
    const started = performance.now();
    const acked = new Promise<Record<string, unknown> | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve(undefined);
      }, this.options.ackTimeoutMs);
      this.pending.set(envelopeId, {
        type,
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
    });
    const frame = JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: retry.attempt ?? 0, retry_reason: retry.reason ?? '' } : {}),
    });
    const sentAt = performance.timeOrigin + performance.now();
    connection.ws.send(frame);
    const ack = await acked;
    const ms = Math.round(performance.now() - started);
    if (ack === undefined) return { status: 0, body: 'no_ack', ms, sentAt };
    const empty = Object.keys(ack).length === 0;
    return { status: 200, body: empty ? '' : JSON.stringify(ack), ...(empty ? {} : { json: ack }), ms, sentAt };
  }

  /**
   * Asks every client to reconnect, as Slack does before recycling a connection: a `disconnect` message, no new
   * envelopes on that connection, and a close `graceMs` later.
   */
  requestReconnect(reason = 'refresh_requested', graceMs = this.options.disconnectGraceMs ?? 10_000): void {
    for (const c of this.connections.filter((c) => !c.draining)) {
      c.draining = true;
      c.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'klaxon-emulator' } }));
      setTimeout(() => c.ws.close(1000, reason), graceMs).unref();
    }
  }

  /**
   * The WebSocket handshakes of the next `count` connections take `ms` to complete (a slow edge or network): the
   * client's new socket is still connecting, and envelopes go on the connections already open, a draining one too.
   */
  delayHandshake(ms: number, count = 1): void {
    for (let i = 0; i < count; i += 1) this.slowHandshakes.push(ms);
  }

  /** The next `count` connections open at the transport level but never get `hello` (Slack's edge degraded). */
  withholdHello(count = 1): void {
    this.silentConnections += count;
  }

  close(): void {
    for (const [timer, socket] of this.handshaking) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.handshaking.clear();
    for (const c of [...this.connections]) c.ws.terminate();
    this.connections.length = 0;
    this.server.close();
  }

  private onAck(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const payload = typeof message.payload === 'object' && message.payload !== null ? (message.payload as Record<string, unknown>) : {};
    this.ackLog.push({ envelopeId: id, type: pending.type, payload, at: this.options.state.now() });
    pending.resolve(payload);
  }
}
