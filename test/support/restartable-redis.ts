// A test file's own redis-server, which its tests stop and start again on the same data folder and port.
// A clean shutdown writes the AOF out: what was stored before is there again when it comes back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RunningRedis } from '../../src/sandbox/redis-server.js';

export interface RestartableRedis {
  /** The server now running (a new one after each `comeBack`). */
  readonly current: RunningRedis;
  readonly url: string;
  /** True between `goAway` and `comeBack`. */
  readonly away: boolean;
  goAway(): Promise<void>;
  /** Starts it again on its data and port; resolves with when it answers. */
  comeBack(): Promise<number>;
}

/** Registers the file's beforeAll/afterAll; use the result inside tests only. */
export function restartableRedis(name: string): RestartableRedis {
  let dir = '';
  let redis: RunningRedis | undefined;
  let away = false;
  const start = async (port?: number) => {
    const started = await startRedisServer({ dir, ...(port ? { port } : {}) });
    if (!started.ok) throw new Error(started.error);
    redis = started.value;
    away = false;
    return Date.now();
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `klaxon-${name}-`));
    await start();
  });
  afterAll(async () => {
    if (!away) await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const running = (): RunningRedis => {
    if (!redis) throw new Error('the test Redis is not started yet');
    return redis;
  };
  return {
    get current() {
      return running();
    },
    get url() {
      return running().url;
    },
    get away() {
      return away;
    },
    async goAway() {
      away = true;
      await running().stop();
    },
    comeBack: () => start(running().port),
  };
}
