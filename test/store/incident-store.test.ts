import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHECKLIST_ITEMS, type ChecklistItemId } from '../../src/domain/checklist.js';
import type { Incident } from '../../src/domain/incident.js';
import { err, ok } from '../../src/domain/result.js';
import { toggleItem } from '../../src/domain/checklist-rules.js';
import { declareIncident, resolveIncident } from '../../src/domain/lifecycle.js';
import { createAuditLog } from '../../src/store/audit-log.js';
import { createIncidentStore } from '../../src/store/incident-store.js';
import { storeKeys } from '../../src/store/keys.js';
import { aNote, anIncident, deletePrefix, T0, toggle, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('incident-store');
const keys = storeKeys(prefix);
let redis: Redis;
let replicas: Redis[];
let number = 0;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
  replicas = [1, 2, 3].map(() => new Redis(inject('redisUrl')));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await Promise.all([redis, ...replicas].map((r) => r.quit()));
});

const store = () => createIncidentStore(redis, { prefix });

async function created(overrides: Partial<Incident> = {}): Promise<Incident> {
  number += 1;
  const incident = anIncident(number, overrides);
  const result = await store().create(incident, [aNote(incident.id, `${incident.id}-declared`)]);
  expect(result.ok).toBe(true);
  return incident;
}

const snapshot = async (id: string) => ({
  record: await redis.hgetall(keys.incident(id)),
  timeline: await redis.xrange(keys.timeline(id), '-', '+'),
  text: await redis.get(keys.timelineText(id)),
  open: await redis.zrange(keys.open, '0', '-1'),
});

/** The timeline's text, which every write appends to with the stream, holds the stream's events in its order. */
async function expectTextAgreesWithStream(id: string): Promise<void> {
  const stream = (await redis.xrange(keys.timeline(id), '-', '+')).map(([, fields]) => JSON.parse(fields[fields.indexOf('json') + 1] as string) as unknown);
  const text = await redis.get(keys.timelineText(id));
  expect(JSON.parse(`[${(text ?? '').slice(1)}]`)).toEqual(stream);
}

describe('create and get', () => {
  it('stores the incident with its events and lists it as open', async () => {
    const incident = await created();
    expect(await store().get(incident.id)).toEqual(incident);
    expect((await store().timelineAll(incident.id)).map((e) => e.id)).toEqual([`${incident.id}-declared`]);
    expect((await store().listOpen()).map((i) => i.id)).toContain(incident.id);
  });

  it('refuses a second incident with the same id and leaves the first untouched', async () => {
    const incident = await created();
    const before = await snapshot(incident.id);
    const again = await store().create({ ...incident, title: 'other' }, [aNote(incident.id, 'other')]);
    expect(again).toEqual(err('exists'));
    expect(await snapshot(incident.id)).toEqual(before);
  });

  it('answers undefined for an unknown id and skips unknown ids in getMany', async () => {
    const incident = await created();
    expect(await store().get('inc-unknown')).toBeUndefined();
    expect((await store().getMany(['inc-unknown', incident.id])).map((i) => i.id)).toEqual([incident.id]);
    expect(await store().getMany([])).toEqual([]);
  });

  it('lists open incidents newest first, and recent ones including closed', async () => {
    const older = await created();
    const closed = await created({ status: 'closed' } as Partial<Incident>);
    const newer = await created();
    const open = (await store().listOpen()).map((i) => i.id);
    expect(open.indexOf(newer.id)).toBeLessThan(open.indexOf(older.id));
    expect(open).not.toContain(closed.id);
    expect((await store().listRecent(3)).map((i) => i.id)).toEqual([newer.id, closed.id, older.id]);
    expect(await store().listRecent(0)).toEqual([]);
  });

  it('hands out distinct incident numbers under concurrency', async () => {
    const numbers = await Promise.all(Array.from({ length: 30 }, () => store().nextNumber()));
    expect(new Set(numbers).size).toBe(30);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(29);
  });
});

