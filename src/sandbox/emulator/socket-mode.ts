// Slack's Socket Mode side: `apps.connections.open` (app-level token) hands out a one-time WebSocket URL; the
// server greets with `hello`, sends envelopes and waits for the app's `{envelope_id, payload}` acks.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatorState } from './emulator-state.js';
import type { BotAnswer } from './emulator-types.js';
import { succeed, type MethodHandler } from './methods/method-context.js';
import { refuseUpgrade, WebSocketConnection } from './websocket-connection.js';

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
  /** How long a sender waits for an envelope's ack (Slack gives up after 3 s; tests run on busy machines). */
  readonly ackTimeoutMs?: number;
}

interface Pending {
  readonly type: EnvelopeType;
  readonly resolve: (payload: Record<string, unknown>) => void;
}

const PATH = /^\/link\/?$/;

export class SocketModeServer {
  private readonly tickets = new Set<string>();
  private readonly connections: WebSocketConnection[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly ackLog: SocketAck[] = [];

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
    const connection = WebSocketConnection.accept(req, socket, head, {
      onText: (text) => this.onAck(text),
      onClose: () => {
        const at = connection ? this.connections.indexOf(connection) : -1;
        if (at >= 0) this.connections.splice(at, 1);
      },
    });
    if (!connection) return;
    this.connections.push(connection);
    connection.sendText(
      JSON.stringify({ type: 'hello', num_connections: this.connections.length, debug_info: { host: 'klaxon-emulator', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0KLAXON' } }),
    );
  }

  get connected(): boolean {
    return this.connections.some((c) => c.open);
  }

  acks(): SocketAck[] {
    return [...this.ackLog];
  }

  /** Sends one envelope to the newest open connection and resolves with its ack as a bot answer. */
  async deliver(type: EnvelopeType, payload: Record<string, unknown>, retry: { attempt?: number | undefined; reason?: string | undefined } = {}): Promise<BotAnswer> {
    const connection = [...this.connections].reverse().find((c) => c.open);
    if (!connection) throw new Error('no Socket Mode connection is open');
    const envelopeId = randomBytes(16).toString('hex');
    const started = performance.now();
    const acked = new Promise<Record<string, unknown> | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve(undefined);
      }, this.options.ackTimeoutMs ?? 10_000);
      this.pending.set(envelopeId, {
        type,
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
    });
    connection.sendText(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: retry.attempt ?? 0, retry_reason: retry.reason ?? '' } : {}),
      }),
    );
    const ack = await acked;
    const ms = Math.round(performance.now() - started);
    if (ack === undefined) return { status: 0, body: 'no_ack', ms };
    const empty = Object.keys(ack).length === 0;
    return { status: 200, body: empty ? '' : JSON.stringify(ack), ...(empty ? {} : { json: ack }), ms };
  }

  /** Asks every client to reconnect, as Slack does before recycling a connection. */
  requestReconnect(reason = 'refresh_requested'): void {
    for (const c of this.connections) c.sendText(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'klaxon-emulator' } }));
  }

  close(): void {
    for (const c of [...this.connections]) c.terminate();
    this.connections.length = 0;
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
