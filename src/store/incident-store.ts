// Incidents in Redis: optimistic concurrency on the record, its timeline stream and the indexes, written
// together so that no reader ever sees an incident without its events or an index without its incident.
import type { Redis } from 'ioredis';
import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { TimelineEvent } from '../domain/timeline.js';
import { assertEventsOf, decodeIncident, eventArgs } from './codec.js';
import { appendEventsScript, createIncidentScript, setLinkScript } from './incident-scripts.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';
import { readTimeline, readTimelinePage, type PageRequest, type TimelinePage } from './timeline-page.js';
import { updateIncident } from './update-incident.js';

// Re-exported so callers of timeline() need only this module.
export type { PageRequest, TimelinePage } from './timeline-page.js';

/** The incident id names nothing: a stale button, a typo, an incident from another prefix. */
export interface NotFound {
  readonly code: 'not_found';
}

/** A pure domain step: the store may call it several times when it loses a race. */
export type Transition<E> = (
  incident: Incident,
) => Result<{ readonly incident: Incident; readonly events: readonly TimelineEvent[] }, E>;

/** What an update did, so the caller can re-render and notify. */
export interface Updated {
  readonly incident: Incident;
  /** The events written; for a duplicate, the events the first application wrote. */
  readonly events: TimelineEvent[];
  readonly duplicate: boolean;
}

/** The port the adapters use; another implementation (in memory) can stand in for tests. */
export interface IncidentStore {
  nextNumber(): Promise<number>;
  create(incident: Incident, events: readonly TimelineEvent[]): Promise<Result<Incident, 'exists'>>;
  get(id: string): Promise<Incident | undefined>;
  /** The incidents that exist, in the order asked for. */
  getMany(ids: readonly string[]): Promise<Incident[]>;
  /** Incidents not closed, newest declaration first. */
  listOpen(): Promise<Incident[]>;
  listRecent(limit: number): Promise<Incident[]>;
  update<E>(
    id: string,
    transition: Transition<E>,
    opts?: { readonly idempotencyKey?: string },
  ): Promise<Result<Updated, E | NotFound>>;
  /** Returns how many events were new; an id already on the timeline is not written again. */
  appendEvents(id: string, events: readonly TimelineEvent[]): Promise<Result<number, NotFound>>;
  timeline(id: string, page?: PageRequest): Promise<TimelinePage>;
  timelineAll(id: string): Promise<TimelineEvent[]>;
  /** Records an adapter reference (Slack channel id, header message ts, …) and indexes it for findByLink. */
  setLink(id: string, key: string, value: string): Promise<Result<void, NotFound>>;
  getLinks(id: string): Promise<Record<string, string>>;
  findByLink(key: string, value: string): Promise<Incident | undefined>;
}

/** Deployment settings: the key prefix (and so the cluster slot) and the idempotency window. */
export interface IncidentStoreOptions {
  readonly prefix?: string;
  /** How long a repeated idempotency key is recognised. */
  readonly idempotencyTtlSeconds?: number;
}

const notFound: NotFound = { code: 'not_found' };

// The Redis-backed incident store; several bot replicas may share one Redis.
export function createIncidentStore(redis: Redis, options: IncidentStoreOptions = {}): IncidentStore {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);

  const get = async (id: string): Promise<Incident | undefined> => {
    const json = await redis.hget(keys.incident(id), 'json');
    return json === null ? undefined : decodeIncident(json);
  };

  const getMany = async (ids: readonly string[]): Promise<Incident[]> => {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(keys.incident(id), 'json');
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, json]) => {
      if (error) throw error;
      return typeof json === 'string' ? [decodeIncident(json)] : [];
    });
  };

  const updateContext = { redis, keys, idempotencyTtlSeconds: options.idempotencyTtlSeconds ?? 24 * 60 * 60, get };

  return {
    nextNumber: () => redis.incr(keys.counter),

    async create(incident, events) {
      assertEventsOf(incident.id, events);
      const { id } = incident;
      const scriptKeys = [keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.open, keys.recent];
      const outcome = await createIncidentScript.run(redis, scriptKeys, [
        id,
        JSON.stringify(incident),
        String(incident.version),
        incident.status,
        incident.declaredAt,
        ...eventArgs(events),
      ]);
      return outcome === 'exists' ? err('exists') : ok(incident);
    },

    get,
    getMany,
    listOpen: async () => getMany(await redis.zrevrange(keys.open, 0, -1)),
    listRecent: async (limit) => (limit <= 0 ? [] : getMany(await redis.zrevrange(keys.recent, 0, limit - 1))),
    update: (id, transition, opts = {}) => updateIncident(updateContext, id, transition, opts.idempotencyKey),

    async appendEvents(id, events) {
      assertEventsOf(id, events);
      if (events.length === 0) return (await redis.exists(keys.incident(id))) ? ok(0) : err(notFound);
      const added = Number(
        await appendEventsScript.run(redis, [keys.incident(id), keys.timeline(id), keys.eventIds(id)], eventArgs(events)),
      );
      return added < 0 ? err(notFound) : ok(added);
    },

    timeline: (id, page) => readTimelinePage(redis, keys.timeline(id), page),
    timelineAll: (id) => readTimeline(redis, keys.timeline(id)),

    async setLink(id, key, value) {
      const scriptKeys = [keys.incident(id), keys.links(id), keys.linkIndex(key)];
      const outcome = await setLinkScript.run(redis, scriptKeys, [key, value, id]);
      return outcome === 'missing' ? err(notFound) : ok(undefined);
    },

    getLinks: (id) => redis.hgetall(keys.links(id)),

    async findByLink(key, value) {
      const id = await redis.hget(keys.linkIndex(key), value);
      return id === null ? undefined : get(id);
    },
  };
}
