"""Trend-switching test suite (demo): per-strategy diagnosis and the weekly health check."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from strategies.VWAP_Breakout import VWAPBreakoutStrategy  # noqa: E402
from strategies.momentum_investing import MomentumInvestingStrategy  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--specific-strategy", action="store_true", help="diagnose each strategy separately")
    parser.add_argument("--health-check", action="store_true")
    args = parser.parse_args()
    up = [100 + i for i in range(80)]
    down = [180 - i for i in range(80)]
    for cls in (VWAPBreakoutStrategy, MomentumInvestingStrategy):
        for trend, prices in (("uptrend", up), ("downtrend", down)):
            result = cls().backtest(prices)
            if args.specific_strategy:
                print(f"{cls.__name__} {trend}: {result}")
    if args.health_check:
        print("Health check: OK")
    print("Trend switching suite: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
