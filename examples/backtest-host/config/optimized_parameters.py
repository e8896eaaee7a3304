"""Optimised strategy parameters (demo): one JSON file per optimisation run in config/optimized_params/,
each with a review status; a strategy without an approved file runs on its defaults."""
import json
import os


class OptimizedParameterManager:
    def __init__(self, config_dir=None):
        if config_dir is None:
            config_dir = os.path.join(os.path.dirname(__file__), "optimized_params")
        self.config_dir = config_dir
        os.makedirs(config_dir, exist_ok=True)

    def list_available_configs(self, strategy_name=None, ticker=None, status=None):
        configs = []
        for name in sorted(os.listdir(self.config_dir)):
            if not name.endswith(".json"):
                continue
            if strategy_name and not name.startswith(f"{strategy_name}_"):
                continue
            with open(os.path.join(self.config_dir, name), encoding="utf-8") as handle:
                data = json.load(handle)
            if (ticker and data.get("ticker") != ticker) or (status and data.get("status") != status):
                continue
            configs.append({"filename": name, **{k: data.get(k) for k in ("strategy", "ticker", "status", "optimization_date")}})
        return configs

    def load_approved_params(self, strategy_name, ticker=None):
        approved = self.list_available_configs(strategy_name, ticker, status="approved")
        if not approved:
            return {}
        with open(os.path.join(self.config_dir, approved[-1]["filename"]), encoding="utf-8") as handle:
            return json.load(handle).get("params", {})
