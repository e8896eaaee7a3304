import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAuditLog, type AuditEntry } from '../../src/store/audit-log.js';
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
