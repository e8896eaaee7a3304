"""Host metrics through psutil (the library the backtest system's own monitoring uses), with anomalies.

Prints CPU, memory, swap and the disk holding the tree, and flags each at or over its threshold.
"""
import os
import sys

sys.path.insert(0, os.getcwd())
THRESHOLDS = {'cpu': 90.0, 'memory': 90.0, 'swap': 80.0, 'disk': 90.0}


def main():
    try:
        import psutil
    except ImportError:
        # What the on-call engineer needs to read in the thread, not a traceback.
        print("No module named 'psutil': the host metrics read it; install it on this host (pip install psutil)", file=sys.stderr)
        return 1

    values = {
        'cpu': psutil.cpu_percent(interval=1.0),
        'memory': psutil.virtual_memory().percent,
        'swap': psutil.swap_memory().percent,
        'disk': psutil.disk_usage(os.getcwd()).percent,
    }
    anomalies = [name for name, value in values.items() if value >= THRESHOLDS[name]]
    for name, value in values.items():
        flag = '  ANOMALY' if name in anomalies else ''
        print(f'{name}: {value:.1f}% (threshold {THRESHOLDS[name]:.0f}%){flag}')
    print(f'Anomalies: {len(anomalies)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
