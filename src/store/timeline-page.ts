// Reading a timeline stream a page at a time; the cursor is the stream id of the last entry read.
import type { Redis } from 'ioredis';
import type { TimelineEvent } from '../domain/timeline.js';
import { decodeTimelineEntry, type StreamEntry } from './codec.js';

import type { PageRequest, TimelinePage } from '../app/ports.js';

const ALL_PAGE = 500;

// One XRANGE page, exclusive of the cursor, in append order.
export async function readTimelinePage(redis: Redis, key: string, page: PageRequest = {}): Promise<TimelinePage> {
  const count = page.count ?? 100;
  const start = page.after === undefined ? '-' : `(${page.after}`;
  const entries = (await redis.xrange(key, start, '+', 'COUNT', count)) as StreamEntry[];
  const last = entries.at(-1);
  return Object.assign(entries.map(decodeTimelineEntry), entries.length === count && last ? { next: last[0] } : {});
}

// The whole timeline, read in pages so a long incident never becomes one huge reply.
export async function readTimeline(redis: Redis, key: string): Promise<TimelineEvent[]> {
  const all: TimelineEvent[] = [];
  let after: string | undefined;
  do {
    const page = await readTimelinePage(redis, key, { count: ALL_PAGE, ...(after === undefined ? {} : { after }) });
    all.push(...page);
    after = page.next;
  } while (after !== undefined);
  return all;
}
