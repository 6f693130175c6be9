"""SIGTERM ends a foreground run as Ctrl-C does (`gongkai inbox process`, `gongkai ingest`).

Python's default for SIGTERM (systemd stopping a unit, `kill`, `docker stop`, a cron wrapper's timeout) ends the process
at once: no `finally` runs, so a drop-folder run left its claimed files in inbox/.processing/ until the next run put them
back, and its job run stayed "running" until its lease ran out (doors7). As KeyboardInterrupt in the main thread, the run
unwinds: its claimed files go back to the inbox, its job run is recorded as interrupted, and the process says so and
exits 143 (128 + SIGTERM). A second SIGTERM during that unwinding ends the process at once (the next run recovers, as
after a crash)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gongkai.cli.context import fail

STOPPED = ("收到停止信号（SIGTERM），已停止：已导入的记录已保存，未读完的文件已放回，再次运行会读完 / stopped by SIGTERM: what went in is "
           "stored, files not read to their end are back where they were; run it again to finish")


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # (a signal handler can only be set there)
        yield
        return
    received = threading.Event()
    owner = os.getpid()

    def stop(_signum: int, _frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM: at once
        if os.getpid() != owner:
            # a worker forked meanwhile (the JSON Lines worker, a parse pool) inherits this handler: its pool ends it
            # with SIGTERM, which must end it as before, not print a KeyboardInterrupt's traceback
            os.kill(os.getpid(), signal.SIGTERM)
            return
        received.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except KeyboardInterrupt:
        if not received.is_set():
            raise  # Ctrl-C: as it always was
        raise fail(STOPPED, 128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
