// A small, real HTTP server that behaves like the Slack Web API for the methods klaxon calls, and that plays
// Slack's part towards the bot: signed slash commands, clicks, modal submissions and events.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleRoutes, isLoopbackHost, sameSecret } from './console-api.js';
import type { Locale } from '../../domain/locale.js';
import { DEFAULT_BOT, DEFAULT_SCOPES, DEFAULT_USERGROUPS, DEFAULT_USERS } from './default-workspace.js';
import { EmulatorState } from './emulator-state.js';
import type {
  BotAnswer,
  Call,
  Channel,
  EmulatedUser,
  EmulatedUsergroup,
  EmulatorChange,
  Ephemeral,
  Message,
  StoredFile,
  View,
} from './emulator-types.js';
import { FaultRegistry, type Fault } from './faults.js';
import { BodyTooLargeError } from './request-body.js';
import { handleResponseUrl } from './response-url-handler.js';
import { SLACK_ANSWER_MS, SlackSide, type ClickInput, type EventDelivery } from './slack-side.js';
import { SocketModeServer, type SocketAck } from './socket-mode.js';
import { handleUpload } from './upload-handler.js';
import { METHOD_LIMITS, RateLimiter } from './rate-limits.js';
import { StateStore } from './state-store.js';
import { handleWebApi } from './web-api-handler.js';

export interface SlackEmulatorOptions {
  readonly port?: number;
  readonly host?: '127.0.0.1';
  readonly signingSecret: string;
  readonly botToken: string;
  /** The app-level token `apps.connections.open` accepts (Socket Mode); any `xapp-` token when absent. */
  readonly appToken?: string;
  /** The bot's `POST /slack/events` URL; can be set later with setBotUrl. */
  readonly botUrl?: string;
  readonly users?: readonly EmulatedUser[];
  readonly usergroups?: readonly EmulatedUsergroup[];
  /**
   * Channels that exist before the bot starts (default: `#general`), with every user unless `members` says
   * otherwise. The bot is in none of them unless `botIsMember`: as in a real workspace, someone must invite it.
   */
  readonly channels?: readonly {
    readonly name: string;
    readonly members?: readonly string[];
    readonly isPrivate?: boolean;
    readonly botIsMember?: boolean;
    /** Only admins may post (the channel's posting permissions): the bot's posts are answered `restricted_action`. */
    readonly postingRestricted?: boolean;
  }[];
  /** Who may create channels (a workspace setting); `admins` answers the bot's conversations.create `restricted_action`. */
  readonly channelCreation?: 'everyone' | 'admins';
  /** Who may archive channels (a workspace setting); `admins` answers the bot's conversations.archive `restricted_action`. */
  readonly channelArchiving?: 'everyone' | 'admins';
  /**
   * The bot token's scopes (default: manifest.yml's), answered in the `x-oauth-scopes` header; a method that
   * needs another answers `missing_scope` (modelled for conversations.create: channels:manage, or groups:write
   * for a private one).
   */
  readonly scopes?: readonly string[];
  /**
   * Slack's per-method rate limits (default on): tiers per method, chat.postMessage ~1/s per channel with a
   * burst of 3; `clock` (ms) drives them instead of real time; methods in `except` are not limited.
   */
  readonly rateLimits?: boolean | { readonly clock?: () => number; readonly except?: readonly string[] };
  /** Keep the workspace in this directory (0700) so a restarted emulator finds its channels, messages and files. */
  readonly stateDir?: string;
  readonly teamId?: string;
  /** Epoch ms; drives message ts, trigger/response-URL expiry and request signing. */
  readonly now?: () => number;
  /**
   * Strict mode (default on): blocks without a `text` fallback get `no_text`. Real Slack accepts them and only
   * warns, but klaxon must always send the fallback, so the emulator makes the omission fail loudly.
   */
  readonly strict?: boolean;
  /** Serve the web console at `/` (default on). */
  readonly console?: boolean;
  /** What the console's API requires (carried by `consoleUrl`); a fresh random one per start when absent. */
  readonly consoleToken?: string;
  /** The language of the console's own words: klaxon's KLAXON_LOCALE (Japanese, like klaxon, when absent). */
  readonly consoleLocale?: Locale;
  /**
   * When Slack sends again an event the bot did not take (over HTTP a non-2xx answer, no connection, or no answer
   * within 3 s; over Socket Mode no ack within 3 s): Slack's own schedule when absent (at once, after 1 and 5
   * minutes); tests shorten it.
   */
  readonly eventRetryDelaysMs?: readonly number[];
  /**
   * How long Slack waits for the bot's answer to a command, an interaction or an event, over HTTP or as a Socket
   * Mode ack (default 3 s, as Slack): a command answered later fails for the person with `operation_timeout`, an
   * event is sent again; tests shorten it.
   */
  readonly answerDeadlineMs?: number;
}

