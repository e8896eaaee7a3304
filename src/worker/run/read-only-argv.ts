// A read-only entry's Python runs under klaxon's guard (host/klaxon_guard.py): writes under BACKTEST_ROOT
// are refused, the project's log files go to a temporary folder, and no bytecode is written. The guard
// is added here, by the runner, so no catalogue entry can forget it.
import type { CommandSpec } from '../../domain/catalogue.js';
import { GUARD } from './host-helpers.js';

/** `python --version` and friends start no project code: nothing to guard. */
const INTERPRETER_ONLY = new Set(['--version', '-V', '-VV']);

// True when the runner wraps this entry's argv in the guard.
export const runsGuarded = (spec: CommandSpec): boolean =>
  spec.risk === 'read-only' && spec.action.kind === 'argv' && spec.action.argv[0] === '{python}' && !INTERPRETER_ONLY.has(spec.action.argv[1] ?? '');

// The argv template the runner really uses: `{python} {helper:klaxon_guard} …` for guarded entries.
export function effectiveArgv(spec: CommandSpec & { action: { kind: 'argv' } }): readonly [string, ...string[]] {
  if (!runsGuarded(spec)) return spec.action.argv;
  const [python, ...rest] = spec.action.argv;
  return [python, `{helper:${GUARD}}`, ...rest];
}

// Environment for the project's Python: never bytecode for read-only entries, never a GUI backend.
export const pythonEnv = (spec: CommandSpec): Record<string, string> => ({
  MPLBACKEND: 'Agg',
  ...(spec.risk === 'read-only' ? { PYTHONDONTWRITEBYTECODE: '1' } : {}),
});
