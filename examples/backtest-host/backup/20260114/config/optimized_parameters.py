"""Optimised strategy parameters with their defaults (demo)."""
import json
from pathlib import Path

PARAMS_FILE = Path(__file__).resolve().parent / "strategy_params.json"

DEFAULTS = {
    "VWAPBreakoutStrategy": {"lookback": 20, "breakout_threshold": 0.02, "stop_loss": 0.05},
    "MomentumInvestingStrategy": {"lookback": 60, "top_n": 10, "rebalance_days": 20},
}

OPTIMIZED = {
    "VWAPBreakoutStrategy": {"lookback": 14, "breakout_threshold": 0.015, "stop_loss": 0.04},
    "MomentumInvestingStrategy": {"lookback": 90, "top_n": 8, "rebalance_days": 15},
}


class OptimizedParameterManager:
    def __init__(self):
        self.params = {name: dict(values) for name, values in OPTIMIZED.items()}
        if PARAMS_FILE.exists():
            self.params.update(json.loads(PARAMS_FILE.read_text(encoding="utf-8")))

    def get(self, strategy):
        return dict(self.params[strategy])

    def defaults(self, strategy):
        return dict(DEFAULTS[strategy])

    def reset_to_defaults(self, strategy):
        if strategy not in DEFAULTS:
            raise KeyError(f"unknown strategy: {strategy}")
        self.params[strategy] = dict(DEFAULTS[strategy])
        PARAMS_FILE.write_text(json.dumps(self.params, indent=2, sort_keys=True), encoding="utf-8")
        return self.params[strategy]
