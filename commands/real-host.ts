// Facts about the real backtest system that several catalogue files share (its layout, derived from its
// tree: docs/backtest-host-layout.json), so one change of the system is one change here.

/** The live entry point (main.py is marked inactive in its own header and parses no arguments). */
export const ENTRY_POINT = 'src/dssms/dssms_integrated_main.py';

/** The strategies the entry point can run (its strategy table), as --force-strategy accepts them. */
export const ACTIVE_STRATEGIES = [
  'VWAPBreakoutStrategy',
  'MomentumInvestingStrategy',
  'BreakoutStrategy',
  'BreakoutStrategyRelaxed',
  'ContrarianStrategy',
  'GCStrategy',
] as const;

/** Where the system logs: logs/ (main.log, errors.log, structured.log, subfolders) and its run folders. */
export const ERROR_LOG_DIRS = ['logs', 'output/dssms_integration'];

/** A short backtest window for restarts and checks (the entry point's own default is a whole year). */
export const DATE_PARAMS = {
  start: { kind: 'pattern', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, default: '2024-01-04', description: 'first day (YYYY-MM-DD)' },
  end: { kind: 'pattern', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', maxLength: 10, default: '2024-03-29', description: 'last day (YYYY-MM-DD)' },
} as const;

