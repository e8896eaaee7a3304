// Which worker hosts are online, from their heartbeats (the bot's /incident status and `klaxon doctor`).
import type { Redis } from 'ioredis';
import type { WorkerPresence } from '../app/ports.js';
import { storeKeys } from './keys.js';

export type { WorkerPresence } from '../app/ports.js';

export async function listWorkers(redis: Redis, prefix: string): Promise<WorkerPresence[]> {
  const keys = storeKeys(prefix);
  const hosts = (await redis.smembers(keys.workerHosts)).sort();
  if (hosts.length === 0) return [];
  const beats = await redis.mget(hosts.map((host) => keys.workerHeartbeat(host)));
  return hosts.map((host, index) => {
    const raw = beats[index];
    if (!raw) return { host, online: false };
    const beat = JSON.parse(raw) as { lastSeenAt?: number; pid?: number; concurrency?: number };
    return { host, online: true, lastSeenAt: beat.lastSeenAt, pid: beat.pid, concurrency: beat.concurrency };
  });
}
