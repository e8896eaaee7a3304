import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReplayGuard, recentRequests, REPLAY_TTL_S, requestIdentity, type ReplayGuard } from '../../src/slack/replay-guard.js';
import { parseSlackBody } from '../../src/slack/slack-body.js';
import { createOnce } from '../../src/store/once.js';

// The retention test asks V8 for a full collection; the flag only exposes `gc` to contexts made after it.
setFlagsFromString('--expose-gc');

describe('requestIdentity', () => {
  it('names events by event_id, commands and interactions by trigger_id, bare actions by action_ts', () => {
    expect(requestIdentity({ event_id: 'Ev1', trigger_id: 'ignored' })).toBe('event-Ev1');
    expect(requestIdentity({ trigger_id: '123.456.abc', command: '/incident' })).toBe('trigger-123.456.abc');
    expect(requestIdentity({ type: 'block_actions', actions: [{ action_ts: '1700000000.1' }] })).toBe('action-1700000000.1');
  });

  it('keeps no part of the request body alive through the identity it returns', () => {
    const collect = runInNewContext('gc') as () => void;
    const local = recentRequests();
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2_000; i += 1) {
      const raw = Buffer.from(`token=t&command=%2Fincident&text=${'x'.repeat(10_000)}&trigger_id=${i}.7384749201.8ee5ad0d41c4e11e`);
      const body = parseSlackBody(raw.toString('utf8'), 'application/x-www-form-urlencoded');
      // Only the guard's own use: comparing the identity here would flatten it and hide the slice.
      local.first((body && requestIdentity(body)) ?? '');
    }
    collect();
    // 2,000 bodies of 10 kB each are 20 MB; 2,000 identities and their map entries are a few hundred kB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(4_000_000);
    expect(local.size).toBe(2_000);
    expect(local.first('trigger-1999.7384749201.8ee5ad0d41c4e11e')).toBe(false);
  });

  it('has no identity for a request that carries none', () => {
    expect(requestIdentity({ type: 'view_closed' })).toBeUndefined();
    expect(requestIdentity({ actions: [] })).toBeUndefined();
    expect(requestIdentity({ event_id: 42 })).toBeUndefined();
  });
});

