// Slack's per-method rate limits, per app and workspace: each Web API method has a tier (calls per minute, with
// bursts allowed), and chat.postMessage has its own limit of about one message per second per channel with a
// small burst. A call over the limit is answered HTTP 429 `ratelimited` with a Retry-After in seconds.
// Tiers are from each method's reference page; conversations.history is Tier 3 for internal apps (the 2025
// Tier 1 limit applies only to commercially distributed apps outside the Marketplace).

export type RateLimit = { readonly perMinute: number; readonly burst: number; readonly perChannel?: boolean };

const tier = (perMinute: number): RateLimit => ({ perMinute, burst: perMinute });
/** "1+ per minute … a small amount of burst behavior is tolerated". */
export const TIER_1: RateLimit = { perMinute: 1, burst: 3 };
export const TIER_2 = tier(20);
export const TIER_3 = tier(50);
export const TIER_4 = tier(100);
/** chat.postMessage: ~1 per second per channel, short bursts allowed. */
export const POST_MESSAGE: RateLimit = { perMinute: 60, burst: 3, perChannel: true };

export const METHOD_LIMITS: Readonly<Record<string, RateLimit>> = {
  'apps.connections.open': TIER_1,
  'auth.test': TIER_4,
  'chat.postMessage': POST_MESSAGE,
  'chat.postEphemeral': TIER_4,
  'chat.update': TIER_3,
  'chat.getPermalink': TIER_4,
  'conversations.create': TIER_2,
  'conversations.invite': TIER_3,
  'conversations.setTopic': TIER_2,
  'conversations.setPurpose': TIER_2,
  'conversations.archive': TIER_2,
  'conversations.info': TIER_3,
  'conversations.join': TIER_3,
  'conversations.members': TIER_4,
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'pins.add': TIER_2,
  'reactions.add': TIER_3,
  'reactions.get': TIER_3,
  'views.open': TIER_4,
  'views.push': TIER_4,
  'views.update': TIER_4,
  // Home tabs too: a redraw for everyone who opened one, after every change of an incident, counts here.
  'views.publish': TIER_4,
  'users.info': TIER_4,
  'users.list': TIER_2,
  'usergroups.list': TIER_2,
  'usergroups.users.list': TIER_2,
  'files.getUploadURLExternal': TIER_4,
  'files.completeUploadExternal': TIER_4,
  'files.info': TIER_4,
  'bookmarks.add': TIER_2,
};

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per method (and per channel for chat.postMessage), on their own clock (ms). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: () => number,
    private readonly limits: Readonly<Record<string, RateLimit>> = METHOD_LIMITS,
  ) {}

  /** Counts one call; answers the Retry-After seconds when the call is over its limit (and is not counted). */
  take(method: string, channel: string | undefined): number | undefined {
    const limit = this.limits[method];
    if (limit === undefined) return undefined;
    const key = limit.perChannel === true ? `${method} ${channel ?? ''}` : method;
    const now = this.clock();
    const perMs = limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
