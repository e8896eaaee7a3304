"""Screener as it was before the portfolio integration (demo backup copy)."""
