// An action that was recorded, and whose next steps a failure (Redis gone, a refused write, a stall) cut off.
// The record stands, and a bot's next look for what was left behind finishes it (start-bot.ts), within about
// a minute of Redis answering again. The person who asked must be told that, and not "try again": trying again
// would record a second incident, or run the command a second time.
import type { RunJobData } from './ports.js';

export type Recorded =
  | { readonly kind: 'declaration'; readonly incidentId: string }
  | { readonly kind: 'run'; readonly run: RunJobData }
  /** The runs of a "Run all", recorded before any of them goes to its host. */
  | { readonly kind: 'suite'; readonly runs: readonly RunJobData[] };

export class RecordedButCutShort extends Error {
  constructor(
    readonly recorded: Recorded,
    cause: unknown,
  ) {
    const what =
      recorded.kind === 'declaration' ? `the declaration of ${recorded.incidentId}` : recorded.kind === 'run' ? `run ${recorded.run.runId}` : `runs ${recorded.runs.map((r) => r.runId).join(', ')}`;
    super(`${what} was recorded, and what follows was cut short: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RecordedButCutShort';
  }
}
