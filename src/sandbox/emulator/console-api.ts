// The web console's back end, on the emulator's own port: the static front end, a JSON API to read the
// workspace, actions that go to the bot through the same signed Slack-side calls tests use, and SSE for
// live updates.
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { EmulatorInternals, RouteHandler } from './slack-emulator.js';
import type { Locale } from '../../domain/locale.js';
import type { Ephemeral, Message } from './emulator-types.js';
import { readBody } from './request-body.js';

const STATIC_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Where the front-end files are: beside this module in src/, or back in src/ when running from dist/. */
function consoleDirectory(): string {
  const candidates = [new URL('../console/', import.meta.url), new URL('../../../../src/sandbox/console/', import.meta.url)];
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  return fileURLToPath(found ?? candidates[0]!);
}

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

const messageView = (m: Message, files: (id: string) => unknown) => ({
  kind: 'message',
  ts: m.ts,
  threadTs: m.threadTs,
  user: m.user,
  bot: m.botId !== undefined,
  text: m.text,
  blocks: m.blocks,
  attachments: m.attachments,
  files: m.files?.map(files),
  reactions: m.reactions,
  replyCount: m.replyCount,
  edited: m.edited !== undefined,
});

type Obj = Record<string, unknown>;
const ephemeralView = (e: Ephemeral, botUserId: string) => ({ kind: 'ephemeral', ts: e.ts, user: botUserId, bot: true, text: e.text, blocks: e.blocks });
const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);
const text = (body: Obj, key: string): string => (typeof body[key] === 'string' ? body[key] : '');
const optional = (body: Obj, key: string): string | undefined => (typeof body[key] === 'string' && body[key] !== '' ? body[key] : undefined);

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#e01e5a"/></svg>';

/** True for a Host header naming this machine's loopback (any port): what a browser sends to the sandbox. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i.test(host);
}

/** Whether `given` is `token`, compared in constant time. */
export const sameSecret = (given: string | null | undefined, token: string): boolean =>
  typeof given === 'string' && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));

export interface ConsoleGuard {
  /** The per-start token every API call carries (header `x-console-token`, or `?token=` for the event stream). */
  readonly token: string;
  /** The console's own origin; a request from any other is refused. */
  readonly origin: () => string;
  /** The language of the console's chrome, told to the page as `<html lang>`. */
  readonly locale: Locale;
}

/**
 * Why a console API request is refused, if it is: another site's page (its Origin), or a caller without the
 * token the printed URL carries. A JSON content type is required so a plain cross-site form cannot post.
 */
export function consoleRefusal(req: IncomingMessage, url: URL, guard: ConsoleGuard): string | undefined {
  const origin = req.headers.origin;
  const own = new URL(guard.origin());
  const sameOrigin = (value: string) => {
    try {
      const seen = new URL(value);
      return seen.protocol === own.protocol && seen.port === own.port && isLoopbackHost(seen.host);
    } catch {
      return false;
    }
  };
  if (origin !== undefined && !sameOrigin(origin)) return 'foreign_origin';
  const given = req.headers['x-console-token'];
  if (!sameSecret(Array.isArray(given) ? given[0] : (given ?? url.searchParams.get('token')), guard.token)) return 'bad_token';
  if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return 'json_only';
  return undefined;
}

