// Starts one private redis-server for the whole run (random loopback port, temporary directory, AOF on),
// unless REDIS_URL points at one already. Tests get its URL with inject('redisUrl').
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisServer, type RunningRedis } from '../src/sandbox/redis-server.js';

let running: RunningRedis | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['REDIS_URL'];
  if (given) {
    project.provide('redisUrl', given);
    return async () => {};
  }
  const started = await startRedisServer({ persistent: false });
  if (!started.ok) throw new Error(started.error);
  running = started.value;
  project.provide('redisUrl', running.url);
  return async () => {
    await running?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
