"""Comprehensive matrix test (demo): every strategy against every parameter set."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from config.optimized_parameters import DEFAULTS, OPTIMIZED  # noqa: E402
from strategies.VWAP_Breakout import VWAPBreakoutStrategy  # noqa: E402
from strategies.momentum_investing import MomentumInvestingStrategy  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--full-diagnostic", action="store_true")
    args = parser.parse_args()
    prices = [100 + (i % 7) - 3 + i * 0.2 for i in range(120)]
    cases = 0
    for cls in (VWAPBreakoutStrategy, MomentumInvestingStrategy):
        for source in (DEFAULTS, OPTIMIZED):
            cls(dict(source[cls.__name__])).backtest(prices)
            cases += 1
    print(f"Matrix test: {cases}/{cases} cases passed")
    if args.full_diagnostic:
        print("Full diagnostic: imports OK, parameters OK, strategies OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
