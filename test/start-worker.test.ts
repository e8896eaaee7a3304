// The worker's composition root on real Redis: its scripts are in Redis before its first run, a Redis user
// that may not load scripts does not stop it from starting, and what a killed worker's runs left is removed.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogue } from '../commands/index.js';
import { loadConfig } from '../src/config.js';
import { startWorkerProcess } from '../src/start-worker.js';
import { copyDemoHost } from '../src/worker/run/demo-host.js';
import { captureLogger } from './support/capture-logger.js';

interface LogLine {
  readonly msg: string;
  readonly scripts?: number;
  readonly folders?: number;
  readonly err?: string;
}

// A worker at debug level whose log lines are kept; it is stopped before the lines are returned.
async function startAndStop(redisUrl: string, root: string): Promise<LogLine[]> {
  const { logger, lines } = captureLogger();
  const config = loadConfig({ REDIS_URL: redisUrl, KLAXON_REDIS_PREFIX: `t${randomUUID().slice(0, 8)}`, WORKER_HOST: 'backtest-1', BACKTEST_ROOT: root }, 'worker');
  if (!config.ok) throw config.error;
  const worker = await startWorkerProcess({ config: config.value, logger, catalogue });
  await worker.stop();
  return lines<LogLine>();
}

describe('startWorkerProcess', () => {
  let redis: Redis;
  let root: string;
  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'));
    root = await copyDemoHost(join(await mkdtemp(join(tmpdir(), 'klaxon-sw-')), 'backtest'));
  });
  afterAll(async () => redis?.quit());

  it("removes the temporary folders of runs whose worker was killed, never a live worker's", { timeout: 30_000 }, async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    const killedWorkers = join(tmpdir(), `klaxon-run-${gone.pid}-left`);
    const liveWorkers = join(tmpdir(), `klaxon-run-${process.pid}-inuse`);
    for (const folder of [killedWorkers, liveWorkers]) {
      await mkdir(join(folder, 'logs-redirected'), { recursive: true });
      await writeFile(join(folder, 'logs-redirected', 'backtest.log'), 'x'.repeat(1024));
    }
    const lines = await startAndStop(inject('redisUrl'), root);
    const left = await readdir(tmpdir());
    expect([left.includes(`klaxon-run-${gone.pid}-left`), left.includes(`klaxon-run-${process.pid}-inuse`)]).toEqual([false, true]);
    expect(lines.find((l) => l.msg === 'removed the temporary folders of runs whose worker was killed')?.folders).toBeGreaterThanOrEqual(1);
  });

  it('loads its scripts into Redis when it starts', { timeout: 30_000 }, async () => {
    const lines = await startAndStop(inject('redisUrl'), root);
    const loaded = lines.find((l) => l.msg === 'Redis scripts loaded');
    // The run-start claim at least: it is the step between a job's pickup and its command.
    expect(loaded?.scripts).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.msg.startsWith('could not load the Redis scripts'))).toBe(false);
  });

  it('still starts when its Redis user may not load scripts, and says so', { timeout: 30_000 }, async () => {
    const user = `klaxon-test-${randomUUID()}`;
    await redis.acl('SETUSER', user, 'on', '>pw', '~*', '&*', '+@all', '-script');
    try {
      const url = new URL(inject('redisUrl'));
      url.username = user;
      url.password = 'pw';
      const lines = await startAndStop(url.toString(), root);
      expect(lines.find((l) => l.msg.startsWith('could not load the Redis scripts'))?.err).toMatch(/NOPERM/);
      expect(lines.some((l) => l.msg === 'worker ready')).toBe(true);
    } finally {
      await redis.acl('DELUSER', user);
    }
  });
});
