"""Performance monitor (demo): --detailed-analysis profiles a run, --benchmark reports resource use."""
import argparse
import cProfile
import io
import pstats
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from strategies.momentum_investing import MomentumInvestingStrategy  # noqa: E402


def workload():
    for _ in range(200):
        MomentumInvestingStrategy().backtest([100 + i * 0.3 for i in range(300)])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--detailed-analysis", action="store_true")
    parser.add_argument("--benchmark", action="store_true")
    args = parser.parse_args()
    if args.detailed_analysis:
        profiler = cProfile.Profile()
        profiler.runcall(workload)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(5)
        print(out.getvalue())
    else:
        workload()
    if args.benchmark or not args.detailed_analysis:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"Resource usage: cpu {usage.ru_utime + usage.ru_stime:.2f} s, max RSS {usage.ru_maxrss} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
