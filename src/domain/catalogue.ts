// The shape of the allow-list in commands/: what the worker may run, with what parameters, at what risk.
import type { Locale } from './locale.js';
import type { Severity } from './severity.js';

export const RISKS = ['read-only', 'mutating', 'destructive'] as const;
export type Risk = (typeof RISKS)[number];

export type ParamSpec =
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly default?: string; readonly description?: string }
  | { readonly kind: 'int'; readonly min: number; readonly max: number; readonly default?: number; readonly description?: string }
  | {
      /** Anchored regular expression source; values are still passed as one argv element, never to a shell. */
      readonly kind: 'pattern';
      readonly pattern: string;
      readonly maxLength: number;
      readonly default?: string;
      readonly description?: string;
    };

/**
 * A program to run: argv[0] may be `{python}` (BACKTEST_PYTHON); `{name}` elements are whole-element params;
 * `{helper:name}` is klaxon's own host helper `host/name.py` (standard library plus the project's modules).
 */
export interface ArgvAction {
  readonly kind: 'argv';
  readonly argv: readonly [string, ...string[]];
}

/** A cross-platform TypeScript implementation of one of the runbook's PowerShell pipelines. */
export interface BuiltinAction {
  readonly kind: 'builtin';
  readonly builtin: string;
  /** Fixed options of the builtin (paths relative to BACKTEST_ROOT, patterns, counts). */
  readonly options?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

export interface CommandSpec {
  readonly id: string;
  readonly title: { readonly en: string; readonly ja: string };
  /** Runbook sections it comes from, e.g. ['§4.1-1', '§4.3-1']. */
  readonly runbook: readonly string[];
  readonly risk: Risk;
  readonly params?: Readonly<Record<string, ParamSpec>>;
  readonly timeoutMs: number;
  readonly outputCapBytes: number;
  readonly action: ArgvAction | BuiltinAction;
  /** Destructive commands that also need a second person's approval. */
  readonly requiresApproval?: boolean;
  /** Lowest severity at which it may run (remediations that only make sense in a big incident). */
  readonly minSeverity?: Severity;
  /** A successful run is evidence for this checklist item (e.g. the log bundle ticks initial_logs). */
  readonly ticks?: 'initial_logs' | 'system_verified';
  /**
   * How the entry departs from the runbook's command, when the real system has no such script, flag or
   * method: what runs instead and why. Shown on the playbook step and in `klaxon commands`.
   */
  readonly departure?: { readonly en: string; readonly ja: string };
  /**
   * Content judgement on top of the exit code: a run that exits 0 but whose output does not match
   * `output` (a regular expression source) has failed. Verification entries declare one.
   */
  readonly passWhen?: { readonly output: string; readonly description: string };
}

export type Catalogue = readonly CommandSpec[];

/** The one lookup of a command by id (ids are unique: a test of the catalogue says so). */
export const findCommand = (catalogue: Catalogue, id: string): CommandSpec | undefined => catalogue.find((command) => command.id === id);

/** A command's title in the reader's language; a command no longer in the catalogue shows its id. */
export const commandTitle = (catalogue: Catalogue, id: string, locale: Locale): string => findCommand(catalogue, id)?.title[locale] ?? id;
