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
  return events.flatMap((event) => [event.id, event.type, String(event.at), JSON.stringify(event)]);
}

// Field/value pairs of a stream entry as a lookup.
export function streamFields(fields: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i] as string, fields[i + 1] as string);
  return map;
}

// Reads one timeline stream entry back into the event that was appended.
export function decodeTimelineEntry([streamId, fields]: StreamEntry): TimelineEvent {
  // The field read directly: a Map per entry is most of the decoding cost of a 10,000-event report.
  const at = fields.indexOf('json');
  const json = at >= 0 && at % 2 === 0 ? fields[at + 1] : streamFields(fields).get('json');
  const value: unknown = json === undefined ? undefined : JSON.parse(json);
  if (
    !isRecord(value) ||
    typeof value['id'] !== 'string' ||
    typeof value['type'] !== 'string' ||
    typeof value['at'] !== 'number' ||
    typeof value['incidentId'] !== 'string'
  ) {
    throw new Error(`timeline entry ${streamId} is malformed`);
  }
  return value as unknown as TimelineEvent;
}
