// Whom a failed read-only entry blames on a real checkout: the outputs below are shaped like the real
// project's and klaxon's helpers' (a project script runs under klaxon's guard, through runpy).
import { describe, expect, it } from 'vitest';
import { hostVerdict, raisedIn, type Verdict } from '../../src/domain/host-verdict.js';

const DECLARED = new Set(['pandas', 'numpy', 'yfinance', 'psutil']);

const underGuard = (...inner: string[]) =>
  [
    'Traceback (most recent call last):',
    '  File "/opt/klaxon/host/klaxon_guard.py", line 88, in <module>',
    '    runpy.run_path(script, run_name="__main__")',
    '  File "<frozen runpy>", line 291, in run_path',
    '  File "<frozen runpy>", line 98, in _run_module_code',
    ...inner,
  ].join('\n');

const CASES: readonly { readonly name: string; readonly outcome?: 'failed' | 'succeeded' | 'timed_out'; readonly written?: number; readonly output: string; readonly verdict: Verdict }[] = [
  { name: 'a run that exited 0', outcome: 'succeeded', output: 'Python OK 3.11.2', verdict: { verdict: 'ok' } },
  { name: 'a run that wrote into the checkout, even one that exited 0', outcome: 'succeeded', written: 1, output: '', verdict: { verdict: 'klaxon defect' } },
  { name: 'a timeout', outcome: 'timed_out', output: '', verdict: { verdict: 'klaxon defect' } },
  {
    name: 'a declared package this Python lacks',
    output: "VWAPBreakoutStrategy: FAILED ModuleNotFoundError: No module named 'pandas'",
    verdict: { verdict: 'missing package', detail: 'pandas' },
  },
  { name: "the project's requirement check naming a missing one", output: 'pandas MISSING', verdict: { verdict: 'missing package', detail: 'pandas' } },
  {
    name: "a package klaxon's helper needs, said in one line",
    output: "No module named 'psutil': the host metrics read it; install it on this host (pip install psutil)",
    verdict: { verdict: 'missing package', detail: 'psutil' },
  },
  {
    name: "a test runner klaxon runs with `python -m` that this Python lacks (runpy says it without quotes)",
    output: underGuard('  File "<frozen runpy>", line 142, in _get_module_details', 'ImportError: No module named pytest'),
    verdict: { verdict: 'missing package', detail: 'pytest' },
  },
  {
    name: 'a module the project imports and never declared',
    output: underGuard('  File "config/basic_system_test.py", line 12, in <module>', '    import ta', "ModuleNotFoundError: No module named 'ta'"),
    verdict: { verdict: 'project defect' },
  },
  {
    name: 'a project script that raises, run under the guard',
    output: underGuard(
      '  File "config/basic_system_test.py", line 40, in <module>',
      '  File "config/multi_strategy_coordination_manager.py", line 77, in plan',
      "NameError: name 'ExecutionTask' is not defined",
    ),
    verdict: { verdict: 'project defect' },
  },
  {
    name: "a project call that fails inside an installed package: the project's innermost frame decides",
    output: underGuard(
      '  File "src/strategies/breakout.py", line 50, in backtest',
      '  File "/usr/lib/python3/dist-packages/pandas/core/frame.py", line 3761, in __getitem__',
      "KeyError: 'Adj Close'",
    ),
    verdict: { verdict: 'project defect' },
  },
  {
    name: "klaxon's helper raising, with only Python's frames around it",
    output: [
      'Traceback (most recent call last):',
      '  File "<frozen runpy>", line 198, in _run_module_as_main',
      '  File "/opt/klaxon/host/klaxon_params.py", line 31, in main',
      '  File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode',
      'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    ].join('\n'),
    verdict: { verdict: 'klaxon defect' },
  },
  { name: "the helper's per-item failure lines", output: 'PROBLEM config/backtest_result_analyzer.py: IndentationError', verdict: { verdict: 'project defect' } },
  { name: 'a verification entry whose criterion was not met', output: 'pass criterion not met: 0 passed', verdict: { verdict: 'project defect' } },
  { name: 'the dashboard not listening', output: 'http://127.0.0.1:8080: not reachable: connection refused (not running?)', verdict: { verdict: 'not running' } },
  { name: 'a failure that names nobody', output: 'something went wrong', verdict: { verdict: 'klaxon defect' } },
];

describe('hostVerdict', () => {
  it.each(CASES)('$name', ({ outcome = 'failed', written = 0, output, verdict }) => {
    expect(hostVerdict({ outcome, output }, written, DECLARED)).toEqual(verdict);
  });
});

describe('raisedIn', () => {
  it('finds nobody in an output without a traceback, and ignores frames of Python and of installed packages', () => {
    expect(raisedIn('Python OK 3.11.2')).toBeUndefined();
    expect(raisedIn('  File "<frozen runpy>", line 1\n  File "/home/op/venv/lib/python3.11/site-packages/x.py", line 2')).toBeUndefined();
  });

  it('tells a klaxon helper from a project file of a similar name', () => {
    expect(raisedIn('  File "/opt/klaxon/host/klaxon_snapshot.py", line 9, in main')).toBe('klaxon');
    expect(raisedIn('  File "tools/not_klaxon_related/run.py", line 9, in main')).toBe('project');
  });
});
