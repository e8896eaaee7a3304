"""Monitoring dashboard (demo): --status prints the monitoring state."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from src.monitoring import state  # noqa: E402


class Dashboard:
    def status(self):
        current = state.load()
        return f"Dashboard: running (demo), interval {current['interval_seconds']} s, metrics {', '.join(current['metrics'])}"

    def increase_monitoring_frequency(self):
        current = state.load()
        current["interval_seconds"] = max(5, current["interval_seconds"] // 2)
        state.save(current)
        print(f"Monitoring interval is now {current['interval_seconds']} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--status", action="store_true")
    args = parser.parse_args()
    if args.status:
        print(Dashboard().status())
    return 0


if __name__ == "__main__":
    sys.exit(main())
