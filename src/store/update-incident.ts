// The optimistic-concurrency loop behind IncidentStore.update: read, apply the pure transition, then
// compare-and-set on the version in one script with the events, the indexes and the idempotency record.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { AuditEntry } from '../app/ports.js';
import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { TimelineEvent } from '../domain/timeline.js';
import { auditFields } from './audit-log.js';
import { assertEventsOf, eventArgs } from './codec.js';
import type { NotFound, Transition, Updated } from './incident-store.js';
import { updateIncidentScript } from './incident-scripts.js';
import type { StoreKeys } from './keys.js';

/** What the update loop needs from the store that owns it. */
export interface UpdateContext {
  readonly redis: Redis;
  readonly keys: StoreKeys;
  readonly idempotencyTtlSeconds: number;
  get(id: string): Promise<Incident | undefined>;
}

const MAX_ATTEMPTS = 64;
const MAX_BACKOFF_MS = 20;

// Full jitter: writers that lost a race spread out instead of colliding again in lockstep.
const backoff = (attempt: number): Promise<void> => sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt));

interface Read {
  /** Set when the keyed request was already applied: its answer. */
  readonly duplicate?: Updated;
  readonly current: Incident | undefined;
}

// The idempotency record and the incident are asked for together (one round trip); when the request is new,
// the incident read with it is what the transition starts from.
async function read(context: UpdateContext, id: string, key: string | undefined): Promise<Read> {
  if (key === undefined) return { current: await context.get(id) };
  const [recorded, incident] = await Promise.all([context.redis.get(context.keys.idempotency(id, key)), context.get(id)]);
  if (recorded === null || incident === undefined) return { current: incident };
  return { duplicate: { incident, events: JSON.parse(recorded) as TimelineEvent[], duplicate: true }, current: incident };
}

// Retries lost races (bounded, with jitter) so concurrent updates never lose one; throws only when Redis
// is so contended that 64 attempts in a row lost, which is an infrastructure failure, not an outcome.
export async function updateIncident<E>(
  context: UpdateContext,
  id: string,
  transition: Transition<E>,
  idempotencyKey: string | undefined,
  lastSeen?: Incident,
  audit?: AuditEntry,
): Promise<Result<Updated, E | NotFound>> {
  const { redis, keys } = context;
  const audited = audit === undefined ? [] : auditFields(audit);
  // The caller's copy saves the first read. The script still checks its version and the idempotency key, so a
  // copy that is no longer current, or a request already applied, is found out there and read afresh.
  let seen = lastSeen?.id === id ? lastSeen : undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const fromSeen = seen !== undefined;
    const { duplicate, current } = seen ? { duplicate: undefined, current: seen } : await read(context, id, idempotencyKey);
    seen = undefined;
    if (duplicate) return ok(duplicate);
    if (current === undefined) return err({ code: 'not_found' });
    const applied = transition(current);
    // A refusal stands only on what is stored now.
    if (!applied.ok && fromSeen) continue;
    if (!applied.ok) {
      // A concurrent copy of this request may have won between our duplicate check and our read: its effect
      // then makes the transition refuse. That is a duplicate, not a refusal.
      const again = idempotencyKey === undefined ? undefined : (await read(context, id, idempotencyKey)).duplicate;
      return again ? ok(again) : applied;
    }
    if (applied.value.incident.id !== id) throw new Error(`transition of ${id} returned ${applied.value.incident.id}`);
    // The store, not the transition, bumps the version: a transition that forgets cannot defeat the compare-and-set.
    const incident = { ...applied.value.incident, version: current.version + 1 } as Incident;
    const events = [...applied.value.events];
    assertEventsOf(id, events);
    const scriptKeys = [keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.open, keys.recent, keys.timelineText(id), keys.reportsOwed, keys.audit];
    if (idempotencyKey !== undefined) scriptKeys.push(keys.idempotency(id, idempotencyKey));
    const outcome = await updateIncidentScript.run(redis, scriptKeys, [
      id,
      String(current.version),
      JSON.stringify(incident),
      String(incident.version),
      incident.status,
      incident.declaredAt,
      context.idempotencyTtlSeconds,
      JSON.stringify(events),
      audited.length,
      ...audited,
      ...eventArgs(events),
    ]);
    if (outcome === 'ok') return ok({ incident, events, duplicate: false });
    if (outcome === 'missing') return err({ code: 'not_found' });
    if (outcome === 'conflict') {
      // A conflict of the caller's copy is not a race with another writer: read again at once.
      if (!fromSeen) await backoff(attempt);
    } else if (outcome !== 'duplicate') throw new Error(`unexpected update reply ${String(outcome)}`);
  }
  throw new Error(`update of ${id} lost ${MAX_ATTEMPTS} races in a row; Redis is overloaded or a writer loops`);
}
