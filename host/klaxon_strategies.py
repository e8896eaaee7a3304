"""Loads and exercises the backtest system's active strategies on a small synthetic price series.

Usage: python klaxon_strategies.py MODE [STRATEGY|all]
  load       import and construct each strategy with the synthetic frame
  matrix     run each strategy's backtest on rising, falling and sideways series; every run must return
             a frame with Entry_Signal and Exit_Signal columns (a verification: exit 1 when a case fails)
  diagnose   the same runs as a diagnosis: each case's finding, exit 0 once every case could be run
  memory     peak memory (tracemalloc) of constructing and backtesting each strategy (a measurement:
             a strategy that fails is reported, exit 0)
  benchmark  backtest time per strategy on 250 rows, against a budget in seconds (PASS/FAIL)

The data is generated here (seeded, deterministic): nothing is downloaded and no project data is read.
"""
import logging
import math
import os
import random
import sys
import time
import tracemalloc

sys.path.insert(0, os.getcwd())
# The strategies log every signal at INFO/WARNING; only their errors belong in a diagnostic's output.
logging.disable(logging.WARNING)

# The system's own strategy table (src/dssms/dssms_integrated_main.py): name -> (module, class).
ACTIVE = {
    'VWAPBreakoutStrategy': ('strategies.VWAP_Breakout', 'VWAPBreakoutStrategy'),
    'MomentumInvestingStrategy': ('strategies.Momentum_Investing', 'MomentumInvestingStrategy'),
    'BreakoutStrategy': ('strategies.Breakout', 'BreakoutStrategy'),
    'BreakoutStrategyRelaxed': ('strategies.BreakoutStrategyRelaxed', 'BreakoutStrategyRelaxed'),
    'ContrarianStrategy': ('strategies.contrarian_strategy', 'ContrarianStrategy'),
    'GCStrategy': ('strategies.gc_strategy_signal', 'GCStrategy'),
}
BENCHMARK_BUDGET_S = 30.0


def frame(trend, rows=250, seed=7):
    import pandas as pd

    rng = random.Random(seed)
    price = 1000.0
    records = []
    for i in range(rows):
        drift = {'up': 0.004, 'down': -0.004, 'sideways': 0.0}[trend]
        price *= 1 + drift + 0.01 * math.sin(i / 5) + rng.uniform(-0.01, 0.01)
        high = price * (1 + rng.uniform(0.002, 0.02))
        low = price * (1 - rng.uniform(0.002, 0.02))
        opening = rng.uniform(low, high)
        records.append((opening, high, low, price, price, rng.randint(100_000, 900_000)))
    index = pd.bdate_range('2024-01-04', periods=rows)
    return pd.DataFrame(records, index=index, columns=['Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'])


def build(name, data):
    import importlib

    module_name, class_name = ACTIVE[name]
    return getattr(importlib.import_module(module_name), class_name)(data)


def describe(error):
    return f'{type(error).__name__}: {error}'.splitlines()[0][:300]


def run_load(names):
    failed = 0
    for name in names:
        try:
            build(name, frame('up'))
            print(f'{name}: OK')
        except Exception as error:  # a strategy that cannot load is the finding
            failed += 1
            print(f'{name}: FAILED {describe(error)}')
    print(f'Strategies loaded: {len(names) - failed}/{len(names)}')
    return failed


def run_matrix(names):
    cases = failed = 0
    for name in names:
        for trend in ('up', 'down', 'sideways'):
            cases += 1
            try:
                result = build(name, frame(trend)).backtest()
                missing = [c for c in ('Entry_Signal', 'Exit_Signal') if c not in getattr(result, 'columns', [])]
                if missing:
                    raise AssertionError(f'result lacks {", ".join(missing)}')
                entries = int((result['Entry_Signal'] == 1).sum())
                exits = int((result['Exit_Signal'] != 0).sum())
                print(f'{name} {trend}: OK entries={entries} exits={exits}')
            except Exception as error:
                failed += 1
                print(f'{name} {trend}: FAILED {describe(error)}')
    print(f'Matrix: {cases - failed}/{cases} passed')
    return failed


def run_diagnose(names):
    run_matrix(names)
    return 0


def run_memory(names):
    failed = 0
    for name in names:
        tracemalloc.start()
        try:
            build(name, frame('up')).backtest()
            _, peak = tracemalloc.get_traced_memory()
            print(f'{name}: peak {peak / 1024 / 1024:.1f} MiB')
        except Exception as error:
            failed += 1
            print(f'{name}: FAILED {describe(error)}')
        finally:
            tracemalloc.stop()
    print(f'Measured: {len(names) - failed}/{len(names)} strategies')
    return 0


def run_benchmark(names):
    failed = 0
    for name in names:
        try:
            strategy = build(name, frame('up'))
            started = time.perf_counter()
            strategy.backtest()
            seconds = time.perf_counter() - started
            verdict = 'PASS' if seconds <= BENCHMARK_BUDGET_S else 'FAIL'
            failed += verdict == 'FAIL'
            print(f'{name}: {seconds:.2f} s (budget {BENCHMARK_BUDGET_S:.0f} s) {verdict}')
        except Exception as error:
            failed += 1
            print(f'{name}: FAIL {describe(error)}')
    print(f'Benchmark: {"PASS" if failed == 0 else "FAIL"} ({len(names) - failed}/{len(names)} within budget)')
    return failed


def main(argv):
    modes = {'load': run_load, 'matrix': run_matrix, 'diagnose': run_diagnose, 'memory': run_memory, 'benchmark': run_benchmark}
    if not argv or argv[0] not in modes:
        print(f'usage: klaxon_strategies.py {"|".join(modes)} [STRATEGY|all]', file=sys.stderr)
        return 2
    wanted = argv[1] if len(argv) > 1 else 'all'
    if wanted != 'all' and wanted not in ACTIVE:
        print(f'unknown strategy {wanted}; active: {", ".join(ACTIVE)}', file=sys.stderr)
        return 2
    names = list(ACTIVE) if wanted == 'all' else [wanted]
    return 1 if modes[argv[0]](names) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
