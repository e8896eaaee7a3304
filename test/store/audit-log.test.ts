import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimRunStart, createAuditLog, type AuditEntry, type RunStartClaim } from '../../src/store/audit-log.js';
import { storeKeys } from '../../src/store/keys.js';
import { deletePrefix, uniquePrefix } from './fixtures.js';

const prefix = uniquePrefix('audit-log');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const entry = (n: number): AuditEntry => ({
  at: 1_767_573_000_000 + n,
  actor: `U${n}`,
  action: 'run',
  commandId: 'triage.emergency-logs',
  paramsDigest: 'ab12',
  host: 'backtest-1',
  decision: n % 2 === 0 ? 'allowed' : 'denied',
  detail: n % 2 === 0 ? undefined : 'role responder may not run destructive commands',
  requestId: `req-${n}`,
  incidentId: 'inc-7',
});

describe('the audit log', () => {
  it('reads back what was appended, in order, page by page', async () => {
    const log = createAuditLog(redis, { prefix });
    const ids = [];
    for (let n = 0; n < 5; n += 1) ids.push(await log.append(entry(n)));
    const first = await log.read({ count: 3 });
    const rest = await log.read({ count: 3, after: first.at(-1)?.streamId as string });
    expect([...first, ...rest].map((r) => r.streamId)).toEqual(ids);
    expect(first[1]).toEqual({ ...JSON.parse(JSON.stringify(entry(1))), streamId: ids[1] });
    expect(rest.map((r) => r.requestId)).toEqual(['req-3', 'req-4']);
  });

  it('keeps decision and action as stream fields so an operator can read them with XRANGE', async () => {
    const [[, fields] = ['', []]] = await redis.xrange(storeKeys(prefix).audit, '-', '+', 'COUNT', 1);
    expect(fields).toEqual(expect.arrayContaining(['action', 'run', 'decision', 'allowed']));
  });

  it('refuses an entry without a request id rather than writing a half record', async () => {
    const log = createAuditLog(redis, { prefix: `${prefix}-bad` });
    const { requestId: _omitted, ...partial } = entry(9);
    await expect(log.append(partial as AuditEntry)).rejects.toThrow();
    expect(await log.read()).toEqual([]);
  });
});

const startEntry = (runId: string, decision: string, detail?: string): AuditEntry => ({
  at: 1_767_573_000_000,
  actor: 'U0L1OPS',
  action: 'execute',
  decision,
  requestId: runId,
  incidentId: 'inc-7',
  commandId: 'env.python-version',
  host: 'backtest-1',
  paramsDigest: 'ab12',
  ...(detail === undefined ? {} : { detail }),
});

const claim = (runId: string, mayRunAgain: boolean): RunStartClaim => ({
  runId,
  marker: '1767573000000',
  ttlSeconds: 60,
  mayRunAgain,
  audit: { first: startEntry(runId, 'started'), again: startEntry(runId, 'restarted'), unknown: startEntry(runId, 'outcome_unknown', 'not re-run') },
});

const decisionsOf = async (runId: string) => (await createAuditLog(redis, { prefix }).read({ count: 1_000 })).filter((e) => e.requestId === runId).map((e) => e.decision);

describe('claimRunStart', () => {
  it('sets the marker and audits the start; a second start of read-only work is audited as a restart', async () => {
    const audit = createAuditLog(redis, { prefix });
    expect(await audit.startClaimed('run-a')).toBe(false);
    expect(await claimRunStart(redis, storeKeys(prefix), claim('run-a', true))).toBe('first');
    expect(await audit.startClaimed('run-a')).toBe(true);
    expect(await redis.get(storeKeys(prefix).runStarted('run-a'))).toBe('1767573000000');
    expect(await redis.ttl(storeKeys(prefix).runStarted('run-a'))).toBeGreaterThan(0);
    expect(await claimRunStart(redis, storeKeys(prefix), claim('run-a', true))).toBe('again');
    expect(await decisionsOf('run-a')).toEqual(['started', 'restarted']);
  });

  it('answers unknown to a second start of work that may not run again, and audits exactly that', async () => {
    expect(await claimRunStart(redis, storeKeys(prefix), claim('run-b', false))).toBe('first');
    expect(await claimRunStart(redis, storeKeys(prefix), claim('run-b', false))).toBe('unknown');
    const entries = (await createAuditLog(redis, { prefix }).read({ count: 1_000 })).filter((e) => e.requestId === 'run-b');
    expect(entries.map(({ streamId: _id, ...rest }) => rest)).toEqual([startEntry('run-b', 'started'), startEntry('run-b', 'outcome_unknown', 'not re-run')]);
  });

  it('writes neither the marker nor an entry when an entry is not a valid audit entry', async () => {
    const bad = claim('run-c', true);
    const { requestId: _omitted, ...partial } = bad.audit.again;
    await expect(claimRunStart(redis, storeKeys(prefix), { ...bad, audit: { ...bad.audit, again: partial as AuditEntry } })).rejects.toThrow();
    expect(await redis.exists(storeKeys(prefix).runStarted('run-c'))).toBe(0);
    expect(await decisionsOf('run-c')).toEqual([]);
  });
});