describe('update', () => {
  it('applies the transition, bumps the version and writes its events in the same step', async () => {
    const incident = await created();
    const result = await store().update(incident.id, toggle('initial_logs', 'U2', 'e1'));
    expect(result.ok && result.value.duplicate).toBe(false);
    const stored = await store().get(incident.id);
    expect(stored?.version).toBe(incident.version + 1);
    expect(stored?.checklist.initial_logs).toEqual({ done: true, by: 'U2' });
    expect((await store().timelineAll(incident.id)).map((e) => e.type)).toEqual(['note', 'checklist_ticked']);
  });

  it('writes nothing when the transition refuses, and returns its error', async () => {
    const incident = await created();
    const before = await snapshot(incident.id);
    const result = await store().update(incident.id, () => err({ code: 'already_closed' as const }));
    expect(result).toEqual(err({ code: 'already_closed' }));
    expect(await snapshot(incident.id)).toEqual(before);
  });

  it('says not_found for an unknown incident without calling the transition', async () => {
    let called = false;
    const result = await store().update('inc-missing', (i) => {
      called = true;
      return ok({ incident: i, events: [] });
    });
    expect(result).toEqual(err({ code: 'not_found' }));
    expect(called).toBe(false);
  });

  it('treats a transition that returns another incident as a bug and writes nothing', async () => {
    const incident = await created();
    const before = await snapshot(incident.id);
    const other = anIncident(999);
    await expect(store().update(incident.id, () => ok({ incident: other, events: [] }))).rejects.toThrow(/returned inc-999/);
    expect(await snapshot(incident.id)).toEqual(before);
  });

  it('moves a closed incident out of the open index and keeps it in recent', async () => {
    const incident = await created();
    await store().update(incident.id, (i) => ok({ incident: { ...i, status: 'closed' } as Incident, events: [] }));
    expect(await redis.zscore(keys.open, incident.id)).toBeNull();
    expect(await redis.zscore(keys.recent, incident.id)).not.toBeNull();
  });

  it('applies a repeated idempotency key once and returns the first events', async () => {
    const incident = await created();
    const first = await store().update(incident.id, toggle('impact_assessed', 'U2', 'click-1'), { idempotencyKey: 'req-1' });
    const before = await snapshot(incident.id);
    const again = await store().update(incident.id, toggle('impact_assessed', 'U2', 'click-2'), { idempotencyKey: 'req-1' });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.duplicate).toBe(true);
    expect(again.value.events).toEqual(first.value.events);
    expect(again.value.incident).toEqual(first.value.incident);
    expect(await snapshot(incident.id)).toEqual(before);
    expect(await redis.ttl(keys.idempotency(incident.id, 'req-1'))).toBeGreaterThan(23 * 3600);
  });

  describe('from the copy the caller read', () => {
    // The store on a connection that counts its reads of an incident (HGET) and of an idempotency record (GET).
    const countingReads = () => {
      const reads: string[] = [];
      const counted = new Proxy(redis, {
        get(target, name) {
          const value: unknown = Reflect.get(target, name, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (name === 'hget' || name === 'get') reads.push(String(name));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      return { store: createIncidentStore(counted, { prefix }), reads };
    };

    it('writes from a current copy without reading the incident again', async () => {
      const incident = await created();
      const { store: counted, reads } = countingReads();
      const result = await counted.update(incident.id, toggle('initial_logs', 'U2', 'e1'), { idempotencyKey: 'seen-1', lastSeen: incident });
      expect(result.ok && result.value.duplicate).toBe(false);
      expect(reads).toEqual([]);
      expect((await store().get(incident.id))?.version).toBe(incident.version + 1);
    });

    it('loses no write made since the copy: the update is made again on the stored incident', async () => {
      const incident = await created();
      await store().update(incident.id, toggle('root_cause', 'U3', 'e1'));
      const result = await store().update(incident.id, toggle('initial_logs', 'U2', 'e2'), { lastSeen: incident });
      expect(result.ok).toBe(true);
      const stored = await store().get(incident.id);
      expect(stored?.version).toBe(incident.version + 2);
      expect([stored?.checklist.root_cause.done, stored?.checklist.initial_logs.done]).toEqual([true, true]);
      expect(await store().timelineAll(incident.id)).toHaveLength(3);
    });

    it('refuses only on the stored incident, not on an old copy', async () => {
      const incident = await created();
      await store().update(incident.id, toggle('root_cause', 'U3', 'e1'));
      const afterRootCause = (i: Incident) => (i.checklist.root_cause.done ? toggle('initial_logs', 'U2', 'e2')(i) : err({ code: 'not_yet' as const }));
      const result = await store().update(incident.id, afterRootCause, { lastSeen: incident });
      expect(result.ok).toBe(true);
      expect((await store().get(incident.id))?.checklist.initial_logs.done).toBe(true);
    });

    it('answers a request already applied as a duplicate and writes nothing', async () => {
      const incident = await created();
      const first = await store().update(incident.id, toggle('impact_assessed', 'U2', 'click-1'), { idempotencyKey: 'seen-req' });
      const before = await snapshot(incident.id);
      const stored = (await store().get(incident.id)) as Incident;
      for (const copy of [incident, stored]) {
        const again = await store().update(incident.id, toggle('impact_assessed', 'U2', 'click-2'), { idempotencyKey: 'seen-req', lastSeen: copy });
        expect(again.ok && again.value.duplicate).toBe(true);
        expect(again.ok && first.ok && again.value.events).toEqual(first.ok && first.value.events);
      }
      expect(await snapshot(incident.id)).toEqual(before);
    });

    it('ignores a copy of another incident', async () => {
      const [incident, other] = [await created(), await created()];
      const result = await store().update(incident.id, toggle('initial_logs', 'U2', 'e1'), { lastSeen: other });
      expect(result.ok && result.value.incident.id).toBe(incident.id);
      expect((await store().get(other.id))?.version).toBe(other.version);
    });
  });

  describe('with an audit entry', () => {
    const auditOf = async (requestId: string) =>
      (await createAuditLog(redis, { prefix }).read({ count: 10_000 })).filter((e) => e.requestId === requestId).map(({ streamId: _, ...entry }) => entry);
    const entry = (requestId: string) => ({ at: T0, actor: 'U2', action: 'run', decision: 'queued', requestId, commandId: 'env.python-version', host: 'backtest-1', paramsDigest: 'd1' });

    it('writes it in the step that stores the change, once however often the request comes again', async () => {
      const incident = await created();
      const first = await store().update(incident.id, toggle('initial_logs', 'U2', 'e1'), { idempotencyKey: 'audit-1', audit: entry('audit-1') });
      expect(first.ok && first.value.duplicate).toBe(false);
      const stored = (await store().get(incident.id)) as Incident;
      for (const copy of [undefined, incident, stored]) {
        const again = await store().update(incident.id, toggle('initial_logs', 'U2', 'e1'), { idempotencyKey: 'audit-1', audit: entry('audit-1'), ...(copy ? { lastSeen: copy } : {}) });
        expect(again.ok && again.value.duplicate).toBe(true);
      }
      expect(await auditOf('audit-1')).toEqual([entry('audit-1')]);
      expect((await store().timelineAll(incident.id)).map((e) => e.type)).toEqual(['note', 'checklist_ticked']);
    });

    it('writes it once when the caller’s copy was old and the change is made again on the stored incident', async () => {
      const incident = await created();
      await store().update(incident.id, toggle('root_cause', 'U3', 'e1'));
      const result = await store().update(incident.id, toggle('initial_logs', 'U2', 'e2'), { idempotencyKey: 'audit-2', lastSeen: incident, audit: entry('audit-2') });
      expect(result.ok).toBe(true);
      expect(await auditOf('audit-2')).toEqual([entry('audit-2')]);
    });

    it('writes nothing when the transition refuses or the incident is unknown', async () => {
      const incident = await created();
      const refused = await store().update(incident.id, () => err({ code: 'already_closed' as const }), { idempotencyKey: 'audit-3', audit: entry('audit-3') });
      const missing = await store().update('inc-missing', toggle('initial_logs', 'U2', 'e3'), { idempotencyKey: 'audit-4', audit: entry('audit-4') });
      expect([refused.ok, missing.ok]).toEqual([false, false]);
      expect([...(await auditOf('audit-3')), ...(await auditOf('audit-4'))]).toEqual([]);
    });

    it('refuses an entry the audit stream would not take, before writing anything', async () => {
      const incident = await created();
      const before = await snapshot(incident.id);
      const bad = { ...entry('audit-5'), at: Number.NaN as unknown as number, actor: undefined as unknown as string };
      await expect(store().update(incident.id, toggle('initial_logs', 'U2', 'e5'), { audit: bad })).rejects.toThrow();
      expect(await snapshot(incident.id)).toEqual(before);
    });
  });

  it('applies one of many concurrent requests that share an idempotency key', async () => {
    const incident = await created();
    const results = await Promise.all(
      replicas.flatMap((replica, r) =>
        [0, 1, 2, 3].map((n) =>
          createIncidentStore(replica, { prefix }).update(incident.id, toggle('root_cause', 'U3', `c-${r}-${n}`), {
            idempotencyKey: 'double-click',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.ok && !r.value.duplicate)).toHaveLength(1);
    expect((await store().get(incident.id))?.checklist.root_cause.done).toBe(true);
    expect(await store().timelineAll(incident.id)).toHaveLength(2);
    await expectTextAgreesWithStream(incident.id);
  });

  it('answers every concurrent copy of a request as a duplicate even when the winner makes the transition refuse', async () => {
    for (let round = 0; round < 20; round += 1) {
      const incident = await created();
      const results = await Promise.all(
        replicas.flatMap((replica) =>
          [0, 1, 2].map(() =>
            createIncidentStore(replica, { prefix }).update(
              incident.id,
              (i) => resolveIncident(i, { by: 'U3', at: Date.UTC(2026, 2, 10, 2), key: 'resolve-once' }),
              { idempotencyKey: 'resolve-once' },
            ),
          ),
        ),
      );
      expect(results.map((r) => (r.ok ? (r.value.duplicate ? 'duplicate' : 'applied') : r.error))).toEqual(
        expect.arrayContaining(['applied']),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.ok && !r.value.duplicate)).toHaveLength(1);
    }
  });

  it('50 concurrent clicks through the domain toggleItem equal the serial result (property)', async () => {
    // Items that evidence ticks (declaration, first response) need a reason to untick: not plain toggles.
    const manual = CHECKLIST_ITEMS.map((item) => item.id).filter((id) => !['detection_time', 'severity_assessed', 'response_time'].includes(id));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom<ChecklistItemId>(...manual), fc.constantFrom('U1', 'U2', 'U3')), { minLength: 1, maxLength: 50 }), async (clicks) => {
        // Far from the numbers the other tests of this file use.
        const number = 100_000 + (await store().nextNumber());
        const declared = declareIncident({ number, title: 'concurrent clicks', severity: 'high', source: 'slack' }, { by: 'U0', at: T0, key: `declare-${number}` });
        if (!declared.ok) throw new Error(declared.error.message);
        expect((await store().create(declared.value.incident, declared.value.events)).ok).toBe(true);
        const click = (item: ChecklistItemId, by: string, n: number) => (i: Incident) => toggleItem(i, item, { by, at: T0 + n, key: `click-${number}-${n}` });
        const results = await Promise.all(
          clicks.map(([item, by], n) => createIncidentStore(replicas[n % replicas.length] as Redis, { prefix }).update(declared.value.incident.id, click(item, by, n))),
        );
        expect(results.every((r) => r.ok)).toBe(true);
        const serial = clicks.reduce<Incident>((i, [item, by], n) => {
          const next = click(item, by, n)(i);
          if (!next.ok) throw new Error(next.error.message);
          return next.value.incident;
        }, declared.value.incident);
        const stored = (await store().get(declared.value.incident.id)) as Incident;
        const doneOf = (i: Incident) => CHECKLIST_ITEMS.map((item) => i.checklist[item.id].done);
        expect(doneOf(stored)).toEqual(doneOf(serial));
        expect(stored.status).toBe('acknowledged');
        expect(stored.version).toBe(serial.version);
        expect([...stored.responders].sort()).toEqual([...serial.responders].sort());
      }),
      { numRuns: 10, seed: 7 },
    );
  });

  it('loses no update when up to 50 concurrent toggles race (property: equals the serial result)', async () => {
    const items = CHECKLIST_ITEMS.map((item) => item.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<ChecklistItemId>(...items), { minLength: 1, maxLength: 50 }), async (toggles) => {
        const incident = await created();
        // Every third writer starts from the copy read before the race, which is stale for all but one.
        await Promise.all(
          toggles.map((item, n) => {
            const client = n % 2 === 0 ? redis : (replicas[n % replicas.length] as Redis);
            return createIncidentStore(client, { prefix }).update(incident.id, toggle(item, `U${n}`, `t-${n}`), n % 3 === 0 ? { lastSeen: incident } : {});
          }),
        );
        const serial = toggles.reduce((i, item, n) => {
          const next = toggle(item, `U${n}`, `t-${n}`)(i);
          return next.ok ? next.value.incident : i;
        }, incident);
        const stored = await store().get(incident.id);
        const doneOf = (i: Incident | undefined) => items.map((item) => i?.checklist[item].done);
        expect(doneOf(stored)).toEqual(doneOf(serial));
        expect(stored?.version).toBe(incident.version + toggles.length);
        expect(await store().timelineAll(incident.id)).toHaveLength(toggles.length + 1);
        await expectTextAgreesWithStream(incident.id);
      }),
      { numRuns: 15, seed: 42 },
    );
  });
});

