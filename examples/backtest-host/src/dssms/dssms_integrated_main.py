"""DSSMS integrated backtest (demo): the live entry point. Picks a symbol per day from the cached prices
(or the one given), runs the chosen strategy with its approved optimised parameters, logs to logs/main.log
(and logs/structured.log) and to output/dssms_integration/dssms_<yyyyMMdd_HHmmss>/dssms_execution.log, and
writes the run's results there under the real system's names (performance_metrics.json, all_transactions.csv,
execution_results.json)."""
import argparse
import importlib
import json
import logging
import os
import sys
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from config.optimized_parameters import OptimizedParameterManager  # noqa: E402
from src.dssms.dssms_outputs import trades_of, write_outputs  # noqa: E402
from src.utils.logger_setup import get_logger_manager  # noqa: E402

STRATEGY_MAP = {
    "VWAPBreakoutStrategy": ("strategies.VWAP_Breakout", "VWAPBreakoutStrategy"),
    "MomentumInvestingStrategy": ("strategies.Momentum_Investing", "MomentumInvestingStrategy"),
    "BreakoutStrategy": ("strategies.Breakout", "BreakoutStrategy"),
    "BreakoutStrategyRelaxed": ("strategies.BreakoutStrategyRelaxed", "BreakoutStrategyRelaxed"),
    "ContrarianStrategy": ("strategies.contrarian_strategy", "ContrarianStrategy"),
    "GCStrategy": ("strategies.gc_strategy_signal", "GCStrategy"),
}


def load_prices(symbol, start, end):
    import pandas as pd

    cache = os.path.join(ROOT, "data_cache")
    for name in sorted(os.listdir(cache)):
        if name.startswith(f"{symbol}_") and name.endswith(".csv"):
            frame = pd.read_csv(os.path.join(cache, name))
            return frame
    raise FileNotFoundError(f"no cached prices for {symbol} in data_cache/ (and no network data source here)")


def main(argv=None):
    parser = argparse.ArgumentParser(description="DSSMS Integrated Backtest System")
    parser.add_argument("--start-date", type=str, default="2023-01-01")
    parser.add_argument("--end-date", type=str, default="2023-12-31")
    parser.add_argument("--fixed-symbol", type=str, default=None)
    parser.add_argument("--force-strategy", type=str, default=None)
    args = parser.parse_args(argv)
    if args.force_strategy and args.force_strategy not in STRATEGY_MAP:
        parser.error(f"Unknown strategy: {args.force_strategy}")
    get_logger_manager()
    log = logging.getLogger("dssms")
    # The real system's folder name (second resolution; a second run in the same second shares it).
    run_dir = os.path.join(ROOT, "output", "dssms_integration", datetime.now().strftime("dssms_%Y%m%d_%H%M%S"))
    os.makedirs(run_dir, exist_ok=True)
    run_log = logging.FileHandler(os.path.join(run_dir, "dssms_execution.log"), encoding="utf-8")
    run_log.setFormatter(logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s"))
    log.addHandler(run_log)
    symbol = args.fixed_symbol or "8306.T"
    strategy_name = args.force_strategy or "VWAPBreakoutStrategy"
    log.info("DSSMS start %s..%s symbol=%s strategy=%s", args.start_date, args.end_date, symbol, strategy_name)
    module_name, class_name = STRATEGY_MAP[strategy_name]
    params = OptimizedParameterManager().load_approved_params(strategy_name, symbol)
    strategy = getattr(importlib.import_module(module_name), class_name)(load_prices(symbol, args.start_date, args.end_date), params)
    result = strategy.backtest()
    write_outputs(run_dir, trades_of(result, symbol, strategy_name))
    trades = int((result["Entry_Signal"] == 1).sum())
    summary = {"symbol": symbol, "strategy": strategy_name, "start": args.start_date, "end": args.end_date, "trades": trades}
    with open(os.path.join(run_dir, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    log.info("DSSMS done: %s", summary)
    print(f"DSSMS backtest completed: {strategy_name} on {symbol}, {trades} trade(s), results in {os.path.relpath(run_dir, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
