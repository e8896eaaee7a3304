"""Shared state file of the demo monitoring (logs/monitoring_state.json)."""
import json
from pathlib import Path

STATE = Path(__file__).resolve().parent.parent.parent / "logs" / "monitoring_state.json"
DEFAULT = {"sensitivity": 1.0, "interval_seconds": 60, "metrics": ["cpu", "memory", "latency"]}


def load():
    if STATE.exists():
        return {**DEFAULT, **json.loads(STATE.read_text(encoding="utf-8"))}
    return dict(DEFAULT)


def save(state):
    STATE.parent.mkdir(exist_ok=True)
    STATE.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
