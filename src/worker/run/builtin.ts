// The contract between the runner and the builtins (the runbook's PowerShell pipelines in TypeScript).
import type { BuiltinAction } from '../../domain/catalogue.js';

export type BuiltinOptions = NonNullable<BuiltinAction['options']>;

export interface BuiltinContext {
  /** BACKTEST_ROOT as a real path; every path a builtin touches must resolve inside it. */
  readonly root: string;
  readonly options: BuiltinOptions;
  /** Validated parameters (canonical strings), defaults filled in. */
  readonly params: Readonly<Record<string, string>>;
  readonly now: () => number;
  /** Aborted on timeout or cancel: builtins check it between steps. */
  readonly signal: AbortSignal;
  /** Writes one line of output (redacted, capped and digested by the runner). */
  readonly print: (line: string) => void;
  /** For builtins that run a program of the backtest system: BACKTEST_PYTHON, the minimal environment. */
  readonly python: string;
  readonly env: Readonly<Record<string, string>>;
  readonly killGraceMs: number;
}

export interface BuiltinOutcome {
  readonly exitCode: number;
  /** Files the builtin wrote, relative to the root; the runner digests them. */
  readonly files?: readonly string[];
}

export type Builtin = (ctx: BuiltinContext) => Promise<BuiltinOutcome>;

// A wrongly typed option is a catalogue bug, not an expected failure: throw.
export function optionString(options: BuiltinOptions, name: string, fallback?: string): string {
  const value = options[name] ?? fallback;
  if (typeof value !== 'string') throw new Error(`builtin option "${name}" must be a string`);
  return value;
}

// Reads a numeric option (or its fallback).
export function optionNumber(options: BuiltinOptions, name: string, fallback?: number): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number') throw new Error(`builtin option "${name}" must be a number`);
  return value;
}

// Reads a list-of-strings option (or its fallback).
export function optionStrings(options: BuiltinOptions, name: string, fallback?: readonly string[]): readonly string[] {
  const value = options[name] ?? fallback;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`builtin option "${name}" must be a list of strings`);
  }
  return value;
}

// Reads an optional boolean option.
export const optionFlag = (options: BuiltinOptions, name: string): boolean => options[name] === true;

// Reads an int parameter (already validated by resolveCommand) with a fallback.
export function paramInt(params: Readonly<Record<string, string>>, name: string, fallback: number): number {
  const value = params[name];
  return value === undefined ? fallback : Number(value);
}
