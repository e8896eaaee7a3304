// A BullMQ test's own key prefix on the test Redis, its connection settings and a silent logger; the
// prefix's keys are deleted after the file's tests.
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { deletePrefix, uniquePrefix } from '../store/fixtures.js';

export function bullTestSetup(name: string) {
  const prefix = uniquePrefix(name);
  const url = new URL(inject('redisUrl'));
  afterAll(async () => {
    const redis = new Redis(inject('redisUrl'));
    await deletePrefix(redis, `${prefix}-bull`);
    await redis.quit();
  });
  return { prefix, connection: { host: url.hostname, port: Number(url.port) }, logger: createLogger({ level: 'silent', pretty: false }) };
}
