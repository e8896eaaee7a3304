"""Stand-in for psutil in the demo host: memory from /proc/meminfo, CPU from the load average."""
import os
from collections import namedtuple

__version__ = "0.0-demo"
_Memory = namedtuple("svmem", "total available percent")


def virtual_memory():
    values = {}
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                key, rest = line.split(":", 1)
                values[key] = int(rest.split()[0]) * 1024
    except OSError:
        return _Memory(0, 0, 0.0)
    total, available = values.get("MemTotal", 0), values.get("MemAvailable", 0)
    return _Memory(total, available, round(100 * (total - available) / total, 1) if total else 0.0)


def cpu_percent(interval=None):
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return round(min(100.0, 100 * load / (os.cpu_count() or 1)), 1)
