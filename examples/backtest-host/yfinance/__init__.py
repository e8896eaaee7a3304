"""Stand-in for yfinance in the demo host: serves prices from config/data_cache instead of the network."""
import csv
from pathlib import Path

from pandas import DataFrame

__version__ = "0.0-demo"
CACHE = Path(__file__).resolve().parent.parent / "config" / "data_cache"


class Ticker:
    def __init__(self, symbol):
        self.symbol = symbol

    def history(self, period="1d"):
        path = CACHE / f"{self.symbol}_{period}.csv"
        if not path.exists():
            return DataFrame([{"date": "demo", "close": 100.0}])
        with path.open(encoding="utf-8") as handle:
            return DataFrame(list(csv.DictReader(handle)))

    @property
    def info(self):
        return {"symbol": self.symbol, "currency": "USD", "source": "demo"}
