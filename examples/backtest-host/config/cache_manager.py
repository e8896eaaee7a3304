"""Data cache helpers (demo): the library the data fetcher uses; it has no command line."""
import os


def get_cache_filepath(ticker, start_date, end_date, interval="1d", cache_dir="data_cache"):
    return os.path.join(cache_dir, f"{ticker}_{start_date}_{end_date}_{interval}.csv")
