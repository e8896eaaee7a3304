"""The optimised-parameter store through the system's own OptimizedParameterManager.

Usage: python klaxon_params.py load|review
  load    construct the manager and load the approved parameters of every active strategy
  review  list every stored configuration by strategy with its status, date and metrics
"""
import json
import logging
import os
import sys

sys.path.insert(0, os.getcwd())
logging.disable(logging.WARNING)

STRATEGIES = ['VWAPBreakoutStrategy', 'MomentumInvestingStrategy', 'BreakoutStrategy', 'ContrarianStrategy', 'GCStrategy']


def main(argv):
    mode = argv[0] if argv else 'load'
    from config.optimized_parameters import OptimizedParameterManager

    manager = OptimizedParameterManager()
    print(f'Parameter store: {os.path.relpath(manager.config_dir, os.getcwd())}')
    if mode == 'review':
        for strategy in STRATEGIES:
            configs = manager.list_available_configs(strategy)
            print(f'{strategy}: {len(configs)} configuration(s)')
            for config in configs:
                shown = {k: config.get(k) for k in ('filename', 'ticker', 'status', 'optimization_date') if k in config}
                print(f'  {json.dumps(shown, ensure_ascii=False, default=str)}')
        return 0
    missing = []
    for strategy in STRATEGIES:
        params = manager.load_approved_params(strategy)
        if params:
            print(f'{strategy}: {len(params)} approved parameter(s)')
        else:
            missing.append(strategy)
            print(f'{strategy}: no approved parameters (the strategy falls back to its defaults)')
    print('Parameter load: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
