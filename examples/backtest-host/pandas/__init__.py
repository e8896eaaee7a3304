"""Stand-in for pandas in the demo host (standard library only): just enough for the runbook's checks."""
__version__ = "0.0-demo"


class DataFrame:
    def __init__(self, rows=None):
        self.rows = list(rows or [])

    @property
    def empty(self):
        return len(self.rows) == 0

    def __len__(self):
        return len(self.rows)
