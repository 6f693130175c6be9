"""ParserPool and parse_many: captures parsed in worker processes, each under a time limit.

concurrent.futures cannot stop a running task, so this pool keeps one pipe per worker process:
a worker that overruns settings.timeout_seconds is killed (ParseTimeout for its item) and
replaced; a worker that dies (segfault, out of memory) yields a ParseError for its item.
Results come back in completion order; at most 2 items per worker are held in memory.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

from gongkai.parsers.capture import Capture, ParseError, ParseTimeout
from gongkai.record import Record
from gongkai.settings import ParserSettings

Result = tuple[Capture, Record | ParseError]
#: A notice column gives one result per notice (a bad notice is its own ParseError), or one ParseError
#: for the whole page when the worker is stopped or dies.
ColumnResult = tuple[Capture, list[Record | ParseError] | ParseError]
#: The start methods the pool uses (each has .Process; multiprocessing's BaseContext does not say so).
StartContext = ForkContext | ForkServerContext | SpawnContext


def _worker_main(conn: Connection, settings: ParserSettings, parent: int | None = None) -> None:
    from gongkai.childproc import close_inherited_files, die_with_parent
    from gongkai.parsers import parse, parse_notices_each

    die_with_parent(parent)  # a SIGKILLed ingest or drop-folder run leaves no parser behind
    close_inherited_files((conn.fileno(),))  # kept for a whole session: it must hold none of the parent's locks

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        notices, item = job
        try:
            result: Record | ParseError | list[Record | ParseError] = (
                parse_notices_each(item, settings) if notices else parse(item, settings)
            )
        except ParseError as exc:
            result = exc
        except BaseException as exc:  # noqa: BLE001 - one item must never kill the pool
            result = ParseError(f"parser failed on {item.describe()}: {type(exc).__name__}: {exc}")
        conn.send(result)


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    capture: Capture | None = None
    started: float = 0.0


_fork_server_for_threads = False


def use_fork_server_from_threads() -> None:
    """For a long-running process with busy threads whose entry script has a `__main__` guard (the
    scheduler): parse workers asked for from any thread but the main one come from the fork server,
    as with fork_server=True, so that no lock held by another thread is inherited."""
    global _fork_server_for_threads
    _fork_server_for_threads = True


def _wants_fork_server(asked: bool) -> bool:
    return asked or (_fork_server_for_threads and threading.current_thread() is not threading.main_thread())


def _context(fork_server: bool = False) -> StartContext:
    methods = mp.get_all_start_methods()
    # fork_server: for a caller in a process with other busy threads (the web server parsing a pushed
    # document in a request thread): a forked child could inherit a lock one of them holds at that
    # moment, so the workers are forked by the fork server, a clean single-threaded process started
    # once with the parsers imported. Not the default: the fork server re-imports the caller's
    # __main__ script, which runs a script that has no `if __name__ == "__main__"` guard again.
    if fork_server and "forkserver" in methods:
        context = mp.get_context("forkserver")
        context.set_forkserver_preload(["gongkai.parsers", "gongkai.parsers.pool"])
        return context
    # fork: a new worker (also the replacement of a killed one) starts in milliseconds with the
    # parsers already imported, from any caller. Workers only parse; they touch no shared resource.
    return mp.get_context("fork") if "fork" in methods else mp.get_context("spawn")


def _start_worker(ctx: StartContext, settings: ParserSettings) -> _Worker:
    parent_end, child_end = ctx.Pipe()
    # The parent to watch: this process when forked from it; the fork server's children have that server
    # as parent (it exits with this process, and PR_SET_PDEATHSIG then ends them).
    parent = os.getpid() if ctx.get_start_method() == "fork" else None
    process = ctx.Process(target=_worker_main, args=(child_end, settings, parent), daemon=True, name="gongkai-parser")
    process.start()
    child_end.close()
    return _Worker(process=process, conn=parent_end)


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)
    worker.conn.close()


class ParserPool:
    """Worker processes kept for a run (an ingest session): `parse` may be called again and again, each
    call handing out its captures to the same workers; `close` stops them. Workers start lazily, at most
    `workers` (0: one per core); a stuck or dead one is replaced by a fresh process on demand."""

    def __init__(self, settings: ParserSettings, workers: int = 0, fork_server: bool = False) -> None:
        if workers < 0:
            raise ValueError("workers must be 0 (one per core) or more")
        self.settings = settings
        self.count = workers or os.cpu_count() or 1
        self._ctx = _context(_wants_fork_server(fork_server))
        self._pool: list[_Worker] = []

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def parse(self, captures: Iterable[Capture], notices: bool = False) -> Iterator[Result | ColumnResult]:
        """(capture, Record | ParseError) for every capture, in completion order; with `notices` each capture
        is a notice column and its result the list parse_notices_each gives (see ColumnResult)."""
        settings, pool = self.settings, self._pool
        pending = iter(captures)
        exhausted = False
        try:
            while True:
                # Give every idle worker an item (starting workers lazily, as many as there are items).
                for worker in [w for w in pool if w.capture is None] + [None] * (self.count - len(pool)):
                    if exhausted:
                        break
                    capture = next(pending, None)
                    if capture is None:
                        exhausted = True
                        break
                    if worker is None:
                        worker = _start_worker(self._ctx, settings)
                        pool.append(worker)
                    worker.capture, worker.started = capture, time.monotonic()
                    worker.conn.send((notices, capture))
                busy = [w for w in pool if w.capture is not None]
                if not busy:
                    return
                deadline = min(w.started for w in busy) + settings.timeout_seconds
                ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
                now = time.monotonic()
                for worker in busy:
                    capture = worker.capture
                    assert capture is not None
                    if worker.conn in ready:
                        try:
                            result = worker.conn.recv()
                        except (EOFError, OSError):
                            result = ParseError(f"parser process died while parsing {capture.describe()}")
                            _replace(pool, worker)
                        else:
                            worker.capture = None
                        yield capture, result
                    elif now - worker.started >= settings.timeout_seconds:
                        _replace(pool, worker)
                        yield capture, ParseTimeout(
                            f"parsing {capture.describe()} took over {settings.timeout_seconds:g} s "
                            "(settings.parsers.timeout_seconds); the parser was stopped"
                        )
        finally:
            # The caller stopped early: a busy worker's answer would belong to no one, so it is killed.
            for worker in [w for w in pool if w.capture is not None]:
                _replace(pool, worker)

    def close(self) -> None:
        """Idle workers are asked to exit; busy ones (a call stopped early) are killed at once."""
        pool, self._pool = self._pool, []
        for worker in pool:
            if worker.capture is None:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in pool:
            if worker.capture is None:
                worker.process.join(timeout=1)
            _stop(worker)


def parse_many(
    captures: Iterable[Capture], settings: ParserSettings, workers: int = 0, notices: bool = False, fork_server: bool = False
) -> Iterator[Result | ColumnResult]:
    """(capture, Record | ParseError) for every capture, in completion order; workers=0: one per core.

    notices=True: each capture is a notice column (便民公告 page), split into notices in the worker;
    its result is the list parse_notices_each gives (see ColumnResult), under the same time limit.
    fork_server=True: workers come from the fork server (see _context), for callers in threaded servers.
    One call, one pool (an ingest session keeps a ParserPool for its whole run instead).
    """
    with ParserPool(settings, workers=workers, fork_server=fork_server) as pool:
        yield from pool.parse(captures, notices=notices)


def _replace(pool: list[_Worker], worker: _Worker) -> None:
    """Kill a stuck or dead worker; its slot is refilled by a fresh process on demand."""
    _stop(worker)
    pool.remove(worker)
