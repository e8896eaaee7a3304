// What a read-only entry's run on a real checkout says about whom to blame: the entry worked (ok), the
// backtest system is broken (project defect), this Python lacks a package (missing package), the live
// service is down (not running), or klaxon is at fault (klaxon defect: a timeout, a write, a wrong path).
import type { RunResult } from './run-result.js';

export type HostVerdict = 'ok' | 'project defect' | 'missing package' | 'not running' | 'klaxon defect';

// Quoted by `import`, bare by `python -m` (runpy): "No module named 'pandas'", "No module named pytest".
const MISSING_MODULE = /No module named '?([A-Za-z0-9_]+)|^([A-Za-z0-9_.-]+) MISSING$/m;
const NOT_REACHABLE = /not reachable: connection refused/;
// A helper's per-item failure line: the helper ran, and what it checked failed.
const ITEM_FAILURE = /^(FAILED|PROBLEM) |^[\w.]+( \w+)?: FAIL(ED)? /m;
const FRAME = /^\s*File "([^"]+)", line \d+/gm;
// Python's own frames (`<frozen runpy>`, the standard library) and installed packages'.
const NOT_OWN_CODE = /^<|[/\\](site|dist)-packages[/\\]|[/\\]lib[/\\]python\d/;

/**
 * Whose code raised: the innermost frame of the output's tracebacks that is neither Python's nor an installed
 * package's (a project script runs under klaxon's guard through runpy, so the outer frames are klaxon's).
 */
export function raisedIn(output: string): 'klaxon' | 'project' | undefined {
  const own = [...output.matchAll(FRAME)].map((frame) => frame[1] ?? '').filter((file) => !NOT_OWN_CODE.test(file)).at(-1);
  if (own === undefined) return undefined;
  return /(^|[/\\])klaxon_\w+\.py$/.test(own) ? 'klaxon' : 'project';
}

export interface Verdict {
  readonly verdict: HostVerdict;
  /** The missing package, when that is the verdict. */
  readonly detail?: string;
}

/**
 * Classifies one run; `written` is the number of files the run changed under the checkout, `declared`
 * the import names of the packages the project declares (requirements.txt) and of those klaxon's helpers
 * import: a module the project's code imports without declaring it is its defect; a declared package, or one
 * klaxon's own code asked for, that this Python lacks is an environment gap.
 */
export function hostVerdict(result: Pick<RunResult, 'outcome' | 'output'>, written: number, declared: ReadonlySet<string>): Verdict {
  if (written > 0 || result.outcome === 'timed_out') return { verdict: 'klaxon defect' };
  if (result.outcome === 'succeeded') return { verdict: 'ok' };
  const match = MISSING_MODULE.exec(result.output);
  const missing = match?.[1] ?? match?.[2];
  // What klaxon itself asked for (`python -m pytest` through the guard, a helper's import) is this host's gap too.
  if (missing !== undefined && (declared.has(missing.toLowerCase().replace(/-/g, '_')) || raisedIn(result.output) === 'klaxon')) return { verdict: 'missing package', detail: missing };
  if (NOT_REACHABLE.test(result.output)) return { verdict: 'not running' };
  if (ITEM_FAILURE.test(result.output) || raisedIn(result.output) === 'project' || /pass criterion not met/.test(result.output)) return { verdict: 'project defect' };
  return { verdict: 'klaxon defect' };
}
