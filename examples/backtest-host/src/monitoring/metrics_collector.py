"""Metrics collector (demo): anomaly check, memory analysis, extra monitoring items."""
import argparse
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from src.monitoring import state  # noqa: E402


class MetricsCollector:
    def check_anomalies(self):
        return [{"metric": "latency_ms", "value": 850, "threshold": 500}]

    def analyze_memory_usage(self):
        tracemalloc.start()
        data = [list(range(1000)) for _ in range(50)]
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del data
        return {"current_kb": current // 1024, "peak_kb": peak // 1024, "pattern": "stable"}

    def add_monitoring(self, metric="gc_pause"):
        current = state.load()
        if metric not in current["metrics"]:
            current["metrics"].append(metric)
        state.save(current)
        return current["metrics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check-anomalies", action="store_true")
    parser.add_argument("--add-monitoring", action="store_true")
    args = parser.parse_args()
    collector = MetricsCollector()
    if args.check_anomalies:
        anomalies = collector.check_anomalies()
        print(f"Anomalies: {len(anomalies)}")
        for anomaly in anomalies:
            print(f"- {anomaly}")
    if args.add_monitoring:
        print(f"Monitoring items: {', '.join(collector.add_monitoring())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
