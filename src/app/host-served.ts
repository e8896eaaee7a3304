// Whether a run for a host can ever be picked up: a host some worker has served (the set of hosts never
// shrinks) takes runs even while its workers are away, a name no worker has ever used is a mistake.
import { err, ok, type Result } from '../domain/result.js';
import type { WorkerPresence } from './ports.js';

export interface UnknownHost {
  readonly code: 'unknown_host';
  readonly host: string;
  /** The hosts some worker has served, to pick from. */
  readonly known: readonly string[];
}

/**
 * `online`: a worker's heartbeat is alive now; otherwise the run waits in the host's queue for one.
 * @example hostServed([{ host: 'backtest-1', online: false }], 'backtest-1') //=> { ok: true, value: { online: false } }
 */
export function hostServed(workers: readonly WorkerPresence[], host: string): Result<{ readonly online: boolean }, UnknownHost> {
  const served = workers.filter((w) => w.host === host);
  if (served.length === 0) return err({ code: 'unknown_host', host, known: workers.map((w) => w.host) });
  return ok({ online: served.some((w) => w.online) });
}

/** The refusal as the audit stream and a maintenance run's summary give it. */
export const unknownHostReason = (unknown: UnknownHost): string =>
  `no worker has served ${unknown.host} (hosts with workers: ${unknown.known.join(', ') || 'none'})`;
