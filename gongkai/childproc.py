"""Worker processes (parse workers, the JSON Lines reader) die with their parent and hold none of its locks.

A forked child inherits every open file descriptor, flock()ed ones included: a worker left running
after its parent was SIGKILLed kept the drop folder's run lock (and tantivy's writer lock), so the
next run thought the dead run alive and recovered nothing. So:
- a child asks the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG, Linux), and exits
  at once if the parent is already gone;
- descriptors registered with `keep_from_children` are dropped in every forked child (os.register_at_fork),
  so a child never holds a lock, even while its parent lives;
- a long-lived worker drops the regular files it inherited and leaves no inherited number free
  (`close_inherited_files`): an object of the parent's released in the child closes "its" number, never
  a file of the worker's.
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
    """Drop `fd` (point it at /dev/null) in every child forked from now on (until `release`)."""
    _private.add(fd)


def release(fd: int) -> None:
    _private.discard(fd)


def _close_private_in_child() -> None:
    # Pointed at /dev/null, not closed: the parent's file object still owns the number here and closes it
    # when it is released. Closed now, the number was free for the next file this child opened (the JSON
    # Lines worker's record file), and that object's late close closed the worker's file under it
    # (`OSError: [Errno 9] Bad file descriptor` on readline).
    if _private:
        _point_at_dev_null(sorted(_private))
    _private.clear()


def _point_at_dev_null(fds: list[int], fill_up_to: int = -1) -> None:
    """dup2 /dev/null onto each of `fds` (and onto every free number up to `fill_up_to`): each drops this
    process's hold on what it was (a file, and a lock taken on it) while its number stays taken."""
    null = os.open(os.devnull, os.O_RDWR)  # the lowest free number: itself a hole when below fill_up_to
    try:
        for fd in fds:
            if fd != null:
                try:
                    os.dup2(null, fd)
                except OSError:
                    pass  # not open (any more): nothing to drop
    finally:
        if null > fill_up_to:
            os.close(null)


os.register_at_fork(after_in_child=_close_private_in_child)


def close_inherited_files(keep: tuple[int, ...] = ()) -> None:
    """Call first thing in a forked worker that lives long (a parser of an ingest session, the JSON Lines
    reader): drop every inherited descriptor of a regular file but 0-2 and `keep`. Tantivy takes its meta and
    writer locks with flock() in its own Rust threads, beyond `keep_from_children`'s reach; a worker forked
    while one of them held such a lock kept the lock's open file after the parent let go of it, and the
    parent's next index commit waited on it for good (the drop folder's run hung at its end). Pipes and
    sockets stay open (the worker's own pipe, multiprocessing's sentinel).

    No number the parent had is left free here: each such file, and each free number below the highest
    inherited one, is pointed at /dev/null instead of closed. Objects of the parent's (a file, a socket, a
    SQLite connection, the drop folder's run lock) still hold their numbers in this process and close them
    whenever they are released here (reference counting still runs; gc.freeze only stops the collector).
    Had any of those numbers been free, the worker's own next file could have been given it and then been
    closed under it (the JSON Lines worker died so once in ~10 runs: Bad file descriptor on readline).
    Filled, whatever the worker opens gets a number above all of them."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return  # no /proc (not Linux): workers there are short-lived enough
    inherited = {int(name) for name in names}
    top = max(inherited, default=2)
    drop: list[int] = []
    for fd in range(3, top + 1):
        if fd in keep:
            continue
        if fd not in inherited:
            drop.append(fd)  # free: filled, so that no later open here gets a number the parent's objects hold
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                drop.append(fd)  # drops this process's hold on the file (and on a lock taken on it)
        except OSError:
            drop.append(fd)  # the listing's own descriptor, closed since: a free number
    _point_at_dev_null(drop, fill_up_to=top)


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
