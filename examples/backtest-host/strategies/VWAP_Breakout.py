"""VWAP breakout strategy (demo)."""


class VWAPBreakoutStrategy:
    def __init__(self, params=None):
        self.params = params or {"lookback": 20, "breakout_threshold": 0.02, "stop_loss": 0.05}

    def backtest(self, prices):
        lookback = self.params["lookback"]
        signals = 0
        for i in range(lookback, len(prices)):
            window = prices[i - lookback:i]
            vwap = sum(window) / len(window)
            if prices[i] > vwap * (1 + self.params["breakout_threshold"]):
                signals += 1
        return {"signals": signals, "bars": len(prices)}
