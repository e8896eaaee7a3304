"""Checks the packages the backtest system declares (requirements.txt) against this Python.

Prints each requirement with the installed version or MISSING, then `pip check` style conflicts found
through importlib.metadata (a requirement of an installed distribution that is absent).
"""
import importlib.metadata as md
import os
import re
import sys


def names(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#')[0].strip()
            if line and not line.startswith('-'):
                yield re.split(r'[<>=!~\[; ]', line, maxsplit=1)[0]


def main():
    path = os.path.join(os.getcwd(), 'requirements.txt')
    if not os.path.exists(path):
        print('requirements.txt: not present')
        return 1
    missing = []
    for name in names(path):
        try:
            print(f'{name} {md.version(name)}')
        except md.PackageNotFoundError:
            missing.append(name)
            print(f'{name} MISSING')
    print(f'Requirements: {len(missing)} missing' + (f' ({", ".join(missing)})' if missing else ''))
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
