"""Base class of the strategies: a price frame in, Entry_Signal / Exit_Signal columns out."""
import logging


class BaseStrategy:
    def __init__(self, data, params=None, price_column="Adj Close"):
        if data is None or len(data) == 0:
            raise ValueError(f"{type(self).__name__} needs a price frame")
        self.data = data
        self.params = {**self.default_params(), **(params or {})}
        self.price_column = price_column
        self.logger = logging.getLogger(type(self).__name__)

    def default_params(self):
        return {}

    def generate_entry_signal(self, idx):
        return 0

    def generate_exit_signal(self, idx, entry_idx=-1):
        return 0

    def backtest(self):
        entries, exits = [], []
        entry_idx = -1
        for idx in range(len(self.data)):
            if entry_idx < 0 and self.generate_entry_signal(idx) == 1:
                entry_idx = idx
                entries.append(1)
                exits.append(0)
            elif entry_idx >= 0 and self.generate_exit_signal(idx, entry_idx) == -1:
                entry_idx = -1
                entries.append(0)
                exits.append(-1)
            else:
                entries.append(0)
                exits.append(0)
        result = self.data.copy()
        result["Entry_Signal"] = entries
        result["Exit_Signal"] = exits
        return result
