// The store's atomic steps as Lua: each one checks and writes an incident, its timeline and its indexes
// in a single server-side step, which stays correct when many bot replicas share one connection pool.
import { redisScript } from './redis-script.js';

// Appends events given as ARGV quads (id, type, at, json) from index `first`, skipping ids already written;
// the event-ids hash remembers each id's stream entry, so an at-least-once retry writes once. Each event's
// JSON also goes, comma-led, onto the timeline's text (see StoreKeys.timelineText), in the same step.
export const APPEND_EVENTS = `
local function append_events(timeline, event_ids, text, first)
  local added = 0
  for i = first, #ARGV, 4 do
    if redis.call('HEXISTS', event_ids, ARGV[i]) == 0 then
      local sid = redis.call('XADD', timeline, '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'at', ARGV[i + 2], 'json', ARGV[i + 3])
      redis.call('HSET', event_ids, ARGV[i], sid)
      redis.call('APPEND', text, ',' .. ARGV[i + 3])
      added = added + 1
    end
  end
  return added
end
`;

export const INDEX = `
local function index(open, recent, id, status, score)
  redis.call('ZADD', recent, score, id)
  if status == 'closed' then redis.call('ZREM', open, id) else redis.call('ZADD', open, score, id) end
end
`;

// KEYS: incident, timeline, event-ids, open, recent, timeline text[, links, link index]. ARGV: id, json, version,
// status, score, link key, link value, the incident the link index must name now ('' for none), events…
// With a link, the incident is created only while the index still names what the caller saw, and takes the
// link in the same step: an alert's fingerprint can never be left without the incident it declared, nor
// declare a second one because the first declarer died before linking it.
export const createIncidentScript = redisScript(`${APPEND_EVENTS}${INDEX}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'exists' end
if KEYS[8] and (redis.call('HGET', KEYS[8], ARGV[7]) or '') ~= ARGV[8] then return 'taken' end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', ARGV[3], 'status', ARGV[4])
index(KEYS[4], KEYS[5], ARGV[1], ARGV[4], ARGV[5])
if KEYS[8] then
  redis.call('HSET', KEYS[7], ARGV[6], ARGV[7])
  redis.call('HSET', KEYS[8], ARGV[7], ARGV[1])
end
append_events(KEYS[2], KEYS[3], KEYS[6], 9)
return 'ok'
`);

// Compare-and-set on the version field. KEYS: incident, timeline, event-ids, open, recent, timeline text, reports
// owed, audit[, idempotency]. ARGV: id, expected version, json, new version, status, score, idempotency ttl,
// idempotency value, the count of the audit entry's fields (0 for none), those fields, events…  The close owes a
// report from the step that stores it, so a process that dies right after the close cannot leave a closed
// incident that nobody will report (a reopen cancels the debt). An audit entry is written only with the change.
export const updateIncidentScript = redisScript(`${APPEND_EVENTS}${INDEX}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if KEYS[9] and redis.call('EXISTS', KEYS[9]) == 1 then return 'duplicate' end
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[2] then return 'conflict' end
local was = redis.call('HGET', KEYS[1], 'status')
redis.call('HSET', KEYS[1], 'json', ARGV[3], 'version', ARGV[4], 'status', ARGV[5])
index(KEYS[4], KEYS[5], ARGV[1], ARGV[5], ARGV[6])
if ARGV[5] ~= 'closed' then redis.call('SREM', KEYS[7], ARGV[1]) elseif was ~= 'closed' then redis.call('SADD', KEYS[7], ARGV[1]) end
if KEYS[9] then redis.call('SET', KEYS[9], ARGV[8], 'EX', ARGV[7]) end
local audited = tonumber(ARGV[9])
if audited > 0 then redis.call('XADD', KEYS[8], '*', unpack(ARGV, 10, 9 + audited)) end
append_events(KEYS[2], KEYS[3], KEYS[6], 10 + audited)
return 'ok'
`);

// KEYS: incident, timeline, event-ids, timeline text. ARGV: events…  Returns how many were new, or -1 without the incident.
export const appendEventsScript = redisScript(`${APPEND_EVENTS}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return append_events(KEYS[2], KEYS[3], KEYS[4], 1)
`);

// KEYS: incident, links[, link index]. ARGV: link key, value, id. With an index, a changed value frees the
// old index entry.
export const setLinkScript = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if KEYS[3] then
  local old = redis.call('HGET', KEYS[2], ARGV[1])
  if old and old ~= ARGV[2] and redis.call('HGET', KEYS[3], old) == ARGV[3] then redis.call('HDEL', KEYS[3], old) end
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 'ok'
`);

// KEYS: link index. ARGV: link value, the incident key without its id. The incident's record, or nil.
export const findByLinkScript = redisScript(`
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
return redis.call('HGET', ARGV[2] .. id, 'json')
`);
