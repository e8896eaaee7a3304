// How incidents and timeline events are written to Redis and read back: JSON, checked on the way in.
import type { Incident } from '../domain/incident.js';
import type { TimelineEvent } from '../domain/timeline.js';

/** An XRANGE reply entry: the stream id and its flat field/value list. */
export type StreamEntry = [id: string, fields: string[]];

const STATUSES = new Set(['declared', 'acknowledged', 'resolved', 'closed']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// Reads a stored incident; a record that is not one means the data was corrupted, which is a bug to surface.
export function decodeIncident(json: string): Incident {
  const value: unknown = JSON.parse(json);
  if (
    !isRecord(value) ||
    typeof value['id'] !== 'string' ||
    typeof value['version'] !== 'number' ||
    typeof value['status'] !== 'string' ||
    !STATUSES.has(value['status']) ||
    !isRecord(value['checklist'])
  ) {
    throw new Error(`stored incident is malformed: ${json.slice(0, 200)}`);
  }
  return value as unknown as Incident;
}

// An event filed under another incident is a caller bug; writing it would corrupt two timelines.
export function assertEventsOf(incidentId: string, events: readonly TimelineEvent[]): void {
  const stray = events.find((event) => event.incidentId !== incidentId);
  if (stray) throw new Error(`event ${stray.id} belongs to ${stray.incidentId}, not ${incidentId}`);
}

// The Lua scripts take events as flat (id, type, at, json) quads after their fixed arguments.
export function eventArgs(events: readonly TimelineEvent[]): string[] {
  return events.flatMap((event) => [event.id, event.type, String(event.at), asciiJson(event)]);
}

const NON_ASCII = /[\u007f-\uffff]/g;

/**
 * JSON with every character past ASCII written as a \u escape: the same value, in text whose bytes are its
 * characters. A 10,000-event timeline read back as such text skips a UTF-8 decode (15 ms of 45 for the read
 * and parse); Japanese text takes 6 bytes a character in Redis instead of 3.
 * @example asciiJson({ text: '調査' }) //=> '{"text":"\\u8abf\\u67fb"}'
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Field/value pairs of a stream entry as a lookup.
export function streamFields(fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i] as string, fields[i + 1] as string);
  return map;
}

/** An XRANGE reply entry as bytes (`xrangeBuffer`), left undecoded until a field is needed. */
export type RawStreamEntry = [id: Buffer, fields: Buffer[]];

// 'json' as bytes, compared inline: a native Buffer#equals per field costs more than the rest of the entry.
const isJsonName = (field: Buffer | undefined): boolean =>
  field !== undefined && field.length === 4 && field[0] === 0x6a && field[1] === 0x73 && field[2] === 0x6f && field[3] === 0x6e;

// The json field of an entry: where the first 'json' in the list is a field name, that field; otherwise the
// last field so named, as a lookup of the pairs reads it.
function jsonField(fields: readonly Buffer[]): Buffer | undefined {
  let first = 0;
  while (first < fields.length && !isJsonName(fields[first])) first += 1;
  if (first % 2 === 0) return fields[first + 1];
  let last: Buffer | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (isJsonName(fields[i])) last = fields[i + 1];
  return last;
}

/**
 * Reads one timeline stream entry back into the event that was appended. The entry comes as bytes: only
 * its json field is turned into text, which is most of the cost of reading a 10,000-event timeline saved.
 */
export function decodeTimelineEntry([streamId, fields]: RawStreamEntry): TimelineEvent {
  const json = jsonField(fields);
  const value: unknown = json === undefined ? undefined : JSON.parse(json.toString('utf8'));
  if (!isTimelineEvent(value)) throw new Error(`timeline entry ${streamId.toString()} is malformed`);
  return value;
}

/** The fields every stored timeline event has; the rest was checked when it was appended. */
export function isTimelineEvent(value: unknown): value is TimelineEvent {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    typeof value['type'] === 'string' &&
    typeof value['at'] === 'number' &&
    typeof value['incidentId'] === 'string'
  );
}
