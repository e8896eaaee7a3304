// At start: klaxon's scripts into Redis ahead of their first use. A refusal (an ACL without SCRIPT) only
// costs that first use its EVAL fallback, so it is logged and the start goes on.
import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import { loadRedisScripts } from './store/redis-script.js';

export async function loadScripts(redis: Redis, logger: Logger): Promise<void> {
  try {
    logger.debug({ scripts: await loadRedisScripts(redis) }, 'Redis scripts loaded');
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'could not load the Redis scripts ahead of use; each is sent in full on its first use');
  }
}