/** The routes of the web console, for createSlackEmulator's `extraRoutes`. */
export function consoleRoutes({ state, side }: EmulatorInternals, guard: ConsoleGuard): RouteHandler {
  const directory = consoleDirectory();

  const fileView = (id: string) => {
    const f = state.files.find((file) => file.id === id);
    return f ? { id: f.id, name: f.name, title: f.title, size: f.content?.length ?? 0, url: `/files/${f.id}/${encodeURIComponent(f.name)}?download=1&token=${guard.token}` } : { id, name: id, title: id, size: 0, url: '' };
  };

  const read = async (path: string, url: URL): Promise<unknown> => {
    const user = url.searchParams.get('user') ?? '';
    if (path === 'workspace') {
      return { teamId: state.teamId, bot: state.bot, users: state.users, usergroups: state.usergroups };
    }
    if (path === 'channels') {
      return state.channels
        .filter((c) => !c.isPrivate || c.members.includes(user))
        .map((c) => ({ id: c.id, name: c.name, topic: c.topic, purpose: c.purpose, isArchived: c.isArchived, isPrivate: c.isPrivate, members: c.members, bookmarks: c.bookmarks, pins: c.pins }));
    }
    const messages = /^channels\/([A-Z0-9]+)\/messages$/.exec(path);
    if (messages?.[1] !== undefined) {
      const channel = messages[1];
      const top = state.messages.filter((m) => m.channel === channel && !m.deleted && m.threadTs === undefined).map((m) => messageView(m, fileView));
      const own = state.ephemerals
        .filter((e) => e.channel === channel && e.user === user && !e.deleted && e.threadTs === undefined)
        .map((e) => ephemeralView(e, state.bot.userId));
      return [...top, ...own].sort(byTs);
    }
    const thread = /^channels\/([A-Z0-9]+)\/thread\/(\d+\.\d+)$/.exec(path);
    if (thread?.[1] !== undefined && thread[2] !== undefined) {
      const [channel, ts] = [thread[1], thread[2]];
      const all = state.messages.filter((m) => m.channel === channel && !m.deleted && (m.ts === ts || m.threadTs === ts)).map((m) => messageView(m, fileView));
      const own = state.ephemerals
        .filter((e) => e.channel === channel && e.user === user && !e.deleted && e.threadTs === ts)
        .map((e) => ephemeralView(e, state.bot.userId));
      return [...all, ...own].sort(byTs);
    }
    if (path === 'home') {
      const home = state.homes.find((v) => v.userId === user);
      return home ? { id: home.id, view: home.view } : null;
    }
    if (path === 'views') {
      const open = state.views.filter((v) => v.userId === user && v.state === 'open');
      const top = open.at(-1);
      return top ? { id: top.id, view: top.view, errors: top.errors ?? {} } : null;
    }
    return undefined;
  };

  const act = async (path: string, body: Obj): Promise<unknown> => {
    const userId = text(body, 'userId');
    const channelId = text(body, 'channelId');
    switch (path) {
      case 'command': {
        const line = text(body, 'text').trim();
        const threadTs = optional(body, 'threadTs');
        const slash = /^(\/[a-z-]+)(?:\s+([\s\S]*))?$/.exec(line);
        if (!slash) return { message: side.postUserMessage({ userId, channelId, text: line, ...(threadTs ? { threadTs } : {}) }).ts };
        if (slash[1] !== '/incident') return { error: `${slash[1]} is not a command here: try /incident help` };
        return { answer: await side.slashCommand({ userId, channelId, text: slash[2]?.trim() ?? '', command: '/incident' }) };
      }
      case 'click':
      case 'select': {
        const input = {
          userId,
          channelId,
          messageTs: text(body, 'messageTs'),
          actionId: text(body, 'actionId'),
          ...(optional(body, 'blockId') ? { blockId: text(body, 'blockId') } : {}),
          ...(optional(body, 'value') ? { value: text(body, 'value') } : {}),
        };
        return { answer: path === 'click' ? await side.clickButton(input) : await side.selectOption({ ...input, value: text(body, 'value') }) };
      }
      case 'submit': {
        const values = (typeof body['values'] === 'object' && body['values'] !== null ? body['values'] : {}) as Record<string, Record<string, string | string[]>>;
        return { answer: await side.submitView({ userId, viewId: text(body, 'viewId'), values }) };
      }
      case 'close':
        return { answer: await side.closeView({ userId, viewId: text(body, 'viewId') }) };
      case 'reaction':
        return { answer: await side.addReaction({ userId, channelId, ts: text(body, 'ts'), name: text(body, 'name') }) };
      case 'shortcut':
        return { answer: await side.messageShortcut({ userId, channelId, messageTs: text(body, 'messageTs'), callbackId: text(body, 'callbackId') }) };
      case 'home':
        return { answer: await side.openAppHome({ userId }) };
      case 'home-click':
        return {
          answer: await side.clickHomeButton({
            userId,
            actionId: text(body, 'actionId'),
            ...(optional(body, 'blockId') ? { blockId: text(body, 'blockId') } : {}),
            ...(optional(body, 'value') ? { value: text(body, 'value') } : {}),
          }),
        };
      default:
        return undefined;
    }
  };

  const events = (req: IncomingMessage, res: ServerResponse): true => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const stop = state.onChange((change) => {
      if (change.kind !== 'call') res.write(`data: ${JSON.stringify(change)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      stop();
      clearInterval(ping);
    });
    return true;
  };

  return async (req, res, path) => {
    if (req.method === 'GET' && path === '/favicon.ico') {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
      res.end(FAVICON);
      return true;
    }
    if (req.method === 'GET' && (path === '/' || /^\/console\/[a-z0-9-]+\.(html|js|css|svg)$/.test(path))) {
      const name = path === '/' ? 'index.html' : path.slice('/console/'.length);
      const type = STATIC_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
      try {
        const content = await readFile(`${directory}${name}`);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(name === 'index.html' ? content.toString('utf8').replace('<html lang="en">', `<html lang="${guard.locale}">`) : content);
        return true;
      } catch {
        return false;
      }
    }
    if (!path.startsWith('/console/api/')) return false;
    const route = path.slice('/console/api/'.length);
    const refusal = consoleRefusal(req, new URL(req.url ?? '/', 'http://console'), guard);
    if (refusal) {
      req.resume();
      return json(res, 403, { ok: false, error: refusal });
    }
    if (req.method === 'GET' && route === 'events') return events(req, res);
    if (req.method === 'GET') {
      const found = await read(route, new URL(req.url ?? '/', 'http://console'));
      return found === undefined ? json(res, 404, { ok: false, error: 'not_found' }) : json(res, 200, found);
    }
    if (req.method === 'POST') {
      let body: Obj;
      try {
        const parsed: unknown = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
        body = typeof parsed === 'object' && parsed !== null ? (parsed as Obj) : {};
      } catch {
        return json(res, 400, { ok: false, error: 'invalid_json' });
      }
      try {
        const result = await act(route, body);
        return result === undefined ? json(res, 404, { ok: false, error: 'not_found' }) : json(res, 200, { ok: true, ...(result as Obj) });
      } catch (error) {
        return json(res, 200, { ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return false;
  };
}
