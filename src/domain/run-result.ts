// What one run of a catalogue command produced, in a form the timeline, Slack and the report can render.

/** A file a run wrote (a log bundle, preserved evidence, restored config), relative to BACKTEST_ROOT. */
export interface RunFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export type RunOutcome = 'succeeded' | 'failed' | 'timed_out' | 'canceled';

export interface RunResult {
  readonly commandId: string;
  readonly outcome: RunOutcome;
  readonly exitCode: number | null;
  /** The signal that ended the process, when one did (e.g. SIGKILL after a timeout). */
  readonly signal?: string;
  readonly durationMs: number;
  /** Redacted, capped output: head and tail with an "… N bytes omitted …" line between them. */
  readonly output: string;
  /** Bytes of redacted output seen in total. */
  readonly outputBytes: number;
  /** Bytes left out of `output` by the cap. */
  readonly truncatedBytes: number;
  /** sha256 (hex) of the full redacted output stream. */
  readonly outputDigest: string;
  readonly files: readonly RunFile[];
}
