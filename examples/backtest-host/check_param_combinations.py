"""Parameter combination check (demo): every optimised value is within its allowed range."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from config.optimized_parameters import OptimizedParameterManager  # noqa: E402

RANGES = {
    "lookback": (5, 250),
    "breakout_threshold": (0.001, 0.1),
    "stop_loss": (0.01, 0.2),
    "top_n": (1, 50),
    "rebalance_days": (1, 60),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--review", action="store_true", help="also compare with the defaults")
    args = parser.parse_args()
    manager = OptimizedParameterManager()
    problems = 0
    for strategy in sorted(manager.params):
        for name, value in sorted(manager.get(strategy).items()):
            low, high = RANGES[name]
            if not low <= value <= high:
                problems += 1
                print(f"[OUT OF RANGE] {strategy}.{name} = {value}")
            if args.review:
                print(f"{strategy}.{name}: optimised {value}, default {manager.defaults(strategy)[name]}")
    print(f"Parameter combinations: {problems} problem(s)")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
