"""A reproducibility snapshot of the backtest tree, or what changed in it since its last commit.

Usage: python klaxon_snapshot.py [snapshot|changes]
  snapshot  git commit and dirty files, sha256 of config/ (as a tree) and of each optimised-parameter
            file, the Python version and the version of every installed package the project imports;
            the last line is `KLAXON_SNAPSHOT <json>` for klaxon to keep and compare
  changes   files changed since the last commit (modified, added, deleted, untracked), for an audit

Reads only: git runs with --no-optional-locks so not even its index is refreshed.
"""
import hashlib
import importlib.metadata as md
import json
import os
import platform
import re
import subprocess
import sys

PARAM_FILES = [os.path.join('config', 'optimized_parameters.py')]
PARAM_DIR = os.path.join('config', 'optimized_params')
IMPORT = re.compile(r'^\s*(?:from\s+([A-Za-z_][\w]*)[\w.]*\s+import|import\s+([A-Za-z_][\w]*))', re.M)
SKIP_DIRS = {'.git', '__pycache__', 'node_modules', '.venv', 'venv', 'env'}


def git(*args):
    try:
        done = subprocess.run(['git', '--no-optional-locks', *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, str(error)
    return (done.stdout, None) if done.returncode == 0 else (None, done.stderr.strip().splitlines()[-1:] or ['git failed'])


def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 16), b''):
            digest.update(block)
    return digest.hexdigest()


def walk(top):
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            yield os.path.join(folder, name)


def rel(path):
    return os.path.relpath(path, os.getcwd()).replace(os.sep, '/')


def tree_digest(top):
    """The tree's sha256 (over path and content digest of every file) and each file's sha256."""
    digest = hashlib.sha256()
    files = {}
    for path in walk(top):
        files[rel(path)] = sha256(path)
        digest.update(f'{rel(path)}\0{files[rel(path)]}\n'.encode())
    return digest.hexdigest(), files


def imported_packages():
    local = {name.split('.')[0] for name in os.listdir('.')}
    tops = set()
    for path in walk('.'):
        if path.endswith('.py'):
            try:
                with open(path, encoding='utf-8', errors='replace') as f:
                    text = f.read()
            except OSError:
                continue
            for match in IMPORT.finditer(text):
                tops.add(match.group(1) or match.group(2))
    tops -= local
    tops -= set(sys.stdlib_module_names)
    distributions = md.packages_distributions()
    packages = {}
    for top in sorted(tops):
        for dist in distributions.get(top, []):
            packages[dist] = md.version(dist)
        if top not in distributions and top in ('yfinance', 'pandas', 'numpy'):
            packages[top] = None
    return packages


def changes():
    out, error = git('status', '--porcelain', '--untracked-files=all')
    if out is None:
        print(f'git status failed: {error}')
        return 1
    head, _ = git('rev-parse', '--short', 'HEAD')
    lines = [line for line in out.splitlines() if line.strip()]
    print(f'Changed since commit {head.strip() if head else "?"}: {len(lines)} file(s)')
    for line in lines[:500]:
        print(f'  {line}')
    return 0


def snapshot():
    head, error = git('rev-parse', 'HEAD')
    status, _ = git('status', '--porcelain')
    dirty = [line[3:] for line in (status or '').splitlines() if line.strip()]
    config_sha, config_files = tree_digest('config') if os.path.isdir('config') else (None, {})
    params = {}
    for path in PARAM_FILES + ([os.path.join(PARAM_DIR, n) for n in sorted(os.listdir(PARAM_DIR))] if os.path.isdir(PARAM_DIR) else []):
        if os.path.isfile(path):
            params[rel(path)] = sha256(path)
    snap = {
        'commit': head.strip() if head else None,
        'dirty': dirty,
        'configSha256': config_sha,
        'configFiles': config_files,
        'paramFiles': params,
        'python': platform.python_version(),
        'packages': imported_packages(),
    }
    print(f'Commit: {snap["commit"] or "unknown (" + str(error) + ")"}' + (f', {len(dirty)} dirty file(s)' if dirty else ', clean'))
    print(f'config/: {len(config_files)} file(s), sha256 {config_sha}')
    print(f'Optimised parameter files: {len(params)}')
    print(f'Python {snap["python"]}; packages: ' + ', '.join(f'{k} {v or "MISSING"}' for k, v in snap['packages'].items()))
    print('KLAXON_SNAPSHOT ' + json.dumps(snap, sort_keys=True, separators=(',', ':')))
    return 0


if __name__ == '__main__':
    mode = sys.argv[1] if len(sys.argv) > 1 else 'snapshot'
    sys.exit(changes() if mode == 'changes' else snapshot())
