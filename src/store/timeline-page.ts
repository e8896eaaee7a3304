// Reading a timeline stream a page at a time; the cursor is the stream id of the last entry read.
import { isAscii } from 'node:buffer';
import type { Redis } from 'ioredis';
import type { TimelineEvent } from '../domain/timeline.js';
import { decodeTimelineEntry, isTimelineEvent, type RawStreamEntry, type StreamEntry } from './codec.js';
import { redisScript } from './redis-script.js';

import type { PageRequest, TimelinePage } from '../app/ports.js';

// One XRANGE page, exclusive of the cursor, in append order.
export async function readTimelinePage(redis: Redis, key: string, page: PageRequest = {}): Promise<TimelinePage> {
  const count = page.count ?? 100;
  const start = page.after === undefined ? '-' : `(${page.after}`;
  const entries = (await redis.xrangeBuffer(key, start, '+', 'COUNT', count)) as RawStreamEntry[];
  const last = entries.at(-1);
  return Object.assign(entries.map(decodeTimelineEntry), entries.length === count && last ? { next: last[0].toString() } : {});
}

/**
 * The whole timeline. Its text (every event's JSON, comma-led, written in the same step as the stream entry)
 * is read with the stream's length in one round trip and parsed with one JSON.parse: a 10,000-event
 * timeline in about half the time the stream itself takes. When the text is not exactly the stream's
 * events (an incident from before the text existed, or an entry written by hand), the stream is read.
 */
export async function readTimeline(redis: Redis, key: string, textKey: string): Promise<TimelineEvent[]> {
  const [length, bytes] = valuesOf(await redis.multi().xlen(key).getBuffer(textKey).exec()) as [number, Buffer | null];
  if (length === 0) return [];
  // The text is written as ASCII (see asciiJson), and ASCII bytes are their characters: no UTF-8 decoding.
  const text = bytes === null ? undefined : bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8', 1);
  return (text === undefined ? undefined : parseJoined(text, length)) ?? readStream(redis, key, length);
}

// The values of a pipeline's or a transaction's replies; the first error is thrown.
function valuesOf(replies: [error: Error | null, value: unknown][] | null): unknown[] {
  return (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

// The stream in a few round trips: its first and last ids give its span of append times, which is cut into
// slices of about SLICE entries that all go to Redis at once (a 10,000-event incident is two round trips
// instead of twenty pages read one after another). A slice that comes back full (appends bunched in a few
// milliseconds) is read on page by page, so no reply is ever larger than SLICE entries. Of the sizes tried
// on 10,000 bench-shaped events, 100 to 300 read fastest (36-42 ms) and 500 or 1,000 took twice as long.
const SLICE = 200;

const appendMs = (streamId: string): number => Number(streamId.split('-')[0]);

// `length`: the stream's length as just read, which sizes the slices.
async function readStream(redis: Redis, key: string, length: number): Promise<TimelineEvent[]> {
  const [first, last] = valuesOf(await redis.pipeline().xrange(key, '-', '+', 'COUNT', 1).xrevrange(key, '+', '-', 'COUNT', 1).exec()) as [StreamEntry[], StreamEntry[]];
  const from = first[0]?.[0];
  const to = last[0]?.[0];
  if (from === undefined || to === undefined) return [];
  const [start, end] = [appendMs(from), appendMs(to)];
  const count = Math.max(1, Math.min(Math.ceil(length / SLICE), end - start + 1));
  const bounds = Array.from({ length: count }, (_, i) => [start + Math.floor((i * (end - start + 1)) / count), start + Math.floor(((i + 1) * (end - start + 1)) / count) - 1] as const);
  const slices = await Promise.all(bounds.map(([lo, hi]) => readSlice(redis, key, String(lo), String(hi))));
  return slices.flat();
}

// KEYS: timeline. ARGV: from, to, count. The json fields of one XRANGE page joined by commas into one string,
// with the page's length and last id: {n, last id, joined}. A stream entry as a reply is an array of arrays
// with a string per field, and decoding those cost more than everything else in a whole-timeline read; one
// string per page is one JSON.parse. An entry without exactly one json field returns {n, last id} only, and
// that page is read entry by entry, which names the entry that is wrong.
const readJoinedScript = redisScript(`
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', ARGV[3])
local n = #entries
if n == 0 then return {0, '', ''} end
local parts = {}
for i, entry in ipairs(entries) do
  local fields = entry[2]
  local json
  for j = 1, #fields, 2 do
    if fields[j] == 'json' then
      if json then return {n, entries[n][1]} end
      json = fields[j + 1]
    end
  end
  if not json then return {n, entries[n][1]} end
  parts[i] = json
end
return {n, entries[n][1], table.concat(parts, ',')}
`);

// One slice, read on past its last id while it comes back full.
async function readSlice(redis: Redis, key: string, lo: string, hi: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  let from = lo;
  for (;;) {
    const [n, lastId, joined] = (await readJoinedScript.run(redis, [key], [from, hi, SLICE])) as [number, string, string?];
    const page = joined === undefined ? undefined : parseJoined(joined, n);
    if (page) events.push(...page);
    else for (const entry of (await redis.xrangeBuffer(key, from, lastId, 'COUNT', n)) as RawStreamEntry[]) events.push(decodeTimelineEntry(entry));
    if (n < SLICE) return events;
    from = `(${lastId}`;
  }
}

// The events of comma-joined JSON, or undefined when it is not n events (a json field that is not one JSON
// value, as only a hand-written entry could be): the caller then reads them entry by entry.
function parseJoined(joined: string, n: number): TimelineEvent[] | undefined {
  if (n === 0) return [];
  let values: unknown;
  try {
    values = JSON.parse(`[${joined}]`);
  } catch {
    return undefined;
  }
  return Array.isArray(values) && values.length === n && values.every(isTimelineEvent) ? values : undefined;
}
