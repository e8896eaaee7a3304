"""Stand-in for pandas in the demo host (standard library only): the few calls the demo strategies and
klaxon's strategy checks make — a column-oriented DataFrame, element-wise comparisons, sum, bdate_range."""
import datetime

__version__ = "0.0-demo"


class Series:
    def __init__(self, values):
        self.values = list(values)

    def __len__(self):
        return len(self.values)

    def __iter__(self):
        return iter(self.values)

    def __getitem__(self, i):
        return self.values[i]

    def __eq__(self, other):
        return Series(v == other for v in self.values)

    def __ne__(self, other):
        return Series(v != other for v in self.values)

    def sum(self):
        return sum(self.values)

    def rolling_mean(self, window):
        out = []
        for i in range(len(self.values)):
            chunk = self.values[max(0, i - window + 1): i + 1]
            out.append(sum(chunk) / len(chunk))
        return Series(out)


class DataFrame:
    def __init__(self, data=None, index=None, columns=None):
        if isinstance(data, dict):
            self._cols = {k: list(v) for k, v in data.items()}
        else:
            rows = list(data or [])
            columns = list(columns or [])
            self._cols = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
        length = len(next(iter(self._cols.values()), []))
        self.index = list(index) if index is not None else list(range(length))

    @property
    def columns(self):
        return list(self._cols)

    @property
    def empty(self):
        return len(self.index) == 0

    def __len__(self):
        return len(self.index)

    def __contains__(self, name):
        return name in self._cols

    def __getitem__(self, name):
        return Series(self._cols[name])

    def __setitem__(self, name, values):
        self._cols[name] = list(values)

    def copy(self):
        return DataFrame({k: list(v) for k, v in self._cols.items()}, index=self.index)


def bdate_range(start, periods):
    day = datetime.date.fromisoformat(start)
    days = []
    while len(days) < periods:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def read_csv(path):
    import csv

    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return DataFrame([[float(v) for v in row[1:]] for row in body], index=[row[0] for row in body], columns=header[1:])
