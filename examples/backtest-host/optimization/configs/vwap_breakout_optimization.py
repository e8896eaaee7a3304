"""VWAP breakout optimisation grid (demo)."""
PARAM_GRID = {
    "stop_loss": [0.02, 0.03, 0.04],
    "take_profit": [0.05, 0.08, 0.12],
    "sma_short": [5, 10, 20],
    "sma_long": [25, 50],
    "volume_threshold": [1.0, 1.2, 1.5],
    "breakout_min_percent": [0.005, 0.01],
    "trailing_stop": [0.02, 0.04],
}