export interface SlackEmulator {
  readonly url: string;
  /** `${url}/api/`: what SLACK_API_URL is set to. */
  readonly apiUrl: string;
  /** The console's page with its per-start token: the one URL to open. */
  readonly consoleUrl: string;
  setBotUrl(url: string): void;
  channels(): Channel[];
  channel(idOrName: string): Channel | undefined;
  messages(channelId: string, options?: { threadTs?: string }): Message[];
  ephemerals(channelId?: string, userId?: string): Ephemeral[];
  views(): View[];
  files(): StoredFile[];
  calls(method?: string): Call[];
  /** Calls `listener` on every change the console would show and after every Web API call is answered; returns its remover. */
  onChange(listener: (change: EmulatorChange) => void): () => void;
  readonly faults: { add(fault: Fault): void; clear(): void };
  /** A person adds `userId` to a channel, as an admin inviting the bot would. */
  addMember(channelIdOrName: string, userId: string): void;
  /** Changes who may create channels, as a workspace admin would. */
  setChannelCreation(who: 'everyone' | 'admins'): void;
  /** Changes who may archive channels, as a workspace admin would. */
  setChannelArchiving(who: 'everyone' | 'admins'): void;
  /** Socket Mode: once a client has connected, the Slack-side senders below deliver only over its WebSocket. */
  readonly socketMode: {
    connected(): boolean;
    acks(): SocketAck[];
    /** Sends `disconnect` with this reason (default `refresh_requested`) and closes the connections `graceMs` later. */
    requestReconnect(reason?: string, graceMs?: number): void;
    /** The next `count` (default 1) connections get no `hello` and no envelopes, though they stay open. */
    withholdHello(count?: number): void;
    /** Connections open and past `hello`, one asked to reconnect included. */
    openConnections(): number;
    /** The next `count` (default 1) envelopes go on a connection asked to reconnect: sent there just before Slack switched. */
    deliverLateOnDraining(count?: number): void;
    /** The WebSocket handshakes of the next `count` (default 1) connections take `ms` (a slow edge or network). */
    delayHandshake(ms: number, count?: number): void;
    /** Handshakes delayed by `delayHandshake` and still under way. */
    handshakesUnderWay(): number;
  };
  slashCommand(input: { userId: string; channelId: string; text: string; command?: '/incident' }): Promise<BotAnswer>;
  clickButton(input: ClickInput): Promise<BotAnswer>;
  selectOption(input: ClickInput & { value: string }): Promise<BotAnswer>;
  submitView(input: { userId: string; viewId: string; values: Record<string, Record<string, string | string[]>> }): Promise<BotAnswer>;
  closeView(input: { userId: string; viewId: string }): Promise<BotAnswer>;
  /** A person picks a message shortcut in a message's "…" menu (`message_action`). */
  messageShortcut(input: { userId: string; channelId: string; messageTs: string; callbackId: string }): Promise<BotAnswer>;
  /** A person opens the app's Home tab (`app_home_opened`). */
  openAppHome(input: { userId: string }): Promise<BotAnswer>;
  /** The Home tab the app last published for a person. */
  home(userId: string): View | undefined;
  postUserMessage(input: { userId: string; channelId: string; text: string; threadTs?: string }): Message;
  addReaction(input: { userId: string; channelId: string; ts: string; name: string }): Promise<BotAnswer>;
  /** An Events API delivery; one the bot does not take is sent again in the background, as Slack does. */
  sendEvent(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number; retryReason?: string }): Promise<BotAnswer>;
  /** Every event delivered so far, Slack's retries included. */
  eventDeliveries(): readonly EventDelivery[];
  /** Slack's top-level `app_rate_limited` notice, posted to the bot's events URL. */
  appRateLimited(): Promise<BotAnswer>;
  signedRequest(body: string, contentType: string, options?: { timestamp?: number; secret?: string }): Promise<BotAnswer>;
  close(): Promise<void>;
}

