"""Metrics collector (demo): records operation timings in memory; it has no command line."""
import time


class MetricsCollector:
    def __init__(self):
        self.performance = []

    def record_performance_metrics(self, operation, duration_ms, success=True):
        self.performance.append({"operation": operation, "duration_ms": duration_ms, "success": success, "at": time.time()})

    def get_performance_summary(self, time_window_minutes=30):
        cutoff = time.time() - time_window_minutes * 60
        recent = [m for m in self.performance if m["at"] >= cutoff]
        return {"count": len(recent), "failures": sum(not m["success"] for m in recent)}
