// Starts one private redis-server for the whole run (random loopback port, temporary directory, AOF on),
// unless REDIS_URL points at one already. Tests get its URL with inject('redisUrl').
// Every temporary folder of the run (demo host copies, Redis directories, reports) goes under one folder of
// its own, removed at the end: test files and the processes they start inherit it as TMPDIR.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisServer, type RunningRedis } from '../src/sandbox/redis-server.js';

let running: RunningRedis | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runTemp = await mkdtemp(join(tmpdir(), 'klaxon-test-run-'));
  process.env['TMPDIR'] = runTemp;
  const removeTemp = () => rm(runTemp, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  const given = process.env['REDIS_URL'];
  if (given) {
    project.provide('redisUrl', given);
    return removeTemp;
  }
  const started = await startRedisServer({ persistent: false });
  if (!started.ok) throw new Error(started.error);
  running = started.value;
  project.provide('redisUrl', running.url);
  return async () => {
    await running?.stop();
    await removeTemp();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
