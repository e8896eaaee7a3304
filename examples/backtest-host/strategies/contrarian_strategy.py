"""ContrarianStrategy (demo): a small rule of the same shape as the real strategy."""
from indicators.basic_indicators import calculate_sma
from strategies.base_strategy import BaseStrategy


class ContrarianStrategy(BaseStrategy):
    def __init__(self, data, params=None, price_column="Adj Close"):
        super().__init__(data, params, price_column)
        self._sma = calculate_sma(list(self.data[self.price_column]), self.params.get('sma_short', 10))

    def default_params(self):
        return {'drop': 0.03, 'take_profit': 0.05, 'stop_loss': 0.04}

    def generate_entry_signal(self, idx):
        prices = list(self.data[self.price_column])
        sma = self._sma  # noqa: F841
        return 1 if idx >= 1 and prices[idx] < prices[idx - 1] * (1 - self.params['drop']) else 0

    def generate_exit_signal(self, idx, entry_idx=-1):
        prices = list(self.data[self.price_column])
        sma = self._sma  # noqa: F841
        return -1 if prices[idx] < prices[entry_idx] * (1 - self.params['stop_loss']) or prices[idx] > prices[entry_idx] * (1 + self.params['take_profit']) else 0
