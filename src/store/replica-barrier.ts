// Redis replication is asynchronous: a write the primary answered may be lost when a replica is promoted. WAIT
// blocks the connection until replicas hold everything this connection wrote; one WAIT, sent after a batch of
// replies, covers every write of the batch, so a burst of actions costs one round trip, not one each.
import type { Redis } from 'ioredis';

export interface ReplicaBarrier {
  /** Call as the reply to a write arrives (synchronously, before any other await): the write's ticket. */
  wrote(): Ticket;
  /**
   * True once every connected replica, and at least `replicas`, holds the write; false after the timeout, or
   * when the connection changed.
   */
  replicated(ticket: Ticket): Promise<boolean>;
}

export interface Ticket {
  readonly n: number;
  readonly connection: number;
}

interface Batch {
  covers: number;
  connection: number;
  readonly done: Promise<boolean>;
}

export function replicaBarrier(redis: Redis, replicas: number, timeoutMs: number): ReplicaBarrier {
  let written = 0;
  // WAIT counts only what *this* connection wrote: after a reconnect (a failover) a WAIT says nothing about
  // writes sent over the old one, so a batch whose connection closed before its WAIT answered proves nothing.
  let connection = 0;
  redis.on('close', () => (connection += 1));
  let sent: Batch | undefined;
  let next: Batch | undefined;

  function schedule(): Batch {
    let release: (held: boolean) => void = () => undefined;
    const batch: Batch = { covers: 0, connection: 0, done: new Promise<boolean>((resolve) => (release = resolve)) };
    // Later in this turn more replies of the same burst take their tickets: the WAIT goes after all of them.
    setImmediate(() => {
      batch.covers = written;
      batch.connection = connection;
      sent = batch;
      next = undefined;
      void (async () => {
        // Every replica connected now, not just `replicas` of them: Sentinel may promote any of them, and only
        // one that holds the write keeps it. Fewer connected than `replicas` cannot be enough.
        const role = (await redis.call('ROLE')) as [string, number, unknown[]?];
        const needed = Math.max(replicas, Array.isArray(role[2]) ? role[2].length : 0);
        const count = await redis.wait(needed, timeoutMs);
        return count >= needed && connection === batch.connection;
      })().then(release, () => release(false));
    });
    return batch;
  }

  return {
    wrote: () => ({ n: (written += 1), connection }),
    async replicated(ticket) {
      if (replicas <= 0) return true;
      const batch = sent && sent.covers >= ticket.n ? sent : (next ??= schedule());
      const held = await batch.done;
      return held && batch.connection === ticket.connection;
    },
  };
}
