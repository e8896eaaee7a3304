// An action that was recorded, and whose next steps a failure (Redis gone, a refused write, a stall) cut off.
// The record stands, and a bot's next look for what was left behind finishes it (start-bot.ts), within about
// a minute of Redis answering again. The person who asked must be told that, and not "try again": trying again
// would record a second incident, or run the command a second time.
import type { RunJobData } from './ports.js';

export type Recorded =
  | { readonly kind: 'declaration'; readonly incidentId: string }
  | { readonly kind: 'run'; readonly run: RunJobData }
  /** A run that needs a second person: its request stands, and its message with the approve buttons is on its way. */
  | { readonly kind: 'approval'; readonly run: RunJobData }
  /**
   * The runs of a "Run all", recorded before any of them goes to its host; `notRecorded`, the commands of a
   * suite cut short part way through its recording, which were never asked for.
   */
  | { readonly kind: 'suite'; readonly runs: readonly RunJobData[]; readonly notRecorded?: readonly string[] };

function described(recorded: Recorded): string {
  switch (recorded.kind) {
    case 'declaration':
      return `the declaration of ${recorded.incidentId}`;
    case 'run':
      return `run ${recorded.run.runId}`;
    case 'approval':
      return `the approval request of run ${recorded.run.runId}`;
    case 'suite':
      return `runs ${recorded.runs.map((r) => r.runId).join(', ')}`;
  }
}

export class RecordedButCutShort extends Error {
  constructor(
    readonly recorded: Recorded,
    cause: unknown,
  ) {
    super(`${described(recorded)} was recorded, and what follows was cut short: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RecordedButCutShort';
  }
}

/**
 * A failure while the runs of a "Run all" were being recorded one by one (`failedAt`, one of `commands`): the runs
 * recorded before it stand, and a later look hands them to the host, each in a thread of its own as their summary
 * was never queued. With none recorded, the failure is what it was: nothing stands, and asking again is right.
 */
export function suiteCutShort(recorded: readonly RunJobData[], commands: readonly string[], failedAt: string, error: unknown): unknown {
  const cut = error instanceof RecordedButCutShort && error.recorded.kind === 'run' ? [error.recorded.run] : [];
  const runs = [...recorded, ...cut];
  if (runs.length === 0) return error;
  const notRecorded = commands.slice(commands.indexOf(failedAt) + cut.length);
  return new RecordedButCutShort({ kind: 'suite', runs, ...(notRecorded.length > 0 ? { notRecorded } : {}) }, error);
}
