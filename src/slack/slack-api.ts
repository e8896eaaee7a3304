// Every Slack Web API write goes through here: a timeout per call, bounded retries with backoff that honour
// Retry-After, and per-channel pacing for chat.postMessage. A Slack outage of a few minutes delays messages;
// it does not lose them (the queue job that called us is retried after that).
import { ErrorCode, type WebClient } from '@slack/web-api';

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

export interface SlackApi {
  call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>): Promise<T>;
}

export interface SlackApiOptions {
  /** How long one call may keep retrying before the surrounding job gives up for now (default 150 s). */
  readonly maxRetryMs?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Minimum spacing of chat.postMessage per channel after a burst (Slack: about 1 message/s/channel). */
  readonly channelIntervalMs?: number;
  readonly channelBurst?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly onRetry?: (info: { method: string; attempt: number; waitMs: number; reason: string }) => void;
}

/** Slack errors that mean "try again", as opposed to a definite answer like channel_not_found. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSlackApi(client: WebClient, options: SlackApiOptions = {}): SlackApi {
  const maxRetryMs = options.maxRetryMs ?? 150_000;
  const base = options.baseBackoffMs ?? 500;
  const cap = options.maxBackoffMs ?? 15_000;
  const interval = options.channelIntervalMs ?? 1000;
  const burst = options.channelBurst ?? 3;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const channelTokens = new Map<string, { tokens: number; at: number }>();

  async function pace(channel: string): Promise<void> {
    const bucket = channelTokens.get(channel) ?? { tokens: burst, at: now() };
    const refill = Math.floor((now() - bucket.at) / interval);
    if (refill > 0) {
      bucket.tokens = Math.min(burst, bucket.tokens + refill);
      bucket.at += refill * interval;
    }
    if (bucket.tokens <= 0) {
      await sleep(bucket.at + interval - now());
      bucket.tokens = 1;
      bucket.at = now();
    }
    bucket.tokens -= 1;
    channelTokens.set(channel, bucket);
  }

  return {
    async call<T>(method: string, args: Record<string, unknown>): Promise<T> {
      if (method === 'chat.postMessage' && typeof args['channel'] === 'string') await pace(args['channel']);
      const started = now();
      for (let attempt = 1; ; attempt += 1) {
        let waitMs: number;
        let reason: string;
        try {
          return (await client.apiCall(method, args)) as unknown as T;
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
          // Jitter so replicas retrying the same outage do not knock in step; never earlier than Retry-After.
          waitMs = Math.round(waitMs * (reason === 'rate_limited' ? 1 + Math.random() * 0.2 : 0.8 + Math.random() * 0.4));
          if (now() - started + waitMs > maxRetryMs) throw new SlackUnavailableError(method, attempt, error);
        }
        options.onRetry?.({ method, attempt, waitMs, reason });
        await sleep(waitMs);
      }
    },
  };
}
