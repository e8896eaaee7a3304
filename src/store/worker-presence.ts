// Which worker hosts are online, from their heartbeats (the bot's /incident status, `klaxon doctor`, and
// whether a run for a host can be picked up), and the heartbeat the workers write.
import type { Redis } from 'ioredis';
import type { WorkerPresence } from '../app/ports.js';
import { storeKeys } from './keys.js';
import { redisScript } from './redis-script.js';

export type { WorkerPresence } from '../app/ports.js';

// The served hosts and each one's heartbeat, in one round trip: a Run click asks before it queues anything.
// The heartbeat keys are built from the prefix inside the script; they share the set's hash slot.
const listScript = redisScript(`
local out = {}
for _, host in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  out[#out + 1] = host
  out[#out + 1] = redis.call('GET', ARGV[1] .. host) or ''
end
return out
`);

export async function listWorkers(redis: Redis, prefix: string): Promise<WorkerPresence[]> {
  const keys = storeKeys(prefix);
  const flat = (await listScript.run(redis, [keys.workerHosts], [keys.workerHeartbeat('')])) as string[];
  const found: WorkerPresence[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const host = flat[i] as string;
    const raw = flat[i + 1];
    if (!raw) {
      found.push({ host, online: false });
      continue;
    }
    const beat = JSON.parse(raw) as { lastSeenAt?: number; pid?: number; concurrency?: number };
    found.push({ host, online: true, lastSeenAt: beat.lastSeenAt, pid: beat.pid, concurrency: beat.concurrency });
  }
  return found.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
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
