"""Alert manager (demo): active alerts and their sensitivity."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from src.monitoring import state  # noqa: E402

ACTIVE = [
    {"alert_id": "alt-001", "rule_id": "error_rate", "level": "critical", "title": "Error rate above 5%"},
    {"alert_id": "alt-002", "rule_id": "memory", "level": "warning", "title": "Memory usage above 80%"},
]


class AlertManager:
    def get_active_alerts(self):
        return list(ACTIVE)

    def adjust_sensitivity(self, factor=0.8):
        current = state.load()
        current["sensitivity"] = round(current["sensitivity"] * factor, 3)
        state.save(current)
        return current["sensitivity"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adjust-sensitivity", action="store_true")
    args = parser.parse_args()
    if args.adjust_sensitivity:
        print(f"Alert sensitivity adjusted to {AlertManager().adjust_sensitivity()}")
    else:
        print(AlertManager().get_active_alerts())
    return 0


if __name__ == "__main__":
    sys.exit(main())