describe('createReplayGuard', () => {
  let redis: Redis;
  const prefix = `rg${randomUUID().slice(0, 8)}`;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /** Runs the guard on a body the way the request middleware does, counting how often a handler would run and acks. */
  async function deliver(guard: ReplayGuard, body: Record<string, unknown>, counts: { next: number; ack: number }, withAck = true) {
    const ack = withAck ? async () => void (counts.ack += 1) : undefined;
    if (await guard.admits({ body, ...(ack ? { ack } : {}) })) counts.next += 1;
  }

  it('passes the first delivery on, and acknowledges but drops every repeat', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const counts = { next: 0, ack: 0 };
    const body = { trigger_id: `${Date.now()}.1.replay`, command: '/incident' };
    for (let n = 0; n < 4; n += 1) await deliver(guard, body, counts);
    expect(counts).toEqual({ next: 1, ack: 3 });
  });

  it('tells the front door, as it starts a claim, whether the copy is one this process has seen already', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const click = () => ({ type: 'block_actions', trigger_id: `${Date.now()}.2.start`, channel: { id: 'C1' }, actions: [{ action_ts: '1.2' }] });
    const first = click();
    expect(guard.start(first)).toBe(true);
    expect(await guard.admits({ body: first })).toBe(true);
    // A copy of it, even one whose claim Redis has not answered yet, is seen here at once.
    expect(guard.start({ ...first })).toBe(false);
    expect(await guard.admits({ body: { ...first } })).toBe(false);
    // Seen only by another replica: this process asks Redis, whose answer is the verdict.
    const elsewhere = click();
    elsewhere.trigger_id += '-elsewhere';
    expect(await createOnce(redis, { prefix }).claim(`slack-trigger-${elsewhere.trigger_id}`, REPLAY_TTL_S)).toBe(true);
    expect(guard.start(elsewhere)).toBe(true);
    expect(await guard.admits({ body: elsewhere })).toBe(false);
  });

  it('lets exactly one of many concurrent deliveries of one event through, across replicas', async () => {
    const second = new Redis(inject('redisUrl'));
    const guards = [createReplayGuard(createOnce(redis, { prefix })), createReplayGuard(createOnce(second, { prefix }))];
    const counts = { next: 0, ack: 0 };
    const body = { event_id: `Ev${Date.now()}`, event: { type: 'reaction_added' } };
    await Promise.all(Array.from({ length: 12 }, (_, n) => deliver(guards[n % 2] as ReplayGuard, body, counts, false)));
    await second.quit();
    expect(counts.next).toBe(1);
  });

  it('never blocks requests without an identity or with a different one', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const counts = { next: 0, ack: 0 };
    await deliver(guard, { type: 'view_closed' }, counts);
    await deliver(guard, { type: 'view_closed' }, counts);
    await deliver(guard, { trigger_id: `${Date.now()}.2.a` }, counts);
    await deliver(guard, { trigger_id: `${Date.now()}.2.b` }, counts);
    expect(counts).toEqual({ next: 4, ack: 0 });
  });

  it('lets the next copy of an event that failed through, on this replica or another, and holds a copy while it is handled', async () => {
    const second = new Redis(inject('redisUrl'));
    const [here, there] = [createReplayGuard(createOnce(redis, { prefix })), createReplayGuard(createOnce(second, { prefix }))] as const;
    const body = { event_id: `EvFailed${Date.now()}`, event: { type: 'reaction_added' } };
    const copy = () => ({ ...body });
    expect(await here.verdict(body)).toBe('first');
    // Slack's copy at 3 s, while the first is still being handled, on either replica: neither handled nor a replay.
    expect(await here.verdict(copy())).toBe('busy');
    expect(await there.verdict(copy())).toBe('busy');
    // A busy copy's own failure lets go of nothing.
    const busy = copy();
    expect(await there.verdict(busy)).toBe('busy');
    await there.settled(busy, false);
    expect(await here.verdict(copy())).toBe('busy');
    // The first fails: the next copy is handled, wherever it lands; it succeeds, and later copies are replays.
    await here.settled(body, false);
    const retried = copy();
    expect(await there.verdict(retried)).toBe('first');
    await there.settled(retried, true);
    expect(await here.verdict(copy())).toBe('replay');
    expect(await there.verdict(copy())).toBe('replay');
    await second.quit();
  });

  it('takes an event claimed by an older bot (one plain claim) as handled', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const body = { event_id: `EvOlder${Date.now()}` };
    expect(await createOnce(redis, { prefix }).claim(`slack-event-${body.event_id}`, REPLAY_TTL_S)).toBe(true);
    expect(await guard.verdict(body)).toBe('replay');
  });

  it('keeps a handled event for the replay window, and a held one for only half a minute (a replica that dies holding it)', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const body = { event_id: `EvTtl${Date.now()}` };
    expect(await guard.verdict(body)).toBe('first');
    const [key] = await redis.keys(`*${prefix}*EvTtl*`);
    expect(await redis.ttl(key as string)).toBeLessThanOrEqual(30);
    await guard.settled(body, true);
    expect(await redis.get(key as string)).toBe('done');
    expect(await redis.ttl(key as string)).toBeGreaterThan(300);
  });

  it('remembers a request for longer than the five-minute signature window', async () => {
    const guard = createReplayGuard(createOnce(redis, { prefix }));
    const trigger = `${Date.now()}.3.ttl`;
    await deliver(guard, { trigger_id: trigger }, { next: 0, ack: 0 });
    const [key] = await redis.keys(`*${prefix}*${trigger}*`);
    expect(key).toBeDefined();
    expect(await redis.ttl(key as string)).toBeGreaterThan(300);
  });
});