describe('appendEvents', () => {
  it('writes each event id once, however often it is retried', async () => {
    const incident = await created();
    const [a, b, c] = [aNote(incident.id, 'a'), aNote(incident.id, 'b'), aNote(incident.id, 'c')];
    expect(await store().appendEvents(incident.id, [a, b])).toEqual(ok(2));
    expect(await store().appendEvents(incident.id, [b, c])).toEqual(ok(1));
    const retries = await Promise.all(replicas.map((r) => createIncidentStore(r, { prefix }).appendEvents(incident.id, [c, a])));
    expect(retries).toEqual(replicas.map(() => ok(0)));
    expect((await store().timelineAll(incident.id)).map((e) => e.id)).toEqual([`${incident.id}-declared`, 'a', 'b', 'c']);
    await expectTextAgreesWithStream(incident.id);
  });

  it('counts each timeline by its events, in the order asked, a missing one as empty', async () => {
    const [one, two] = [await created(), await created()];
    await store().appendEvents(two.id, [aNote(two.id, 'x'), aNote(two.id, 'y')]);
    expect(await store().timelineLengths([two.id, 'inc-none', one.id])).toEqual([3, 0, 1]);
    expect(await store().timelineLengths([])).toEqual([]);
  });

  it('keeps the timeline text equal to the stream, whatever the events hold (property)', async () => {
    const anyCodePoint = fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0xd800, max: 0xdfff })).map((code) => String.fromCodePoint(code));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.string({ unit: anyCodePoint, maxLength: 200 }), { maxLength: 20 }), { minLength: 1, maxLength: 8 }), async (batches) => {
        const incident = await created();
        const written: ReturnType<typeof aNote>[] = [];
        for (const [b, texts] of batches.entries()) {
          const events = texts.map((text, i) => ({ ...aNote(incident.id, `b${b}-${i}`), text }));
          written.push(...events);
          await store().appendEvents(incident.id, events);
        }
        await expectTextAgreesWithStream(incident.id);
        expect((await store().timelineAll(incident.id)).slice(1)).toEqual(written);
      }),
      { numRuns: 20, seed: 11 },
    );
  });

  it('returns the events exactly as appended, including the event time', async () => {
    const incident = await created();
    const event = { ...aNote(incident.id, 'pin-1'), type: 'pinned', text: 'ログ確認', author: 'U9', pinnedAt: 5, at: 3 } as const;
    await store().appendEvents(incident.id, [event]);
    expect((await store().timelineAll(incident.id)).at(-1)).toEqual(event);
  });

  it('refuses events for an unknown incident and writes nothing', async () => {
    expect(await store().appendEvents('inc-ghost', [aNote('inc-ghost', 'x')])).toEqual(err({ code: 'not_found' }));
    expect(await store().appendEvents('inc-ghost', [])).toEqual(err({ code: 'not_found' }));
    expect(await redis.exists(keys.timeline('inc-ghost'))).toBe(0);
  });

  it('treats an event of another incident as a bug', async () => {
    const incident = await created();
    await expect(store().appendEvents(incident.id, [aNote('inc-other', 'x')])).rejects.toThrow(/belongs to inc-other/);
  });
});

