// The append-only audit stream: every allow, deny, approval and execution, with who asked and why.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AuditEntry, AuditLog } from '../app/ports.js';
import { streamFields, type StreamEntry } from './codec.js';
import { DEFAULT_PREFIX, storeKeys, type StoreKeys } from './keys.js';
import { redisScript } from './redis-script.js';

const auditEntrySchema = z.object({
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  commandId: z.string().optional(),
  /** sha256 of the canonical parameters: the audit proves what ran without storing secrets. */
  paramsDigest: z.string().optional(),
  host: z.string().optional(),
  /** e.g. allowed, denied, approved, executed, duplicate. */
  decision: z.string(),
  detail: z.string().optional(),
  requestId: z.string(),
  incidentId: z.string().optional(),
  // The port's entry type and the schema are the same shape: this fails to compile when they drift apart.
}) satisfies z.ZodType<AuditEntry>;


export type { AuditEntry, AuditLog, AuditRecord } from '../app/ports.js';

/** The stream fields of a checked entry: what every writer of the audit stream appends. */
export function auditFields(entry: AuditEntry): string[] {
  const valid = auditEntrySchema.parse(entry);
  return ['action', valid.action, 'decision', valid.decision, 'at', String(valid.at), 'json', JSON.stringify(valid)];
}

// The audit log under a prefix; it is never trimmed, so the bot's Redis user can be denied XTRIM and DEL on it.
export function createAuditLog(redis: Redis, options: { readonly prefix?: string } = {}): AuditLog {
  const keys = storeKeys(options.prefix ?? DEFAULT_PREFIX);
  const key = keys.audit;
  return {
    async append(entry) {
      const id = await redis.xadd(key, '*', ...auditFields(entry));
      if (id === null) throw new Error('XADD to the audit stream returned no id');
      return id;
    },

    async read(page = {}) {
      const start = page.after === undefined ? '-' : `(${page.after}`;
      const entries = (await redis.xrange(key, start, '+', 'COUNT', page.count ?? 100)) as StreamEntry[];
      return entries.map(([streamId, fields]) => ({
        ...auditEntrySchema.parse(JSON.parse(streamFields(fields).get('json') ?? 'null')),
        streamId,
      }));
    },

    startClaimed: async (runId) => (await redis.exists(keys.runStarted(runId))) === 1,
  };
}

// A worker's start of a run: the started marker and the audit entry that says what the worker does about it,
// in one server-side step (one round trip before the command runs, and never a marker without its entry).

/** first: nobody started it before; again: a restart that may run again; unknown: a restart that must not. */
export type RunStart = 'first' | 'again' | 'unknown';

export interface RunStartClaim {
  readonly runId: string;
  /** What the marker holds (when it was set). */
  readonly marker: string;
  readonly ttlSeconds: number;
  /** Whether a second start may run the command again (read-only work only). */
  readonly mayRunAgain: boolean;
  /** The audit entry written for each answer. */
  readonly audit: Readonly<Record<RunStart, AuditEntry>>;
}

const ANSWERS: readonly RunStart[] = ['first', 'again', 'unknown'];

// KEYS: marker, audit. ARGV: marker value, ttl, may run again (1/0), then the three entries' fields in the
// order of ANSWERS, each preceded by its count. Returns the answer's position (1-3).
const claimScript = redisScript(`
local answer = 1
if not redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') then
  if ARGV[3] == '1' then answer = 2 else answer = 3 end
end
local at = 4
for _ = 2, answer do at = at + 1 + tonumber(ARGV[at]) end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, at + 1, at + tonumber(ARGV[at])))
return answer
`);

export async function claimRunStart(redis: Redis, keys: StoreKeys, claim: RunStartClaim): Promise<RunStart> {
  const entries = ANSWERS.flatMap((answer) => {
    const fields = auditFields(claim.audit[answer]);
    return [String(fields.length), ...fields];
  });
  const answer = await claimScript.run(redis, [keys.runStarted(claim.runId), keys.audit], [claim.marker, claim.ttlSeconds, claim.mayRunAgain ? '1' : '0', ...entries]);
  const start = ANSWERS[Number(answer) - 1];
  if (start === undefined) throw new Error(`the run start script answered ${String(answer)}`);
  return start;
}
