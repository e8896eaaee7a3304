// Slack lets a channel take about one chat.postMessage a second after a short burst. A token bucket per channel
// spaces our posts to that, so a busy incident does not run into 429s. A bot lives for months and posts in a
// new channel for every incident: a bucket that has refilled says no more than no bucket at all, so quiet
// channels are forgotten and the map holds only the channels posted in during the last few seconds.

export interface ChannelPacerOptions {
  /** Spacing of posts in one channel once its burst is spent. */
  readonly intervalMs: number;
  readonly burst: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface ChannelPacer {
  /** Resolves when a post in this channel may go; calls in flight at once each take their own slot. */
  pace(channel: string): Promise<void>;
  /** How many channels it still remembers. */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createChannelPacer({ intervalMs, burst, now, sleep }: ChannelPacerOptions): ChannelPacer {
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();

  // Negative tokens are posts still waiting for their slot: such a bucket is full only once they have all gone.
  const isFull = (bucket: Bucket, at: number) => at - bucket.at >= intervalMs * (burst - bucket.tokens);

  function forgetQuietChannels(at: number): void {
    // At most once per refill time, so a bot posting in many channels at once does not sweep on every post.
    if (at - sweptAt < intervalMs * burst) return;
    sweptAt = at;
    for (const [channel, bucket] of buckets) if (isFull(bucket, at)) buckets.delete(channel);
  }

  return {
    async pace(channel) {
      const at = now();
      forgetQuietChannels(at);
      const bucket = buckets.get(channel) ?? { tokens: burst, at };
      buckets.set(channel, bucket);
      const refill = Math.floor((at - bucket.at) / intervalMs);
      if (refill > 0 && bucket.tokens + refill >= burst) {
        // Full: nothing accrues while it is, so its next token comes a whole interval after this post. (Keeping
        // the old beat would let that token come sooner, and a forgotten channel's fresh bucket would differ.)
        bucket.tokens = burst;
        bucket.at = at;
      } else if (refill > 0) {
        bucket.tokens += refill;
        bucket.at += refill * intervalMs;
      }
      bucket.tokens -= 1;
      if (bucket.tokens < 0) await sleep(bucket.at + intervalMs * -bucket.tokens - at);
    },
    get size() {
      return buckets.size;
    },
  };
}
