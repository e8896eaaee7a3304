// Every Slack Web API call goes through here, with the WebClient's own method types: a timeout per call,
// bounded retries with backoff that honour Retry-After (remembered per method, and per channel for
// chat.postMessage, so one channel's limit holds back only that channel), per-channel pacing of
// chat.postMessage, and no duplicate post after an answer that never came. A Slack outage of a few minutes
// delays messages; it does not lose them (the queue job that called us is retried after that).
import { ErrorCode, type ChatPostMessageArguments, type ChatPostMessageResponse, type FilesUploadV2Arguments, type WebClient } from '@slack/web-api';
import { createChannelPacer } from './channel-pacer.js';

/** Slack's definite answer to a call (not retried): its error name, its detail and the rest of its answer. */
export class SlackPlatformError extends Error {
  constructor(
    readonly method: string,
    readonly slackError: string,
    /** `response_metadata.messages`: what exactly Slack objected to (invalid_blocks, invalid_arguments, …). */
    readonly detail: readonly string[] = [],
    readonly data: Record<string, unknown> = {},
  ) {
    super(`Slack ${method} answered ${slackError}${detail.length > 0 ? ` (${detail.join('; ')})` : ''}`);
    this.name = 'SlackPlatformError';
  }
}

export class SlackUnavailableError extends Error {
  constructor(readonly method: string, readonly attempts: number, cause: unknown) {
    super(`Slack ${method} still failing after ${attempts} attempts`, { cause });
    this.name = 'SlackUnavailableError';
  }
}

/** The message metadata type klaxon puts on every message it posts; its payload's `key` names the effect. */
export const EFFECT_EVENT_TYPE = 'klaxon_effect';

/** Metadata that lets a retry recognise a message it already posted. */
export const effectMetadata = (key: string) => ({ event_type: EFFECT_EVENT_TYPE, event_payload: { key } });

type Method<A, R> = (args: A) => Promise<R>;

/** The Web API methods klaxon calls, typed as the WebClient types them, each with the policy below. */
export interface SlackApi {
  readonly auth: Pick<WebClient['auth'], 'test'>;
  readonly chat: Pick<WebClient['chat'], 'postMessage' | 'update' | 'postEphemeral' | 'getPermalink'>;
  readonly conversations: Pick<WebClient['conversations'], 'create' | 'invite' | 'setTopic' | 'join' | 'archive' | 'history' | 'replies'>;
  readonly pins: Pick<WebClient['pins'], 'add'>;
  readonly reactions: Pick<WebClient['reactions'], 'get'>;
  readonly usergroups: { readonly users: Pick<WebClient['usergroups']['users'], 'list'> };
  readonly users: Pick<WebClient['users'], 'info' | 'list'>;
  readonly views: Pick<WebClient['views'], 'open' | 'publish'>;
  /** Slack's three-step upload (upload URL, bytes, complete) as the client does it; files completed together arrive as one message. */
  readonly filesUploadV2: Method<FilesUploadV2Arguments, Awaited<ReturnType<WebClient['filesUploadV2']>>>;
  /**
   * The message klaxon posted with this effect key in the channel (or thread), if any: what a retry checks
   * before posting again after an answer that may have been lost.
   */
  findPosted(where: { readonly channel: string; readonly threadTs?: string | undefined; readonly key: string }): Promise<string | undefined>;
}

export interface SlackApiOptions {
  /** How long one call may keep retrying before the surrounding job gives up for now (default 150 s). */
  readonly maxRetryMs?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Minimum spacing of chat.postMessage per channel after a burst (Slack: about 1 message/s/channel). */
  readonly channelIntervalMs?: number;
  readonly channelBurst?: number;
  /** How long one HTTP call to Slack may take before its outcome counts as unknown (default 10 s). */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly onRetry?: (info: { method: string; attempt: number; waitMs: number; reason: string }) => void;
}

/** Slack errors that mean "try again", as opposed to a definite answer like channel_not_found. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);
/**
 * A modal opens only with a trigger_id, which Slack accepts for 3 s after the click: a views.open retried later
 * could only fail with expired_trigger_id, so its retries stop at the trigger's life.
 */
const TRIGGER_LIFE_MS = 3_000;

