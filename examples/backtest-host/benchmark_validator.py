"""Benchmark validator (demo): times a small backtest against a budget."""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from strategies.VWAP_Breakout import VWAPBreakoutStrategy  # noqa: E402

BUDGET_SECONDS = 2.0


def main():
    start = time.perf_counter()
    for _ in range(20):
        VWAPBreakoutStrategy().backtest([100 + i * 0.1 for i in range(500)])
    elapsed = time.perf_counter() - start
    verdict = "PASS" if elapsed < BUDGET_SECONDS else "FAIL"
    print(f"Benchmark: {elapsed:.3f} s (budget {BUDGET_SECONDS} s) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
