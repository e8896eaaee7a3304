// `klaxon followups [--open] [--csv] [--include-private]` against a real Redis: every follow-up listed, a private
// incident's title and texts withheld unless asked for, and bad arguments refused with the usage.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followupsCommand } from '../../src/cli/followups-command.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/domain/incident.js';
import { addFollowUps, setFollowUpState } from '../../src/domain/follow-ups.js';
import { declareIncident, type TransitionResult } from '../../src/domain/lifecycle.js';
import { createLogger } from '../../src/logger.js';
import { createIncidentStore, type IncidentStore } from '../../src/store/incident-store.js';
import { deletePrefix, uniquePrefix } from '../store/fixtures.js';
import { captureIo } from './capture-io.js';

const T0 = Date.UTC(2026, 2, 10, 1, 0);
const quiet = createLogger({ level: 'silent', pretty: false });
const actor = (key: string): Actor => ({ by: 'U0L1OPS', at: T0, key });

async function seed(store: IncidentStore, title: string, isPrivate: boolean, texts: readonly string[]): Promise<string> {
  const declared = declareIncident({ number: await store.nextNumber(), title, severity: 'high', source: 'slack', private: isPrivate }, actor('declare'));
  if (!declared.ok) throw new Error(declared.error.message);
  const created = await store.create(declared.value.incident, declared.value.events);
  if (!created.ok) throw new Error(created.error);
  const id = declared.value.incident.id;
  const steps: ((key: string) => (i: Parameters<typeof addFollowUps>[0]) => TransitionResult)[] = [
    (key) => (i) => addFollowUps(i, texts.map((text) => ({ kind: 'follow_up', text, owner: 'U0L2SYS', due: '2026-03-20' })), actor(key)),
    (key) => (i) => setFollowUpState(i, 'F1', 'done', actor(key)),
  ];
  for (const [n, step] of steps.entries()) {
    const updated = await store.update(id, step(`step-${n}`), { idempotencyKey: `step-${n}` });
    if (!updated.ok) throw new Error(updated.error.code);
  }
  return id;
}

describe('klaxon followups', () => {
  const prefix = uniquePrefix('followups-cli');
  const config = loadConfig({ REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: prefix, KLAXON_TIMEZONE: 'Asia/Tokyo', KLAXON_LOCALE: 'en' }, 'report');
  if (!config.ok) throw config.error;
  let redis: Redis;
  let open: string;
  let secret: string;

  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'));
    const store = createIncidentStore(redis, { prefix });
    open = await seed(store, 'Backtests crash on start', false, ['Add a CI check', 'Document the cache, reset']);
    secret = await seed(store, 'Leaked API key in logs', true, ['Rotate the exchange key', 'Purge logs/errors.log']);
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('lists every follow-up, and a private incident’s without its title and texts', async () => {
    const out = captureIo();
    expect(await followupsCommand(['--csv'], config.value, quiet, out.io)).toBe(0);
    const lines = out.text.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('incident,severity,id,kind,state,owner,due,done_at,text,incident_title');
    expect(lines.slice(1)).toEqual([
      `${open},high,F1,follow_up,done,U0L2SYS,2026-03-20,2026-03-10 10:00,Add a CI check,Backtests crash on start`,
      `${open},high,F2,follow_up,open,U0L2SYS,2026-03-20,,"Document the cache, reset",Backtests crash on start`,
      `${secret},high,F1,follow_up,done,U0L2SYS,2026-03-20,2026-03-10 10:00,(private),(private)`,
      `${secret},high,F2,follow_up,open,U0L2SYS,2026-03-20,,(private),(private)`,
    ]);
    expect(out.text.stdout).not.toMatch(/Leaked|Rotate|Purge/);
    expect(out.text.stderr).toBe('klaxon followups: 2 follow-up(s) of private incidents without title and text; --include-private shows them\n');
  });

  it('shows a private incident’s title and texts with --include-private, and only open ones with --open', async () => {
    const out = captureIo();
    expect(await followupsCommand(['--csv', '--include-private', '--open'], config.value, quiet, out.io)).toBe(0);
    expect(out.text.stdout.trimEnd().split('\r\n').slice(1)).toEqual([
      `${open},high,F2,follow_up,open,U0L2SYS,2026-03-20,,"Document the cache, reset",Backtests crash on start`,
      `${secret},high,F2,follow_up,open,U0L2SYS,2026-03-20,,Purge logs/errors.log,Leaked API key in logs`,
    ]);
    expect(out.text.stderr).toBe('');
  });

  it('prints a table for a terminal, private texts withheld there too', async () => {
    const out = captureIo();
    expect(await followupsCommand(['--open'], config.value, quiet, out.io)).toBe(0);
    const lines = out.text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^incident +severity +id +kind +state +owner +due +done_at +text$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/))).toEqual([
      [open, 'high', 'F2', 'follow_up', 'open', 'U0L2SYS', '2026-03-20', 'Document the cache, reset'],
      [secret, 'high', 'F2', 'follow_up', 'open', 'U0L2SYS', '2026-03-20', '(private)'],
    ]);
  });

  it('refuses an unknown argument with the usage and exit code 2', async () => {
    const out = captureIo();
    expect(await followupsCommand(['--private'], config.value, quiet, out.io)).toBe(2);
    expect(out.text.stdout).toBe('');
    expect(out.text.stderr).toBe("klaxon followups: unknown argument '--private'\nusage: klaxon followups [--open] [--csv] [--include-private]\n");
  });
});