/** How far back a retry looks for its own message: Slack paces a channel to ~1 post a second, so this is minutes. */
const LOOKBACK = 100;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const channelOf = (args: unknown): string | undefined => {
  const value = (args as { channel?: unknown; channel_id?: unknown } | undefined)?.channel ?? (args as { channel_id?: unknown } | undefined)?.channel_id;
  return typeof value === 'string' ? value : undefined;
};
const keyOf = (args: ChatPostMessageArguments): string | undefined => {
  const key = (args as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
  return key?.event_type === EFFECT_EVENT_TYPE && typeof key.event_payload?.['key'] === 'string' ? key.event_payload['key'] : undefined;
};

export function createSlackApi(client: WebClient, options: SlackApiOptions = {}): SlackApi {
  const maxRetryMs = options.maxRetryMs ?? 150_000;
  const base = options.baseBackoffMs ?? 500;
  const cap = options.maxBackoffMs ?? 15_000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const pacer = createChannelPacer({ intervalMs: options.channelIntervalMs ?? 1000, burst: options.channelBurst ?? 3, now, sleep });
  /** Retry-After answers still running, per method (and per channel for chat.postMessage). */
  const blockedUntil = new Map<string, number>();

  const limitKey = (method: string, channel: string | undefined) => (method === 'chat.postMessage' ? `${method} ${channel ?? ''}` : method);

  async function findPosted(where: { channel: string; threadTs?: string | undefined; key: string }): Promise<string | undefined> {
    const answer = where.threadTs
      ? await send('conversations.replies', where.channel, () => client.conversations.replies({ channel: where.channel, ts: where.threadTs as string, include_all_metadata: true, limit: LOOKBACK }))
      : await send('conversations.history', where.channel, () => client.conversations.history({ channel: where.channel, include_all_metadata: true, limit: LOOKBACK }));
    const found = (answer.messages ?? []).find((m) => m.metadata?.event_type === EFFECT_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.['key'] === where.key);
    return found?.ts;
  }

  /** After an answer that never came, the post may have happened: looks for it before posting again. */
  async function alreadyPosted(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse | undefined> {
    const key = keyOf(args);
    if (key === undefined) return undefined;
    try {
      const ts = await findPosted({ channel: args.channel, threadTs: args.thread_ts, key });
      return ts === undefined ? undefined : { ok: true, channel: args.channel, ts };
    } catch (error) {
      // Without the history (a channel given by name, a missing scope) the post is made again: a duplicate is
      // better than a lost message.
      if (error instanceof SlackPlatformError) return undefined;
      throw error;
    }
  }

  async function send<R>(method: string, channel: string | undefined, call: () => Promise<R>, unknownOutcome?: () => Promise<R | undefined>): Promise<R> {
    const key = limitKey(method, channel);
    const budgetMs = method === 'views.open' ? Math.min(maxRetryMs, TRIGGER_LIFE_MS) : maxRetryMs;
    const started = now();
    let uncertain = false;
    for (let attempt = 1; ; attempt += 1) {
      const blocked = (blockedUntil.get(key) ?? 0) - now();
      if (blocked > 0) await sleep(blocked);
      // A Retry-After that has run out is forgotten, or every channel ever limited would stay here for good.
      if ((blockedUntil.get(key) ?? Infinity) <= now()) blockedUntil.delete(key);
      if (method === 'chat.postMessage' && channel !== undefined) await pacer.pace(channel);
      let waitMs: number;
      let reason: string;
      try {
        if (uncertain && unknownOutcome) {
          const found = await unknownOutcome();
          if (found !== undefined) return found;
        }
        return await call();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === ErrorCode.PlatformError) {
          const data = (error as { data?: Record<string, unknown> & { error?: string; response_metadata?: { messages?: unknown } } }).data ?? {};
          const slackError = String(data.error ?? 'unknown_error');
          if (!TRANSIENT_PLATFORM_ERRORS.has(slackError)) {
            const messages = data.response_metadata?.messages;
            throw new SlackPlatformError(method, slackError, Array.isArray(messages) ? messages.map(String) : [], data);
          }
          reason = slackError;
          waitMs = Math.min(cap, base * 2 ** (attempt - 1));
        } else if (code === ErrorCode.RateLimitedError) {
          reason = 'rate_limited';
          waitMs = Math.max(1, (error as { retryAfter?: number }).retryAfter ?? 1) * 1000;
        } else if (code === ErrorCode.HTTPError || code === ErrorCode.RequestError) {
          reason = code === ErrorCode.HTTPError ? `http_${(error as { statusCode?: number }).statusCode}` : 'request_error';
          waitMs = Math.min(cap, base * 2 ** (attempt - 1));
        } else {
          throw error;
        }
        // A 429 was refused before anything happened; anything else may have been done without the answer.
        if (reason !== 'rate_limited') uncertain = true;
        // Jitter so replicas retrying the same outage do not knock in step; never earlier than Retry-After.
        waitMs = Math.round(waitMs * (reason === 'rate_limited' ? 1 + Math.random() * 0.2 : 0.8 + Math.random() * 0.4));
        if (now() - started + waitMs > budgetMs) throw new SlackUnavailableError(method, attempt, error);
        if (reason === 'rate_limited') blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, now() + waitMs));
      }
      options.onRetry?.({ method, attempt, waitMs, reason });
      if (reason !== 'rate_limited') await sleep(waitMs);
    }
  }

  const wrap =
    <A, R>(method: string, fn: Method<A, R>): Method<A, R> =>
    (args) =>
      send(method, channelOf(args), () => fn(args));

  return {
    auth: { test: wrap('auth.test', client.auth.test) },
    chat: {
      postMessage: (args) => send('chat.postMessage', args.channel, () => client.chat.postMessage(args), () => alreadyPosted(args)),
      update: wrap('chat.update', client.chat.update),
      postEphemeral: wrap('chat.postEphemeral', client.chat.postEphemeral),
      getPermalink: wrap('chat.getPermalink', client.chat.getPermalink),
    },
    conversations: {
      create: wrap('conversations.create', client.conversations.create),
      invite: wrap('conversations.invite', client.conversations.invite),
      setTopic: wrap('conversations.setTopic', client.conversations.setTopic),
      join: wrap('conversations.join', client.conversations.join),
      archive: wrap('conversations.archive', client.conversations.archive),
      history: wrap('conversations.history', client.conversations.history),
      replies: wrap('conversations.replies', client.conversations.replies),
    },
    pins: { add: wrap('pins.add', client.pins.add) },
    reactions: { get: wrap('reactions.get', client.reactions.get) },
    usergroups: { users: { list: wrap('usergroups.users.list', client.usergroups.users.list) } },
    users: { info: wrap('users.info', client.users.info), list: wrap('users.list', client.users.list) },
    views: { open: wrap('views.open', client.views.open), publish: wrap('views.publish', client.views.publish) },
    filesUploadV2: wrap('files.uploadV2', (args: FilesUploadV2Arguments) => client.filesUploadV2(args)),
    findPosted,
  };
}
