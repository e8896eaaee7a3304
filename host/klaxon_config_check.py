"""Validates the backtest system's configuration without changing it.

Parses every JSON and YAML file under config/ (backup copies and config/optimized_params/ included),
compiles every Python module under config/ in memory, and prints one line per problem, then a count.
"""
import json
import os
import sys

SKIP_DIRS = {'__pycache__'}


def main():
    root = os.getcwd()
    problems = checked = 0
    for folder, dirs, files in os.walk(os.path.join(root, 'config')):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(folder, name)
            shown = os.path.relpath(path, root)
            try:
                if name.endswith('.json'):
                    # The project's own readers accept a UTF-8 byte-order mark.
                    with open(path, encoding='utf-8-sig') as f:
                        json.load(f)
                elif name.endswith(('.yaml', '.yml')):
                    import yaml

                    with open(path, encoding='utf-8-sig') as f:
                        yaml.safe_load(f)
                elif name.endswith('.py'):
                    with open(path, encoding='utf-8') as f:
                        compile(f.read(), shown, 'exec')
                else:
                    continue
                checked += 1
            except Exception as error:
                problems += 1
                checked += 1
                print(f'PROBLEM {shown}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ""}')
    print(f'Config validation: {checked} file(s) checked, {problems} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