describe('timeline pages', () => {
  it('pages through the stream in order with a cursor, and timelineAll reads every page', async () => {
    const incident = await created();
    const notes = Array.from({ length: 1_049 }, (_, n) => aNote(incident.id, `n${n}`));
    await store().appendEvents(incident.id, notes);
    const first = await store().timeline(incident.id, { count: 400 });
    const second = await store().timeline(incident.id, { count: 400, after: first.next as string });
    const third = await store().timeline(incident.id, { count: 400, after: second.next as string });
    expect([first.length, second.length, third.length]).toEqual([400, 400, 250]);
    expect(third.next).toBeUndefined();
    expect(second[0]?.id).toBe('n399');
    const all = await store().timelineAll(incident.id);
    expect(all.map((e) => e.id)).toEqual([`${incident.id}-declared`, ...notes.map((n) => n.id)]);
  });
});

describe('links', () => {
  it('finds an incident by an adapter reference and forgets a replaced one', async () => {
    const incident = await created();
    expect(await store().setLink(incident.id, 'channel', 'C1')).toEqual(ok(undefined));
    await store().setLink(incident.id, 'header', '1700000000.000100');
    expect((await store().findByLink('channel', 'C1'))?.id).toBe(incident.id);
    await store().setLink(incident.id, 'channel', 'C2');
    expect(await store().findByLink('channel', 'C1')).toBeUndefined();
    expect((await store().findByLink('channel', 'C2'))?.id).toBe(incident.id);
    expect(await store().getLinks(incident.id)).toEqual({ channel: 'C2', header: '1700000000.000100' });
  });

  it('indexes only the keys that are looked up by value', async () => {
    const incident = await created();
    await store().setLink(incident.id, 'header', '1700000000.000200');
    await store().setLink(incident.id, 'alert:fp-1', 'fp-1');
    expect(await redis.exists(storeKeys(prefix).linkIndex('header'))).toBe(0);
    expect(await redis.hget(storeKeys(prefix).linkIndex('alert:fp-1'), 'fp-1')).toBe(incident.id);
  });

  it('refuses a link for an unknown incident', async () => {
    expect(await store().setLink('inc-ghost', 'channel', 'C9')).toEqual(err({ code: 'not_found' }));
    expect(await store().findByLink('channel', 'C9')).toBeUndefined();
    expect(await store().getLinks('inc-ghost')).toEqual({});
  });
});

