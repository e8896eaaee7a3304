"""Runs a read-only diagnostic so that it cannot write under the backtest tree.

Usage: python klaxon_guard.py (-c CODE | -m MODULE | SCRIPT) [ARGS...]   (cwd = BACKTEST_ROOT)

An audit hook refuses every write, create, rename or delete under the working directory (the tree), log
files the project opens there are sent to a temporary folder outside it, bytecode is never written, and
TMPDIR points outside the tree. What was refused is listed at the end on stderr, so a diagnostic that
tried to write says so instead of silently changing the system it is meant to observe.
"""
import atexit
import logging
import os
import runpy
import shutil
import sys
import tempfile

ROOT = os.path.normcase(os.path.realpath(os.getcwd()))
try:
    OUT = tempfile.mkdtemp(prefix='klaxon-readonly-')
except OSError as error:
    # A full or unwritable temporary folder is a bad day this guard runs diagnostics on: they still run, and
    # the logs the project opens in the tree go to the null device instead.
    sys.stderr.write(f'klaxon: no temporary folder for the read-only guard ({error.strerror or error}); the project\'s log files go nowhere\n')
    OUT = None
REFUSED = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
sys.dont_write_bytecode = True
os.environ['PYTHONDONTWRITEBYTECODE'] = '1'
if OUT is not None:
    # Gone when the script ends (the worker's run folder, around it, goes even when the script is killed).
    atexit.register(shutil.rmtree, OUT, ignore_errors=True)
    os.environ['TMPDIR'] = OUT
    os.environ['TEMP'] = OUT
    os.environ['TMP'] = OUT
    tempfile.tempdir = OUT
os.environ.setdefault('MPLBACKEND', 'Agg')


def folder_of(dir_fd):
    """The folder an open directory descriptor stands for (Linux), else None.

    shutil.rmtree and tempfile's cleanup name files relative to such a descriptor: taken from the working
    directory instead, a temporary folder's files would look like the tree's. Where the folder cannot be
    found, the working directory is used: the strict side.
    """
    if not isinstance(dir_fd, int):
        return None
    try:
        return os.readlink(f'/proc/self/fd/{dir_fd}')
    except OSError:
        return None


def inside(path, dir_fd=None):
    if isinstance(path, int):
        return False
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    base = folder_of(dir_fd) or os.getcwd()
    full = os.path.normcase(os.path.realpath(os.path.join(base, os.fspath(path))))
    return full == ROOT or full.startswith(ROOT + os.sep)


# Where each path event carries its dir_fd (the audit events' argument order).
DIR_FD_AT = {'os.mkdir': 2, 'os.remove': 1, 'os.rmdir': 1, 'os.chmod': 2, 'os.utime': 3, 'shutil.rmtree': 1, 'os.symlink': 2, 'os.link': 3}


def refuse(event, path):
    shown = os.path.relpath(os.path.realpath(os.fspath(path if not isinstance(path, bytes) else os.fsdecode(path))), ROOT)
    if len(REFUSED) < 50:
        REFUSED.append(f'{event} {shown}')
    raise PermissionError(f'klaxon read-only guard: refused {event} of {shown} under BACKTEST_ROOT')


def writes(mode, flags):
    if isinstance(mode, str):
        return any(c in mode for c in 'wax+')
    return isinstance(flags, int) and flags & WRITE_FLAGS != 0


def hook(event, args):
    if event == 'open' and args and args[0] is not None:
        if writes(args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else None) and inside(args[0]):
            refuse('write', args[0])
    elif event in ('os.mkdir', 'os.remove', 'os.rmdir', 'os.truncate', 'os.chmod', 'os.utime', 'shutil.rmtree', 'os.symlink', 'os.link'):
        path = args[0] if event not in ('os.symlink', 'os.link') else args[1]
        at = DIR_FD_AT.get(event)
        dir_fd = args[at] if at is not None and len(args) > at else None
        if isinstance(path, (str, bytes, os.PathLike)) and inside(path, dir_fd):
            if event == 'os.mkdir' and os.path.isdir(path):
                raise FileExistsError(17, 'File exists', os.fspath(path))
            refuse(event.split('.')[-1], path)
    elif event == 'os.rename' and len(args) > 1:
        for path, dir_fd in zip(args[:2], (args[2:4] + (None, None))[:2]):
            if isinstance(path, (str, bytes, os.PathLike)) and inside(path, dir_fd):
                refuse('rename', path)
    elif event == 'sqlite3.connect' and args and isinstance(args[0], (str, bytes, os.PathLike)):
        if os.fspath(args[0]) not in (':memory:', b':memory:', '') and inside(args[0]):
            refuse('sqlite', args[0])


# Log files the project opens in the tree go to the temporary folder instead (same relative path).
_file_handler_init = logging.FileHandler.__init__


def _redirected(self, filename, *args, **kwargs):
    if inside(filename) and OUT is None:
        filename = os.devnull
    elif inside(filename):
        relative = os.path.relpath(os.path.realpath(os.fspath(filename)), ROOT)
        filename = os.path.join(OUT, 'logs-redirected', relative)
        os.makedirs(os.path.dirname(filename), exist_ok=True)
    _file_handler_init(self, filename, *args, **kwargs)


logging.FileHandler.__init__ = _redirected


def report():
    if REFUSED:
        sys.stderr.write(f'klaxon: read-only guard refused {len(REFUSED)} write(s) under BACKTEST_ROOT: {", ".join(REFUSED[:10])}\n')


def main(argv):
    if not argv:
        sys.stderr.write('usage: klaxon_guard.py (-c CODE | -m MODULE | SCRIPT) [ARGS...]\n')
        return 2
    sys.addaudithook(hook)
    atexit.register(report)
    if argv[0] == '-c':
        sys.argv = ['-c', *argv[2:]]
        sys.path[0] = ''
        code = compile(argv[1], '<string>', 'exec')
        exec(code, {'__name__': '__main__', '__builtins__': __builtins__})
    elif argv[0] == '-m':
        sys.argv = [argv[1], *argv[2:]]
        sys.path[0] = ''
        runpy.run_module(argv[1], run_name='__main__', alter_sys=True)
    else:
        sys.argv = list(argv)
        sys.path[0] = os.path.dirname(os.path.abspath(argv[0]))
        runpy.run_path(argv[0], run_name='__main__')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
