// Socket Mode as Slack asks apps to run it. On `disconnect` (Slack recycling the connection: refresh_requested,
// warning, …) the new connection is opened before the old one is closed, so no envelope waits for a reconnect
// (the client alone closes first and waits ~5 s); until the new one is greeted, envelopes arriving on the old one
// are acked there. The connection's state and the age of the last message are
// kept for /healthz, and a reconnect Slack refuses for good (a revoked token) is reported instead of ending as
// an unhandled rejection, so the process can exit and its supervisor restart it.
import type { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../logger.js';
import { TIMEOUT, within } from '../app/within.js';

// Slack says `hello` as soon as a connection is ready (well within a second). A new connection still silent
// after this long is given up for the client's own reconnect (a fresh URL, a wait for `hello`) instead of
// being waited on forever while Slack closes the old one.
export const HELLO_WAIT_MS = 10_000;

// Envelopes Slack sent on the old connection just before it switched still arrive after the new one's
// `hello`; a socket being closed drops what arrives on it, so the old one is read this long before it is closed.
// Slack's ack deadline is 3 s, and Slack closes the old connection itself about 10 s after its `disconnect`.
export const OLD_CONNECTION_DRAIN_MS = 3_000;

export type SocketState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface SocketHealth {
  readonly state: SocketState;
  /** Milliseconds since the last message on the socket (envelopes, hello, disconnect), if any came yet. */
  readonly lastMessageAgeMs?: number;
}

export interface SocketConnection {
  health(): SocketHealth;
  /** Resolves when Slack refused a reconnect for good: nothing will arrive any more. */
  readonly failed: Promise<Error>;
}

/** The client's own parts this module steps in for; not in its typings. */
interface ClientInternals {
  websocket?: { disconnect(): void; isActive(): boolean; options: Record<string, unknown>; constructor: new (options: Record<string, unknown>) => { connect(): void; disconnect(): void } };
  retrieveWSSURL(): Promise<string>;
  /** Sends an ack on the current connection (`websocket`), read synchronously; refuses when it is not open. */
  send(envelopeId: string, body?: unknown): Promise<void>;
  start(): Promise<unknown>;
  shuttingDown?: boolean;
}

const typeOf = (data: unknown): { type?: string; reason?: string } => {
  try {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer);
    return JSON.parse(text) as { type?: string; reason?: string };
  } catch {
    return {};
  }
};

export function watchSocket(client: SocketModeClient, logger: Logger, now: () => number = Date.now): SocketConnection {
  const internals = client as unknown as ClientInternals;
  let state: SocketState = 'connecting';
  let lastMessageAt: number | undefined;
  let started = false;
  let reportFailure: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));

  client.on('connected', () => {
    state = 'connected';
    started = true;
  });
  client.on('reconnecting', () => (state = 'reconnecting'));
  client.on('disconnected', () => (state = 'disconnected'));

  // Replaces the client's own handling of `disconnect` (close, wait, reconnect); every other message goes on
  // to it as before.
  const [handle] = client.listeners('ws_message') as ((data: unknown, isBinary: boolean) => Promise<void>)[];
  if (handle === undefined) throw new Error('the Socket Mode client has no message handler to wrap');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    lastMessageAt = now();
    if (!isBinary && typeOf(data).type === 'disconnect') {
      void refresh(typeOf(data).reason ?? 'unknown');
      return;
    }
    void handle.call(client, data, isBinary);
  });

  // The client acks on its current connection, which a refresh makes the new one as soon as it is created. Until
  // Slack greets it, that one is still connecting (the client refuses to send on it, and the ack would be lost)
  // while Slack sends envelopes on the old one: their acks go back there.
  let acksOn: ClientInternals['websocket'];
  const send = internals.send.bind(client);
  internals.send = (envelopeId, body) => {
    const via = acksOn;
    if (via === undefined || !via.isActive()) return send(envelopeId, body);
    const current = internals.websocket;
    internals.websocket = via;
    try {
      return send(envelopeId, body);
    } finally {
      internals.websocket = current;
    }
  };

  async function refresh(reason: string): Promise<void> {
    const old = internals.websocket;
    if (!old || internals.shuttingDown) return;
    const Socket = old.constructor;
    let drain = false;
    try {
      const url = await internals.retrieveWSSURL();
      const connected = new Promise<void>((resolve) => client.once('connected', () => resolve()));
      const fresh = new Socket({ ...old.options, url });
      acksOn = old;
      internals.websocket = fresh as unknown as ClientInternals['websocket'];
      fresh.connect();
      const greeted = await within(connected, HELLO_WAIT_MS);
      acksOn = undefined;
      if (greeted === TIMEOUT) {
        logger.warn({ reason, waitedMs: HELLO_WAIT_MS }, 'the new Socket Mode connection never said hello; reconnecting the plain way');
        // The old connection is the client's again, so closing the silent one starts nothing; closing the old
        // one (below) makes the client reconnect on its own.
        internals.websocket = old;
        fresh.disconnect();
        return;
      }
      logger.info({ reason, drainMs: OLD_CONNECTION_DRAIN_MS }, 'Socket Mode connection refreshed: the new one is open, the old one closes once drained');
      drain = true;
    } catch (error) {
      giveUp(error);
    } finally {
      // The client reconnects on a close only when its current connection is not active: the fresh one is.
      if (drain) setTimeout(() => old.disconnect(), OLD_CONNECTION_DRAIN_MS).unref();
      else old.disconnect();
    }
  }

  function giveUp(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    state = 'disconnected';
    logger.fatal({ err: failure.message }, 'Socket Mode cannot reconnect: Slack refused the app-level token (SLACK_APP_TOKEN); exiting so a supervisor restarts klaxon');
    reportFailure(failure);
    // No more attempts: each would be refused the same way.
    client.disconnect().catch(() => undefined);
  }

  // The client reconnects by calling start() again; its rejection would go unhandled.
  const start = internals.start.bind(client);
  internals.start = async () => {
    try {
      return await start();
    } catch (error) {
      if (!started) throw error; // the first start: startBot fails with it
      giveUp(error);
      return undefined;
    }
  };

  return {
    health: () => ({ state, ...(lastMessageAt === undefined ? {} : { lastMessageAgeMs: now() - lastMessageAt }) }),
    failed,
  };
}
