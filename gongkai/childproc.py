"""Worker processes (parse workers, the JSON Lines reader) die with their parent and hold none of its locks.

A forked child inherits every open file descriptor, flock()ed ones included: a worker left running
after its parent was SIGKILLed kept the drop folder's run lock (and tantivy's writer lock), so the
next run thought the dead run alive and recovered nothing. So:
- a child asks the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG, Linux), and exits
  at once if the parent is already gone;
- descriptors registered with `keep_from_children` are closed in every forked child (os.register_at_fork),
  so a child never holds a lock, even while its parent lives.
"""

from __future__ import annotations

import ctypes
import os
import signal
import stat
import sys

_PR_SET_PDEATHSIG = 1
_private: set[int] = set()


def keep_from_children(fd: int) -> None:
    """Close `fd` in every child forked from now on (until `release`)."""
    _private.add(fd)


def release(fd: int) -> None:
    _private.discard(fd)


def _close_private_in_child() -> None:
    for fd in _private:
        try:
            os.close(fd)
        except OSError:
            pass
    _private.clear()


os.register_at_fork(after_in_child=_close_private_in_child)


def close_inherited_files(keep: tuple[int, ...] = ()) -> None:
    """Call first thing in a forked worker that lives long (a parser of an ingest session): close every
    inherited descriptor of a regular file but 0-2 and `keep`. Tantivy takes its meta and writer locks with
    flock() in its own Rust threads, beyond `keep_from_children`'s reach; a worker forked while one of them
    held such a lock kept the lock's open file after the parent let go of it, and the parent's next index
    commit waited on it for good (the drop folder's run hung at its end). Pipes and sockets stay open.

    Each such descriptor is pointed at /dev/null rather than closed: its number stays taken, so a file object
    of the parent's still holding it (a log file's handler) writes to nothing instead of into whatever file
    the worker opens next under the same number."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return  # no /proc (not Linux): workers there are short-lived enough
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for name in names:
            fd = int(name)
            if fd <= 2 or fd == null or fd in keep:
                continue
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    os.dup2(null, fd)  # drops this process's hold on the file (and on a lock taken on it)
            except OSError:
                pass  # the listing's own descriptor, gone already
    finally:
        os.close(null)


def die_with_parent(parent_pid: int | None = None) -> None:
    """Call first thing in a worker process: it is killed when the process (strictly: the thread) that
    started it ends. `parent_pid`: the pid that started it, to catch a parent that died before this call."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the workers' pipes still end them when the parent's end closes
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
