"""BreakoutStrategyRelaxed (demo): Breakout with a lower volume threshold."""
from strategies.Breakout import BreakoutStrategy


class BreakoutStrategyRelaxed(BreakoutStrategy):
    def default_params(self):
        return {**super().default_params(), "volume_threshold": 0.8}
