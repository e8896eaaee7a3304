"""Momentum investing strategy (demo)."""


class MomentumInvestingStrategy:
    def __init__(self, params=None):
        self.params = params or {"lookback": 60, "top_n": 10, "rebalance_days": 20}

    def backtest(self, prices):
        lookback = min(self.params["lookback"], len(prices) - 1)
        momentum = prices[-1] / prices[-1 - lookback] - 1
        return {"momentum": round(momentum, 4), "bars": len(prices)}
