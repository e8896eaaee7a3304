// Closing a BullMQ worker without hanging when its blocking connection is between two reconnect attempts.
// BullMQ's close() disconnects that connection and waits for its 'end' event. An ioredis client waiting
// out a reconnect delay has no socket, so disconnect() only cancels the next attempt and 'end' never comes:
// close() then waits for good (taskforcesh/bullmq#4656, open in 6.7). That state lasts up to the retry
// delay (2 s) after Redis comes back, and for as long as Redis stays away.
import type { RedisQueueBackend, Worker } from 'bullmq';

/** How long a close waits for a connection between reconnects to try again before it gives up on Redis. */
export const RECONNECT_WAIT_MS = 3_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Closes `worker` as BullMQ's close() does, letting its running jobs finish, once its blocking connection
 * is ready again (or at least has a socket to close). If Redis still does not answer after `waitMs`, the
 * worker is closed at once: its running jobs can record nothing without Redis, and BullMQ's stalled check
 * hands them to the next worker.
 */
export async function closeWorker(worker: Worker, waitMs = RECONNECT_WAIT_MS): Promise<void> {
  const client = await (worker.backend as Partial<Pick<RedisQueueBackend, 'blockingClient'>>).blockingClient?.catch(() => undefined);
  // A connection still on its way to 'ready' closes too, but BullMQ then takes seconds more to notice.
  const reconnecting = () => ['reconnecting', 'connecting', 'connect'].includes(client?.status ?? 'ready');
  const deadline = Date.now() + waitMs;
  while (reconnecting() && Date.now() < deadline) await pause(20);
  await worker.close(client?.status === 'reconnecting');
}
