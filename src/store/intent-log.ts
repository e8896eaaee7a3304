// People's actions on an incident as a stream: appending is O(1) and never contends, so an action is durable
// before its answer goes out; one folder at a time (a lock per incident) applies the stream in order to the
// record. Nothing here retries a lost race: a folder that finds the lock taken leaves the work to its holder.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { UNCONFIRMED_GRACE_MS, type Decide, type FoldPass, type IntentLog, type IntentOutcome } from '../app/intent-port.js';
import type { Incident } from '../domain/incident.js';
import type { TimelineEvent } from '../domain/timeline.js';
import { assertEventsOf, decodeIncident, eventArgs, streamFields, type StreamEntry } from './codec.js';
import { appendIntentScript, foldIntentsScript, readIntentsScript, releaseLockScript, settleIntentScript } from './intent-scripts.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';
import { replicaBarrier } from './replica-barrier.js';

export interface IntentLogOptions {
  readonly prefix?: string;
  /** How long an intent's outcome is remembered (and so a repeated request recognised). */
  readonly outcomeTtlSeconds?: number;
  /**
   * How long an intent no replica confirmed or revoked waits before it is folded anyway: its replica died
   * after answering "saved". Longer than any stall after which a replica's revoke would still be on its way.
   */
  readonly unconfirmedGraceMs?: number;
  /** Replicas that must hold an appended intent before it counts as saved (Redis WAIT); 0 = do not wait. */
  readonly replicas?: number;
  /** How long to wait for them; after that the append is answered as not replicated (and revoked). */
  readonly replicaWaitMs?: number;
}

const BATCH = 256;
const LOCK_MS = 10_000;

export function createIntentLog(redis: Redis, options: IntentLogOptions = {}): IntentLog {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  const ttl = options.outcomeTtlSeconds ?? 24 * 60 * 60;
  const grace = options.unconfirmedGraceMs ?? UNCONFIRMED_GRACE_MS;
  // Within the answer budget: the append may run up to 1.5 s after arrival, the answer is given up at 2 s.
  const barrier = replicaBarrier(redis, options.replicas ?? 0, options.replicaWaitMs ?? 400);

  async function foldLocked(id: string, token: string, decide: Decide): Promise<FoldPass> {
    for (;;) {
      const read = (await readIntentsScript.run(redis, [keys.incident(id), keys.intents(id), keys.outcomes(id)], [BATCH])) as
        | [string, string, StreamEntry[], string[], string]
        | null;
      if (read === null) return { state: 'missing' };
      const [json, version, entries, states, serverMs] = read;
      const current = decodeIncident(json);
      let incident = current;
      const events: TimelineEvent[] = [];
      const outcomes = new Map<string, IntentOutcome>();
      let cursor: string | undefined;
      let waiting = false;
      for (const [n, [streamId, fields]] of entries.entries()) {
        const state = states[n] ?? '';
        // In order per incident: an intent its replica may still revoke holds back everything after it.
        if (state === 'p' && Number(serverMs) - Number(streamId.split('-')[0]) < grace) {
          waiting = true;
          break;
        }
        cursor = streamId;
        const entry = streamFields(fields);
        const key = entry.get('key') ?? '';
        if (state !== 'p' && state !== 'c') continue; // revoked, or its outcome expired long ago
        let applied: ReturnType<Decide>;
        try {
          applied = decide(incident, entry.get('json') ?? '');
        } catch (error) {
          // A corrupt entry must not block the stream for ever: it is refused, and the error says why.
          applied = { ok: false, error: { code: 'unexpected', message: (error as Error).message } };
        }
        if (applied.ok) {
          incident = applied.value.incident;
          events.push(...applied.value.events);
          outcomes.set(key, { ok: true, events: applied.value.events.map((e) => e.id) });
        } else {
          outcomes.set(key, { ok: false, error: applied.error });
        }
      }
      if (cursor === undefined) return { state: waiting ? 'waiting' : 'idle' };
      assertEventsOf(id, events);
      const changed = incident !== current;
      // The store, not the transition, bumps the version, once per pass.
      const next = { ...incident, version: current.version + 1 } as Incident;
      const outcomeArgs = [...outcomes].flatMap(([key, outcome]) => [key, JSON.stringify(outcome)]);
      const reply = await foldIntentsScript.run(
        redis,
        [keys.incident(id), keys.timeline(id), keys.eventIds(id), keys.open, keys.recent, keys.intents(id), keys.outcomes(id), keys.foldLock(id), keys.unfolded, keys.timelineText(id)],
        [
          token,
          version,
          changed ? JSON.stringify(next) : '',
          String(next.version),
          next.status,
          next.declaredAt,
          cursor,
          id,
          ttl,
          outcomes.size,
          ...outcomeArgs,
          ...eventArgs(events),
        ],
      );
      // A compare-and-set writer moved the record under us: nothing was written, read again.
      if (reply === 'conflict') continue;
      if (reply === 'lost_lock') return { state: 'busy' };
      return { state: 'folded', outcomes, ...(changed ? { incident: next } : {}), events, more: waiting || entries.length === BATCH };
    }
  }

  return {
    async append(id, key, intentJson, deadlineMs) {
      const reply = (await appendIntentScript.run(
        redis,
        [keys.incident(id), keys.intents(id), keys.outcomes(id), keys.idempotency(id, key), keys.unfolded],
        [key, intentJson, deadlineMs, ttl, id],
      )) as [string, string?];
      const ticket = barrier.wrote();
      const [status, state] = reply;
      if (status === 'duplicate') return { status, state: state ?? '' };
      if (status === 'ok') return (await barrier.replicated(ticket)) ? { status } : { status: 'unreplicated' };
      if (status === 'late' || status === 'missing') return { status };
      throw new Error(`unexpected append reply ${String(status)}`);
    },

    async confirm(id, key) {
      await settleIntentScript.run(redis, [keys.outcomes(id)], [key, 'c']);
    },

    // A revoke must reach the replicas as surely as a "saved" intent: the replica that held the intent but not
    // its revoke would be promoted with a pending intent, and fold it after the grace period although the
    // person was told "not saved". So a revoke the replicas do not hold yet throws, and the caller sends it
    // again (after a failover, to the new primary) until they do.
    async revoke(id, key) {
      const found = String(await settleIntentScript.run(redis, [keys.outcomes(id)], [key, 'r']));
      const ticket = barrier.wrote();
      if (!(await barrier.replicated(ticket))) throw new Error(`the revoke of ${key} is not on the replicas yet`);
      return found === 'p' || found === 'r' || found === '';
    },

    async outcome(id, key) {
      return (await redis.hget(keys.outcomes(id), key)) ?? undefined;
    },

    async fold(id, decide) {
      const token = randomUUID();
      if ((await redis.set(keys.foldLock(id), token, 'PX', LOCK_MS, 'NX')) === null) return { state: 'busy' };
      try {
        return await foldLocked(id, token, decide);
      } finally {
        await releaseLockScript.run(redis, [keys.foldLock(id)], [token]);
      }
    },

    unfolded: () => redis.smembers(keys.unfolded),
  };
}
