// Which worker hosts are online, from their heartbeats (the bot's /incident status, `klaxon doctor`, and
// whether a run for a host can be picked up), and the heartbeat the workers write.
import type { Redis } from 'ioredis';
import type { WorkerPresence } from '../app/ports.js';
import { storeKeys } from './keys.js';
import { redisScript } from './redis-script.js';

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

// One heartbeat per host, shared by the host's workers, each with its own entry in it: a worker that stops takes
// out only itself, and the host stays online while another's entry is fresh. The key lives as long as its
// newest entry, so the host of crashed workers goes offline by itself, and stays in the set of served hosts.
// The top-level fields are what readers of a single worker's heartbeat read.
const beatScript = redisScript(`
local workers = {}
local raw = redis.call('GET', KEYS[1])
if raw then
  local ok, beat = pcall(cjson.decode, raw)
  if ok and type(beat) == 'table' and type(beat.workers) == 'table' then workers = beat.workers end
end
local now, ttl = tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[2] == '' then workers[ARGV[1]] = nil else workers[ARGV[1]] = cjson.decode(ARGV[2]) end
local newest, concurrency = nil, 0
for id, w in pairs(workers) do
  if type(w) ~= 'table' or tonumber(w.lastSeenAt) == nil or tonumber(w.lastSeenAt) <= now - ttl then
    workers[id] = nil
  else
    concurrency = concurrency + (tonumber(w.concurrency) or 0)
    if newest == nil or tonumber(w.lastSeenAt) > tonumber(newest.lastSeenAt) then newest = w end
  end
end
if newest == nil then
  redis.call('DEL', KEYS[1])
  return 0
end
local beat = cjson.encode({ host = ARGV[5], pid = newest.pid, concurrency = concurrency, lastSeenAt = newest.lastSeenAt, workers = workers })
redis.call('SET', KEYS[1], beat, 'PX', math.max(1, tonumber(newest.lastSeenAt) + ttl - now))
if ARGV[2] ~= '' then redis.call('SADD', KEYS[2], ARGV[5]) end
return 1
`);

export interface WorkerBeat {
  readonly host: string;
  /** This worker among the host's workers (unique per process). */
  readonly id: string;
  readonly pid: number;
  readonly concurrency: number;
  readonly at: number;
  /** How long the beat stands without the next one. */
  readonly ttlMs: number;
}

/** A worker says it is alive on its host (and that the host is served, for good). */
export async function beatWorker(redis: Redis, prefix: string, beat: WorkerBeat): Promise<void> {
  const keys = storeKeys(prefix);
  const entry = JSON.stringify({ pid: beat.pid, concurrency: beat.concurrency, lastSeenAt: beat.at });
  await beatScript.run(redis, [keys.workerHeartbeat(beat.host), keys.workerHosts], [beat.id, entry, beat.at, beat.ttlMs, beat.host]);
}

/** A worker that stops takes itself out of its host's heartbeat; the host's other workers stay. */
export async function leaveWorker(redis: Redis, prefix: string, beat: Omit<WorkerBeat, 'pid' | 'concurrency'>): Promise<void> {
  const keys = storeKeys(prefix);
  await beatScript.run(redis, [keys.workerHeartbeat(beat.host), keys.workerHosts], [beat.id, '', beat.at, beat.ttlMs, beat.host]);
}