/** Routes mounted beside the Web API (the web console); they answer false to fall through to 404. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export interface EmulatorInternals {
  readonly state: EmulatorState;
  readonly side: SlackSide;
}

function serveFile(res: ServerResponse, file: StoredFile | undefined, download: boolean): void {
  if (!file?.content) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('file_not_found');
    return;
  }
  res.writeHead(200, {
    'content-type': /\.(md|txt|log)$/i.test(file.name) ? 'text/plain; charset=utf-8' : 'application/octet-stream',
    ...(download ? { 'content-disposition': `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"` } : {}),
  });
  res.end(file.content);
}

/** Starts the emulator, with the web console at `/` unless `console: false`. */
export async function createSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const now = options.now ?? (() => Date.now());
  const users = options.users ?? DEFAULT_USERS;
  const state = new EmulatorState(options.teamId ?? 'T0KLAXON', DEFAULT_BOT, users, options.usergroups ?? DEFAULT_USERGROUPS, now);
  state.channelCreation = options.channelCreation ?? 'everyone';
  state.channelArchiving = options.channelArchiving ?? 'everyone';
  state.scopes = options.scopes ?? DEFAULT_SCOPES;
  const store = options.stateDir === undefined ? undefined : new StateStore(options.stateDir);
  if (!(store?.load(state) ?? false)) {
    for (const c of options.channels ?? [{ name: 'general' }]) {
      const members = c.members ?? users.filter((u) => u.deactivated !== true).map((u) => u.id);
      const channel = state.addChannel(c.name, 'U0SLACKBOT', c.isPrivate ?? false, [...members, ...((c.botIsMember ?? false) ? [DEFAULT_BOT.userId] : [])]);
      if (c.postingRestricted === true) channel.postingRestricted = true;
    }
  }
  store?.watch(state);
  const limits = options.rateLimits ?? true;
  const rateLimits =
    limits === false
      ? undefined
      : new RateLimiter(
          (limits === true ? undefined : limits.clock) ?? (() => performance.now()),
          Object.fromEntries(Object.entries(METHOD_LIMITS).filter(([method]) => limits === true || !(limits.except ?? []).includes(method))),
        );
  const faults = new FaultRegistry(now);
  let botUrl = options.botUrl;
  let baseUrl = '';
  const answerDeadlineMs = options.answerDeadlineMs ?? SLACK_ANSWER_MS;
  const socket = new SocketModeServer({ state, ackTimeoutMs: answerDeadlineMs, ...(options.appToken !== undefined ? { appToken: options.appToken } : {}) });
  const side = new SlackSide({
    state,
    signingSecret: options.signingSecret,
    botUrl: () => botUrl,
    baseUrl: () => baseUrl,
    socket,
    answerDeadlineMs,
    ...(options.eventRetryDelaysMs ? { eventRetryDelaysMs: options.eventRetryDelaysMs } : {}),
  });
  const consoleToken = options.consoleToken ?? randomBytes(16).toString('hex');
  const extra = (options.console ?? true) ? consoleRoutes({ state, side }, { token: consoleToken, origin: () => baseUrl, locale: options.consoleLocale ?? 'ja' }) : undefined;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    // Loopback only: a foreign Host is a DNS-rebinding page trying to read or drive the workspace.
    if (!isLoopbackHost(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('forbidden host');
      return;
    }
    const api = /^\/api\/([A-Za-z.]+)$/.exec(path);
    if (api?.[1] !== undefined && (req.method === 'POST' || req.method === 'GET')) {
      return handleWebApi(req, res, api[1], {
        state,
        faults,
        botToken: options.botToken,
        baseUrl: () => baseUrl,
        strict: options.strict ?? true,
        appMethods: socket.appMethods(),
        acceptsAppToken: (token) => socket.acceptsToken(token),
        scopes: options.scopes ?? DEFAULT_SCOPES,
        ...(rateLimits ? { rateLimits } : {}),
      });
    }
    const upload = /^\/upload\/([A-Z0-9]+)\/([a-f0-9]+)$/.exec(path);
    if (upload?.[1] !== undefined && upload[2] !== undefined && req.method === 'POST') return handleUpload(req, res, upload[1], upload[2], state);
    const respond = /^\/respond\/([a-f0-9]+)$/.exec(path);
    if (respond?.[1] !== undefined && req.method === 'POST') return handleResponseUrl(req, res, respond[1], state);
    const file = /^\/files\/([A-Z0-9]+)(?:\/[^/]*)?$/.exec(path);
    if (file?.[1] !== undefined && req.method === 'GET') {
      // As Slack's url_private: the bot's token, or the console's (its download links carry it).
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const allowed = sameSecret(bearer, options.botToken) || (extra !== undefined && sameSecret(url.searchParams.get('token'), consoleToken));
      if (!allowed) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('not_authed');
        return;
      }
      return serveFile(res, state.files.find((f) => f.id === file[1]), url.searchParams.has('download'));
    }
    if (extra && (await extra(req, res, path))) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(error instanceof BodyTooLargeError ? 413 : 500, { 'content-type': 'text/plain' });
      res.end(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('upgrade', (req, upgraded, head) => socket.handleUpgrade(req, upgraded, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    consoleUrl: `${baseUrl}/?token=${consoleToken}`,
    setBotUrl: (url) => {
      botUrl = url;
    },
    channels: () => [...state.channels],
    channel: (idOrName) => state.channel(idOrName),
    messages: (channelId, { threadTs } = {}) =>
      state.messages.filter(
        (m) => m.channel === channelId && !m.deleted && (threadTs === undefined ? m.threadTs === undefined : m.threadTs === threadTs || m.ts === threadTs),
      ),
    ephemerals: (channelId, userId) =>
      state.ephemerals.filter((e) => !e.deleted && (channelId === undefined || e.channel === channelId) && (userId === undefined || e.user === userId)),
    views: () => [...state.views],
    files: () => [...state.files],
    calls: (method) => state.calls.filter((c) => method === undefined || c.method === method),
    onChange: (listener) => state.onChange(listener),
    faults: { add: (fault) => faults.add(fault), clear: () => faults.clear() },
    addMember: (channelIdOrName, userId) => {
      const channel = state.channel(channelIdOrName);
      if (!channel) throw new Error(`no channel ${channelIdOrName}`);
      if (!channel.members.includes(userId)) channel.members.push(userId);
      state.emit({ kind: 'channel', channel: channel.id });
    },
    setChannelCreation: (who) => {
      state.channelCreation = who;
    },
    setChannelArchiving: (who) => {
      state.channelArchiving = who;
    },
    socketMode: {
      connected: () => socket.connected,
      acks: () => socket.acks(),
      requestReconnect: (reason, graceMs) => socket.requestReconnect(reason, graceMs),
      withholdHello: (count) => socket.withholdHello(count),
      openConnections: () => socket.openConnections,
      deliverLateOnDraining: (count) => socket.deliverLateOnDraining(count),
      delayHandshake: (ms, count) => socket.delayHandshake(ms, count),
      handshakesUnderWay: () => socket.handshakesUnderWay,
    },
    slashCommand: (input) => side.slashCommand(input),
    clickButton: (input) => side.clickButton(input),
    selectOption: (input) => side.selectOption(input),
    submitView: (input) => side.submitView(input),
    closeView: (input) => side.closeView(input),
    messageShortcut: (input) => side.messageShortcut(input),
    openAppHome: (input) => side.openAppHome(input),
    home: (userId) => state.homes.find((v) => v.userId === userId),
    postUserMessage: (input) => side.postUserMessage(input),
    addReaction: (input) => side.addReaction(input),
    sendEvent: (event, opts) => side.sendEvent(event, opts),
    eventDeliveries: () => [...side.eventDeliveries],
    appRateLimited: () => side.appRateLimited(),
    signedRequest: (body, contentType, opts) => side.signedRequest(body, contentType, opts),
    close: () =>
      new Promise<void>((resolve) => {
        side.stop();
        socket.close();
        store?.close(state);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
