"""Imports the backtest system's modules one by one and says which fail and why.

Usage: python klaxon_imports.py health|full
  health  the live entry point's module, the active strategies, the parameter manager and the logger
  full    every module under strategies/, indicators/, config/ (top level) and src/dssms/
"""
import importlib
import logging
import os
import sys
import time

sys.path.insert(0, os.getcwd())
logging.disable(logging.WARNING)

HEALTH = [
    'src.dssms.dssms_integrated_main',
    'strategies.VWAP_Breakout',
    'strategies.Momentum_Investing',
    'strategies.Breakout',
    'strategies.BreakoutStrategyRelaxed',
    'strategies.contrarian_strategy',
    'strategies.gc_strategy_signal',
    'config.optimized_parameters',
    'config.logger_config',
    'src.utils.logger_setup',
]
FULL_PACKAGES = ['strategies', 'indicators', 'config', os.path.join('src', 'dssms')]


def full_list(root):
    modules = []
    for package in FULL_PACKAGES:
        folder = os.path.join(root, package)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            # Test and demo scripts run things when imported; they are not part of the system.
            if name.endswith('.py') and name != '__init__.py' and not name.startswith(('test_', 'demo_')):
                modules.append('.'.join([*package.split(os.sep), name[:-3]]))
    return modules


def main(argv):
    mode = argv[0] if argv else 'health'
    modules = HEALTH if mode == 'health' else full_list(os.getcwd())
    failed = []
    for name in modules:
        started = time.perf_counter()
        try:
            importlib.import_module(name)
            print(f'OK      {name} ({(time.perf_counter() - started) * 1000:.0f} ms)')
        except BaseException as error:  # SystemExit from a module's top level is a finding too
            failed.append(name)
            text = str(error).splitlines()[0][:200] if str(error) else ''
            print(f'FAILED  {name}: {type(error).__name__}: {text}')
    label = 'Health check' if mode == 'health' else 'Full diagnostic'
    print(f'{label}: {len(modules) - len(failed)}/{len(modules)} module(s) import')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