describe('a link claimed by create', () => {
  const fresh = () => anIncident((number += 1));

  it('is written with the incident, findable by value, and refused while it names another incident', async () => {
    const [first, second, third] = [fresh(), fresh(), fresh()];
    const key = `alert:${first.id}-fp` as const;
    const claim = (incident: Incident, replaces?: string) => store().create(incident, [aNote(incident.id, `${incident.id}-declared`)], { key, value: 'fp', replaces });
    expect(await claim(first)).toEqual(ok(first));
    expect((await store().findByLink(key, 'fp'))?.id).toBe(first.id);
    expect(await store().getLinks(first.id)).toEqual({ [key]: 'fp' });

    const before = await snapshot(second.id);
    expect(await claim(second)).toEqual(err('taken'));
    expect(await snapshot(second.id)).toEqual(before);
    expect(await store().get(second.id)).toBeUndefined();

    // The successor of the incident the link names now takes it over.
    expect(await claim(third, first.id)).toEqual(ok(third));
    expect((await store().findByLink(key, 'fp'))?.id).toBe(third.id);
  });

  it('goes to exactly one of many concurrent creates, on any replica (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 12 }), async (racers) => {
        const incidents = Array.from({ length: racers }, fresh);
        const key = `alert:${incidents[0]?.id ?? ''}-fp` as const;
        const results = await Promise.all(
          incidents.map((incident, i) =>
            createIncidentStore(replicas[i % replicas.length] as Redis, { prefix }).create(incident, [aNote(incident.id, `${incident.id}-declared`)], { key, value: 'fp' }),
          ),
        );
        const winners = incidents.filter((_, i) => results[i]?.ok);
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: racers - 1 }, () => err('taken')));
        expect((await store().findByLink(key, 'fp'))?.id).toBe(winners[0]?.id);
        expect((await store().getMany(incidents.map((i) => i.id))).map((i) => i.id)).toEqual([winners[0]?.id]);
      }),
      { numRuns: 20 },
    );
  });

  it('without a claim, writes no link', async () => {
    const incident = await created();
    expect(await store().getLinks(incident.id)).toEqual({});
  });
});

describe('reports owed', () => {
  const to = (status: Incident['status']) => (i: Incident) => ok({ incident: { ...i, status } as Incident, events: [] });

  it('owes a report from the step that stores the close until it is delivered; a reopen cancels it', async () => {
    const a = await created();
    const b = await created();
    expect(await store().reportsOwed()).not.toContain(a.id);
    expect((await store().update(a.id, to('closed'))).ok).toBe(true);
    expect((await store().update(b.id, to('closed'))).ok).toBe(true);
    expect(await store().reportsOwed()).toEqual(expect.arrayContaining([a.id, b.id]));

    await store().reportDelivered(a.id);
    // A later change to the closed incident (a follow-up ticked, the report's own record) owes nothing new.
    expect((await store().update(a.id, to('closed'))).ok).toBe(true);
    expect(await store().reportsOwed()).not.toContain(a.id);

    expect((await store().update(b.id, to('acknowledged'))).ok).toBe(true);
    expect(await store().reportsOwed()).not.toContain(b.id);
    expect((await store().update(b.id, to('closed'))).ok).toBe(true);
    expect(await store().reportsOwed()).toContain(b.id);
  });
});
