"""GCStrategy (demo): a small rule of the same shape as the real strategy."""
from indicators.basic_indicators import calculate_sma
from strategies.base_strategy import BaseStrategy


class GCStrategy(BaseStrategy):
    def __init__(self, data, params=None, price_column="Adj Close"):
        super().__init__(data, params, price_column)
        self._short = calculate_sma(list(self.data[self.price_column]), self.params['short_window'])
        self._long = calculate_sma(list(self.data[self.price_column]), self.params['long_window'])

    def default_params(self):
        return {'short_window': 5, 'long_window': 25, 'stop_loss': 0.03}

    def generate_entry_signal(self, idx):
        prices = list(self.data[self.price_column])
        short, long = self._short, self._long
        return 1 if idx >= 1 and short[idx] > long[idx] and short[idx - 1] <= long[idx - 1] else 0

    def generate_exit_signal(self, idx, entry_idx=-1):
        prices = list(self.data[self.price_column])
        short, long = self._short, self._long
        return -1 if short[idx] < long[idx] or prices[idx] < prices[entry_idx] * (1 - self.params['stop_loss']) else 0
