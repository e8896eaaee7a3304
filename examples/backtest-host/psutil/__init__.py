"""Stand-in for psutil in the demo host: memory and swap from /proc/meminfo, CPU from the load average,
disk through shutil."""
import os
import shutil
from collections import namedtuple

__version__ = "0.0-demo"
_Memory = namedtuple("svmem", "total available percent")
_Swap = namedtuple("sswap", "total used percent")
_Disk = namedtuple("sdiskusage", "total used free percent")


def _meminfo():
    values = {}
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                key, rest = line.split(":", 1)
                values[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return values


def virtual_memory():
    values = _meminfo()
    total, available = values.get("MemTotal", 0), values.get("MemAvailable", 0)
    return _Memory(total, available, round(100 * (total - available) / total, 1) if total else 0.0)


def swap_memory():
    values = _meminfo()
    total, free = values.get("SwapTotal", 0), values.get("SwapFree", 0)
    return _Swap(total, total - free, round(100 * (total - free) / total, 1) if total else 0.0)


def disk_usage(path):
    usage = shutil.disk_usage(path)
    return _Disk(usage.total, usage.used, usage.free, round(100 * usage.used / usage.total, 1) if usage.total else 0.0)


def cpu_percent(interval=None):
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return round(min(100.0, 100 * load / (os.cpu_count() or 1)), 1)
