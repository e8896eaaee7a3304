// The intent stream's atomic steps as Lua. An intent's state lives in the incident's outcomes hash under its
// idempotency key: 'p' appended, 'c' confirmed by the replica that answered, 'r' revoked by it (the answer
// said "not saved"), and once folded the outcome as JSON.
import { APPEND_EVENTS, INDEX } from './incident-scripts.js';
import { redisScript } from './redis-script.js';

// The server's clock, so a deadline is checked where the write happens, however long the request queued.
const SERVER_MS = `
local function server_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

// KEYS: incident, intents, outcomes, idempotency (of the compare-and-set path), unfolded.
// ARGV: key, intent json, deadline (server ms), outcome ttl, incident id.
// Returns {'ok'}, {'missing'}, {'late'} or {'duplicate', state}. A request that reaches Redis after its
// deadline is refused here, so an answer that already said "not saved" can never be made false by it.
export const appendIntentScript = redisScript(`${SERVER_MS}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
if redis.call('EXISTS', KEYS[4]) == 1 then return {'duplicate', '{"ok":true}'} end
local state = redis.call('HGET', KEYS[3], ARGV[1])
if state then return {'duplicate', state} end
if server_ms() > tonumber(ARGV[3]) then return {'late'} end
redis.call('XADD', KEYS[2], '*', 'key', ARGV[1], 'json', ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], 'p')
redis.call('EXPIRE', KEYS[3], ARGV[4])
redis.call('SADD', KEYS[5], ARGV[5])
return {'ok'}
`);

// KEYS: outcomes. ARGV: key, 'c' or 'r'. Moves a pending intent to confirmed or revoked; returns the state
// it finds, so a revoke learns whether it came too late.
export const settleIntentScript = redisScript(`
local state = redis.call('HGET', KEYS[1], ARGV[1])
if state == 'p' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return state or ''
`);

// KEYS: incident, intents, outcomes. ARGV: how many entries. Everything one fold pass reads, in one step:
// {json, version, entries after the folded cursor, their states, server ms}, or nil without the incident.
export const readIntentsScript = redisScript(`${SERVER_MS}
local rec = redis.call('HMGET', KEYS[1], 'json', 'version', 'folded')
if not rec[1] then return nil end
local start = '-'
if rec[3] then start = '(' .. rec[3] end
local entries = redis.call('XRANGE', KEYS[2], start, '+', 'COUNT', ARGV[1])
local states = {}
for i, entry in ipairs(entries) do
  local fields = entry[2]
  local key = ''
  for j = 1, #fields, 2 do if fields[j] == 'key' then key = fields[j + 1] end end
  states[i] = redis.call('HGET', KEYS[3], key) or ''
end
return {rec[1], rec[2], entries, states, tostring(server_ms())}
`);

// KEYS: incident, timeline, event-ids, open, recent, intents, outcomes, fold lock, unfolded, timeline text.
// ARGV: lock token, expected version, json ('' when unchanged), new version, status, score, cursor, id,
// outcome ttl, n, n (key, outcome) pairs, then events as quads. Writes the folded record, its events, the
// outcomes and the cursor together, only while the lock is still ours and no other writer moved the record.
export const foldIntentsScript = redisScript(`${APPEND_EVENTS}${INDEX}
if redis.call('GET', KEYS[8]) ~= ARGV[1] then return 'lost_lock' end
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[2] then return 'conflict' end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'json', ARGV[3], 'version', ARGV[4], 'status', ARGV[5])
  index(KEYS[4], KEYS[5], ARGV[8], ARGV[5], ARGV[6])
end
redis.call('HSET', KEYS[1], 'folded', ARGV[7])
local n = tonumber(ARGV[10])
for i = 11, 10 + 2 * n, 2 do redis.call('HSET', KEYS[7], ARGV[i], ARGV[i + 1]) end
if n > 0 then redis.call('EXPIRE', KEYS[7], ARGV[9]) end
append_events(KEYS[2], KEYS[3], KEYS[10], 11 + 2 * n)
redis.call('XTRIM', KEYS[6], 'MINID', ARGV[7])
local last = redis.call('XREVRANGE', KEYS[6], '+', '-', 'COUNT', 1)
if #last == 0 or last[1][1] == ARGV[7] then redis.call('SREM', KEYS[9], ARGV[8]) end
return 'ok'
`);

// KEYS: lock. ARGV: token. Frees the lock only if it is still ours.
export const releaseLockScript = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
