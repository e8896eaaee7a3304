// What a read-only entry's run on a real checkout says about whom to blame: the entry worked (ok), the
// backtest system is broken (project defect), this Python lacks a package (missing package), the live
// service is down (not running), or klaxon is at fault (klaxon defect: a timeout, a write, a wrong path).
import type { RunResult } from './run-result.js';

export type HostVerdict = 'ok' | 'project defect' | 'missing package' | 'not running' | 'klaxon defect';

const MISSING_MODULE = /No module named '([A-Za-z0-9_]+)|^([A-Za-z0-9_.-]+) MISSING$/m;
const NOT_REACHABLE = /not reachable: connection refused/;
// A helper's per-item failure line or a traceback whose last frame is in the project's own files.
const PROJECT_FAILURE = /^(FAILED|PROBLEM) |^[\w.]+( \w+)?: FAIL(ED)? |File "(?![^"]*klaxon_)[^"]+", line \d+/m;

export interface Verdict {
  readonly verdict: HostVerdict;
  /** The missing package, when that is the verdict. */
  readonly detail?: string;
}

/**
 * Classifies one run; `written` is the number of files the run changed under the checkout, `declared`
 * the import names of the packages the project declares (requirements.txt): a module the project lacks
 * itself is its defect, a declared package this Python lacks is an environment gap.
 */
export function hostVerdict(result: Pick<RunResult, 'outcome' | 'output'>, written: number, declared: ReadonlySet<string>): Verdict {
  if (written > 0 || result.outcome === 'timed_out') return { verdict: 'klaxon defect' };
  if (result.outcome === 'succeeded') return { verdict: 'ok' };
  const match = MISSING_MODULE.exec(result.output);
  const missing = match?.[1] ?? match?.[2];
  if (missing !== undefined && declared.has(missing.toLowerCase().replace(/-/g, '_'))) return { verdict: 'missing package', detail: missing };
  if (NOT_REACHABLE.test(result.output)) return { verdict: 'not running' };
  if (PROJECT_FAILURE.test(result.output) || /pass criterion not met/.test(result.output)) return { verdict: 'project defect' };
  return { verdict: 'klaxon defect' };
}
