// Incidents in Redis: optimistic concurrency on the record, its timeline stream and the indexes, written
// together so that no reader ever sees an incident without its events or an index without its incident.
import type { Redis } from 'ioredis';
import type { Incident } from '../domain/incident.js';
import { err, ok } from '../domain/result.js';
import { assertEventsOf, decodeIncident, eventArgs } from './codec.js';
import { appendEventsScript, createIncidentScript, findByLinkScript, setLinkScript } from './incident-scripts.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';
import { isIndexedLink } from '../app/links.js';
import type { IncidentStore, NotFound } from '../app/ports.js';
import { readTimeline, readTimelinePage } from './timeline-page.js';
import { updateIncident } from './update-incident.js';

// The port is the application's (src/app/ports.ts); re-exported so callers of the store need only this module.
export type { IncidentStore, NotFound, PageRequest, TimelinePage, Transition, Updated } from '../app/ports.js';

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

    async create(incident, events, claim) {
      assertEventsOf(incident.id, events);
      const { id } = incident;
      const scriptKeys = [keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.open, keys.recent, keys.timelineText(id)];
      const outcome = await createIncidentScript.run(redis, claim ? [...scriptKeys, keys.links(id), keys.linkIndex(claim.key)] : scriptKeys, [
        id,
        JSON.stringify(incident),
        String(incident.version),
        incident.status,
        incident.declaredAt,
        claim?.key ?? '',
        claim?.value ?? '',
        claim?.replaces ?? '',
        ...eventArgs(events),
      ]);
      return outcome === 'exists' || outcome === 'taken' ? err(outcome) : ok(incident);
    },

    get,
    getMany,
    listOpen: async () => getMany(await redis.zrevrange(keys.open, 0, -1)),
    listRecent: async (limit) => (limit <= 0 ? [] : getMany(await redis.zrevrange(keys.recent, 0, limit - 1))),
    listDeclared: async (from, to) => getMany(await redis.zrangebyscore(keys.recent, from, `(${to}`)),
    update: (id, transition, opts = {}) => updateIncident(updateContext, id, transition, opts.idempotencyKey, opts.lastSeen, opts.audit),

    async appendEvents(id, events) {
      assertEventsOf(id, events);
      if (events.length === 0) return (await redis.exists(keys.incident(id))) ? ok(0) : err(notFound);
      const added = Number(
        await appendEventsScript.run(redis, [keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.timelineText(id)], eventArgs(events)),
      );
      return added < 0 ? err(notFound) : ok(added);
    },

    timeline: (id, page) => readTimelinePage(redis, keys.timeline(id), page),
    timelineAll: (id) => readTimeline(redis, keys.timeline(id), keys.timelineText(id)),
    async timelineLengths(ids) {
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.xlen(keys.timeline(id));
      return ((await pipeline.exec()) ?? []).map(([error, length]) => {
        if (error) throw error;
        return Number(length);
      });
    },

    async setLink(id, key, value) {
      // Only the keys looked up by value get a reverse index: a message ts or a digest is never searched for.
      const scriptKeys = [keys.incident(id), keys.links(id), ...(isIndexedLink(key) ? [keys.linkIndex(key)] : [])];
      const outcome = await setLinkScript.run(redis, scriptKeys, [key, value, id]);
      return outcome === 'missing' ? err(notFound) : ok(undefined);
    },

    getLinks: (id) => redis.hgetall(keys.links(id)),

    // One round trip: a click finds its incident by its channel before anything else.
    async findByLink(key, value) {
      const json = (await findByLinkScript.run(redis, [keys.linkIndex(key)], [value, keys.incident('')])) as string | null;
      return json === null ? undefined : decodeIncident(json);
    },

    reportsOwed: () => redis.smembers(keys.reportsOwed),
    async reportDelivered(id) {
      await redis.srem(keys.reportsOwed, id);
    },
  };
}
