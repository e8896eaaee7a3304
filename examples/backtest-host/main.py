"""Demo entry point of the backtest system: parses the runbook's flags, runs briefly, logs to logs/main.log."""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from config.logger_config import setup_logger  # noqa: E402
from config.optimized_parameters import OptimizedParameterManager  # noqa: E402
from strategies.VWAP_Breakout import VWAPBreakoutStrategy  # noqa: E402
from strategies.momentum_investing import MomentumInvestingStrategy  # noqa: E402

STRATEGIES = {cls.__name__: cls for cls in (VWAPBreakoutStrategy, MomentumInvestingStrategy)}


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Multi-strategy backtest (demo)")
    parser.add_argument("--safe-mode", action="store_true")
    parser.add_argument("--single-strategy", choices=sorted(STRATEGIES))
    parser.add_argument("--exclude-strategy", choices=sorted(STRATEGIES))
    parser.add_argument("--test-mode", action="store_true")
    parser.add_argument("--minimal-mode", action="store_true")
    parser.add_argument("--performance-mode", action="store_true")
    parser.add_argument("--max-workers", type=int, default=4)
    parser.add_argument("--use-default-params", action="store_true")
    parser.add_argument("--optimize-data-processing", action="store_true")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    logger = setup_logger("main")
    modes = [name for name, on in vars(args).items() if on is True]
    logger.info("backtest start modes=%s max_workers=%d", ",".join(modes) or "normal", args.max_workers)
    names = [args.single_strategy] if args.single_strategy else sorted(STRATEGIES)
    if args.exclude_strategy:
        names = [n for n in names if n != args.exclude_strategy]
    if args.minimal_mode:
        names = names[:1]
    params = OptimizedParameterManager()
    for name in names:
        strategy = STRATEGIES[name](params.defaults(name) if args.use_default_params else params.get(name))
        result = strategy.backtest(prices=[100 + i * 0.5 for i in range(50)])
        logger.info("strategy %s finished: %s", name, result)
        print(f"{name}: {result}")
    time.sleep(0.05)
    logger.info("backtest done (%d strategies)", len(names))
    print(f"Backtest completed: {len(names)} strategies, workers={args.max_workers}, modes={','.join(modes) or 'normal'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
