// Reading a timeline stream a page at a time; the cursor is the stream id of the last entry read.
import type { Redis } from 'ioredis';
import type { TimelineEvent } from '../domain/timeline.js';
import { decodeTimelineEntry, type RawStreamEntry, type StreamEntry } from './codec.js';

import type { PageRequest, TimelinePage } from '../app/ports.js';

// One XRANGE page, exclusive of the cursor, in append order.
export async function readTimelinePage(redis: Redis, key: string, page: PageRequest = {}): Promise<TimelinePage> {
  const count = page.count ?? 100;
  const start = page.after === undefined ? '-' : `(${page.after}`;
  const entries = (await redis.xrangeBuffer(key, start, '+', 'COUNT', count)) as RawStreamEntry[];
  const last = entries.at(-1);
  return Object.assign(entries.map(decodeTimelineEntry), entries.length === count && last ? { next: last[0].toString() } : {});
}

// The whole timeline in a few round trips: the stream's first and last ids give its span of append times,
// which is cut into slices of about SLICE entries that all go to Redis at once (a 10,000-event incident is two
// round trips instead of twenty pages read one after another). A slice that comes back full (appends bunched
// in a few milliseconds) is read on page by page, so no reply is ever larger than SLICE entries. Slices are
// small on purpose: a reply's raw form (arrays and a Buffer per field) lives until it is decoded, and replies
// of 1,000 entries kept so much alive that the garbage collector's copying cost more than the read itself.
const SLICE = 100;

const appendMs = (streamId: string): number => Number(streamId.split('-')[0]);

export async function readTimeline(redis: Redis, key: string): Promise<TimelineEvent[]> {
  const ends = await redis.pipeline().xrange(key, '-', '+', 'COUNT', 1).xrevrange(key, '+', '-', 'COUNT', 1).xlen(key).exec();
  const [first, last, length] = (ends ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [StreamEntry[], StreamEntry[], number];
  const from = first[0]?.[0];
  const to = last[0]?.[0];
  if (from === undefined || to === undefined || length === 0) return [];
  const [start, end] = [appendMs(from), appendMs(to)];
  const count = Math.max(1, Math.min(Math.ceil(length / SLICE), end - start + 1));
  const bounds = Array.from({ length: count }, (_, i) => [start + Math.floor((i * (end - start + 1)) / count), start + Math.floor(((i + 1) * (end - start + 1)) / count) - 1] as const);
  // The slices go out together (one connection keeps them in order) and each is decoded as its reply arrives,
  // so raw replies (a Buffer per field) never pile up for the garbage collector to copy.
  const slices = await Promise.all(bounds.map(([lo, hi]) => readSlice(redis, key, String(lo), String(hi))));
  return slices.flat();
}

// One slice, read on past its last id while it comes back full.
async function readSlice(redis: Redis, key: string, lo: string, hi: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  let from = lo;
  for (;;) {
    const entries = (await redis.xrangeBuffer(key, from, hi, 'COUNT', SLICE)) as RawStreamEntry[];
    for (const entry of entries) events.push(decodeTimelineEntry(entry));
    const last = entries[entries.length - 1];
    if (entries.length < SLICE || last === undefined) return events;
    from = `(${last[0].toString()}`;
  }
}