/** A stand-in for Redis's claims that only answers `claim` (commands and clicks); an event's hold is not expected. */
const claimsOnly = (claim: (key: string) => Promise<boolean>) => {
  const unexpected = () => Promise.reject(new Error('no event here'));
  return { claim, hold: unexpected, release: unexpected, swap: unexpected };
};

describe('createReplayGuard in front of Redis', () => {
  it('drops a replay this process has seen without asking Redis again, and forgets after the replay window', async () => {
    let clock = Date.UTC(2026, 2, 10);
    const asked: string[] = [];
    const once = claimsOnly(async (key: string) => (asked.push(key), true));
    const guard = createReplayGuard(once, () => clock);
    const counts = { next: 0, ack: 0 };
    const body = { trigger_id: '1773100800.1.local', command: '/incident' };
    const deliver = async () => void ((await guard.admits({ body, ack: async () => void (counts.ack += 1) })) && (counts.next += 1));
    await Promise.all([deliver(), deliver(), deliver()]);
    expect(counts).toEqual({ next: 1, ack: 2 });
    expect(asked).toEqual(['slack-trigger-1773100800.1.local']);
    clock += (REPLAY_TTL_S + 1) * 1000;
    await deliver();
    // Past the window this memory lets Redis decide again (here the stand-in says first).
    expect(asked).toHaveLength(2);
  });

  it('awaits the claim the front door started for a body instead of claiming it again', async () => {
    const asked: string[] = [];
    let answer: (first: boolean) => void = () => undefined;
    const once = claimsOnly((key: string) => (asked.push(key), new Promise<boolean>((resolve) => (answer = resolve))));
    const guard = createReplayGuard(once);
    const body = { trigger_id: '1773100800.2.early', command: '/incident' };
    guard.start(body);
    expect(asked).toEqual(['slack-trigger-1773100800.2.early']);
    const admitted = guard.admits({ body });
    answer(false);
    // Redis's verdict on the started claim decides: here it says the request was seen by another replica.
    expect(await admitted).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it('lets a later copy ask Redis again when Redis did not answer the first claim in time', async () => {
    const asked: string[] = [];
    const once = claimsOnly((key: string) => (asked.push(key), asked.length === 1 ? new Promise<boolean>(() => undefined) : Promise.resolve(false)));
    const guard = createReplayGuard(once);
    const counts = { next: 0, ack: 0 };
    const body = { trigger_id: '1773100800.3.stalled', command: '/incident' };
    const deliver = async () => void ((await guard.admits({ body })) && (counts.next += 1));
    await deliver();
    await deliver();
    expect(asked).toHaveLength(2);
    expect(counts.next).toBe(1);
  });

  it('handles an event and lets it go within the claim wait when Redis does not answer', async () => {
    const never = () => new Promise<never>(() => undefined);
    const guard = createReplayGuard({ ...claimsOnly(never), hold: never, release: never, swap: never });
    const body = { event_id: 'EvRedisAway' };
    expect(await guard.verdict(body)).toBe('first');
    const started = performance.now();
    await guard.settled(body, false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await guard.verdict({ ...body })).toBe('first');
  });
});

describe('recentRequests', () => {
  it('keeps at most its capacity, forgetting the oldest first', () => {
    const recent = recentRequests(() => 0, 3);
    for (const id of ['a', 'b', 'c', 'd']) expect(recent.first(id)).toBe(true);
    expect(recent.size).toBeLessThanOrEqual(3);
    expect(recent.first('d')).toBe(false);
    expect(recent.first('a')).toBe(true);
  });

  it('remembers an identity for REPLAY_TTL_S from the second it was first seen', () => {
    let clock = 1_764_000_000_250;
    const recent = recentRequests(() => clock);
    expect(recent.first('a')).toBe(true);
    clock += (REPLAY_TTL_S - 1) * 1000 + 749;
    expect(recent.first('a')).toBe(false);
    clock += 1000;
    expect(recent.first('a')).toBe(true);
  });
});
