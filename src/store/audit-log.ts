// The append-only audit stream: every allow, deny, approval and execution, with who asked and why.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AuditEntry, AuditLog } from '../app/ports.js';
import { streamFields, type StreamEntry } from './codec.js';
import { DEFAULT_PREFIX, storeKeys } from './keys.js';

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

// The audit log under a prefix; it is never trimmed, so the bot's Redis user can be denied XTRIM and DEL on it.
export function createAuditLog(redis: Redis, options: { readonly prefix?: string } = {}): AuditLog {
  const key = storeKeys(options.prefix ?? DEFAULT_PREFIX).audit;
  return {
    async append(entry) {
      const valid = auditEntrySchema.parse(entry);
      const fields = ['action', valid.action, 'decision', valid.decision, 'at', String(valid.at)];
      const id = await redis.xadd(key, '*', ...fields, 'json', JSON.stringify(valid));
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
  };
}
