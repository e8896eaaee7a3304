// `klaxon report <incident-id> [--out FILE]`: the report again from what Redis holds, as a function and as
// the built binary; an unknown id is a clear message and exit code 1, never a stack trace or a password.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { loadConfig } from '../../src/config.js';
import type { Actor, Incident } from '../../src/domain/incident.js';
import { addNote, postUpdate } from '../../src/domain/incident-records.js';
import { closeIncident, declareIncident, resolveIncident, type TransitionResult } from '../../src/domain/lifecycle.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { createLogger } from '../../src/logger.js';
import { compileReport } from '../../src/app/compile-report.js';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';
import { createIncidentStore, type IncidentStore } from '../../src/store/incident-store.js';
import { deletePrefix, uniquePrefix } from '../store/fixtures.js';
import { captureIo } from './capture-io.js';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 10, 1, 0);
const quiet = createLogger({ level: 'silent', pretty: false });

const step = (result: TransitionResult) => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const actor = (by: string, minutes: number, key: string): Actor => ({ by, at: T0 + minutes * 60_000, key });

async function seedClosedIncident(store: IncidentStore): Promise<Incident> {
  const declared = step(declareIncident({ number: await store.nextNumber(), title: 'Backtests crash on start', severity: 'high', source: 'slack' }, actor('U0L1OPS', 0, 'declare')));
  const created = await store.create(declared.incident, declared.events);
  if (!created.ok) throw new Error(created.error);
  const transitions: ((i: Incident) => TransitionResult)[] = [
    (i) => addNote(i, 'Looking at logs/errors.log', actor('U0L1OPS', 12, 'note')),
    (i) => postUpdate(i, 'Safe mode restart in progress', actor('U0L2SYS', 40, 'update')),
    (i) => resolveIncident(i, actor('U0L2SYS', 200, 'resolve')),
    (i) => closeIncident(i, { summary: 'main.py crashed', impact: 'All backtests', actions: 'Restored config', rootCause: 'Bad deploy', prevention: 'CI check' }, actor('U0L2SYS', 260, 'close'), { unverifiedReason: 'checked by hand' }),
  ];
  let last = declared.incident;
  for (const transition of transitions) {
    const updated = await store.update(declared.incident.id, transition, { idempotencyKey: String(transitions.indexOf(transition)) });
    if (!updated.ok) throw new Error(updated.error.code);
    last = updated.value.incident;
  }
  return last;
}

describe('klaxon report', () => {
  const prefix = uniquePrefix('report-cli');
  const env = { REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: prefix, KLAXON_TIMEZONE: 'Asia/Tokyo', KLAXON_LOCALE: 'en' };
  const config = loadConfig(env, 'report');
  if (!config.ok) throw config.error;
  let redis: Redis;
  let incident: Incident;
  let expected: string;
  let dir: string;

  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'));
    const store = createIncidentStore(redis, { prefix });
    incident = await seedClosedIncident(store);
    const compiled = await compileReport({ store, policy: defaultPolicy, catalogue, locale: 'en', timeZone: 'Asia/Tokyo' }, incident.id, Date.now());
    if (!compiled.ok) throw new Error('not compiled');
    expected = compiled.value.markdown;
    dir = await mkdtemp(join(tmpdir(), 'klaxon-report-cli-'));
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('prints the closed incident\'s report to stdout', async () => {
    const out = captureIo();
    expect(await reportCommand([incident.id], config.value, quiet, out.io)).toBe(0);
    expect(out.text.stdout).toBe(expected);
    expect(out.text.stdout).toMatch(/^# Incident report\n/);
    expect(out.text.stdout).toContain('| Time to first response | 30 min | 2026-03-10 (Tue) 10:30 JST | 12 min (2026-03-10 (Tue) 10:12 JST) | met |');
    expect(out.text.stdout).toContain('| Time to recovery | 4 h 00 min | 2026-03-10 (Tue) 14:00 JST | 3 h 20 min (2026-03-10 (Tue) 13:20 JST) | met |');
    expect(out.text.stdout).toContain('Safe mode restart in progress');
    expect(out.text.stdout).toMatch(/\| Write the incident report \| ✓ \| klaxon \| 2026-03-10 14:20:00 JST \|/);
  });

  it('writes the same bytes to --out FILE and says where', async () => {
    const file = join(dir, 'report.md');
    const out = captureIo();
    expect(await reportCommand([incident.id, '--out', file], config.value, quiet, out.io)).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(expected);
    expect(out.text.stdout).toBe('');
    expect(out.text.stderr).toContain(`wrote ${file}`);
  });

  it('answers an unknown id with one clear line and exit code 1', async () => {
    const out = captureIo();
    expect(await reportCommand(['inc-99999'], config.value, quiet, out.io)).toBe(1);
    expect(out.text.stdout).toBe('');
    expect(out.text.stderr).toMatch(/^klaxon report: no incident inc-99999 in redis:\/\/127\.0\.0\.1:\d+ \(prefix test-report-cli-[^)]+\)\n$/);
  });

  it('refuses a missing id, a dangling --out and unknown options with the usage and exit code 2', async () => {
    for (const args of [[], ['--out', 'x.md'], [incident.id, '--out'], [incident.id, '--oot', 'x.md'], [incident.id, 'extra']]) {
      const out = captureIo();
      expect(await reportCommand(args, config.value, quiet, out.io)).toBe(2);
      expect(out.text.stderr).toMatch(/^usage: klaxon report <incident-id> \[--out FILE\]/);
    }
  });

  describe('against a Redis with a password', () => {
    let locked: RunningRedis;
    beforeAll(async () => {
      const started = await startRedisServer({ extraArgs: ['--requirepass', 'hunter2-secret'] });
      if (!started.ok) throw new Error(started.error);
      locked = started.value;
    });
    afterAll(async () => locked?.stop());

    it('never prints the password', async () => {
      const url = locked.url.replace('redis://', 'redis://:hunter2-secret@');
      const lockedConfig = loadConfig({ ...env, REDIS_URL: url }, 'report');
      if (!lockedConfig.ok) throw lockedConfig.error;
      const out = captureIo();
      expect(await reportCommand(['inc-1'], lockedConfig.value, quiet, out.io)).toBe(1);
      expect(out.text.stderr).toContain('no incident inc-1');
      expect(out.text.stderr).not.toContain('hunter2');
    });
  });

  describe('the built binary', () => {
    const bin = resolve('bin/klaxon.js');
    const spawn = (args: string[]) =>
      run(process.execPath, [bin, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    it('prints the report and exits 0', async () => {
      const { code, stdout } = await spawn(['report', incident.id]);
      expect(code).toBe(0);
      expect(stdout).toBe(expected);
    });

    it('exits 1 with one line for an unknown id', async () => {
      const { code, stdout, stderr } = await spawn(['report', 'inc-99999']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('no incident inc-99999');
    });
  });
});
