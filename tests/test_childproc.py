"""A forked worker's own files are safe from the objects it inherited (gongkai.childproc).

The JSON Lines worker once died with `OSError: [Errno 9] Bad file descriptor` on readline: a descriptor
number was freed in the child while an object inherited from the parent still owned it (the drop folder's
run lock, closed by number at the fork), the worker opened its record file under that free number, and
the inherited object, released later in the child, closed "its" number: the worker's file. These tests
make that happen on purpose; the worker must read the whole file itself (no fallback in the parent).
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from gongkai import childproc, jsonl_worker
from gongkai.inputs import iter_jsonl_lines

pytestmark = pytest.mark.skipif(not jsonl_worker.worker_available(), reason="needs fork")

LINES = 400


@pytest.fixture
def record_file(tmp_path) -> Path:
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(LINES):
            handle.write(json.dumps({"title": f"关于第{number}号通知的公告", "body": "正文" * 50}, ensure_ascii=False) + "\n")
    return path


class Inherited:
    """Objects of the parent's that the worker inherits; `drop()` releases them in the child."""

    def __init__(self) -> None:
        self.held: list[object] = []

    def drop(self) -> None:
        self.held.clear()
        gc.collect()  # the cyclic ones too (a worker that did not freeze them)


def read_in_worker(path: Path, inherited: Inherited, monkeypatch) -> tuple[int, list[int]]:
    """(items, the `after` of every call made in this process: a fallback after the worker died)."""
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 20)
    parent = os.getpid()
    here: list[int] = []

    def lines(after: int):
        if os.getpid() == parent:
            here.append(after)
        for count, pair in enumerate(iter_jsonl_lines(path, after=after)):
            if count == 5 and os.getpid() != parent:
                inherited.drop()  # the worker's file is open and being read: the parent's objects go now
            yield pair

    items = list(jsonl_worker.iter_jsonl_in_worker(lines))
    return len(items), here


def test_a_lock_kept_from_children_is_not_closed_under_the_workers_file(record_file, tmp_path, monkeypatch):
    """The drop folder's run lock: kept from every child (keep_from_children), still owned by its file object."""
    inherited = Inherited()
    for number in range(3):  # several, so one of them is the lowest free number in the child whatever else is open
        lock = open(tmp_path / f"run{number}.lock", "w")  # noqa: SIM115 - released by inherited.drop()
        childproc.keep_from_children(lock.fileno())
        inherited.held.append(lock)
    try:
        count, here = read_in_worker(record_file, inherited, monkeypatch)
    finally:
        for lock in inherited.held:
            childproc.release(lock.fileno())  # type: ignore[attr-defined]
            lock.close()  # type: ignore[attr-defined]
    assert count == LINES
    assert here == [], f"the worker died; this process read the rest after line {here}"


def test_parent_files_released_in_the_child_close_nothing_of_the_workers(record_file, tmp_path, monkeypatch):
    """Regular files, sockets and files in reference cycles of the parent's, released while the worker reads."""
    import socket

    inherited = Inherited()
    for number in range(3):
        handle = open(tmp_path / f"log{number}.txt", "w")  # noqa: SIM115 - released by inherited.drop()
        cycle: list[object] = [handle]
        cycle.append(cycle)
        inherited.held.append(cycle)
    inherited.held.extend(socket.socketpair())
    try:
        count, here = read_in_worker(record_file, inherited, monkeypatch)
    finally:
        inherited.drop()
    assert count == LINES
    assert here == [], f"the worker died; this process read the rest after line {here}"


def test_close_inherited_files_leaves_no_free_number_below_the_inherited_ones(tmp_path):
    """Whatever the child opens next gets a number above every number the parent had."""
    files = [open(tmp_path / f"f{n}", "w") for n in range(4)]  # noqa: SIM115
    files[1].close()  # a hole between inherited descriptors
    read, write = os.pipe()
    top = max(int(name) for name in os.listdir("/proc/self/fd"))
    pid = os.fork()
    if pid == 0:  # the child: report through the exit status
        try:
            childproc.close_inherited_files((write,))
            fresh = os.open(os.devnull, os.O_RDONLY)
            ok = fresh > top and os.fstat(read) is not None  # the pipe stays open
            os._exit(0 if ok else 1)
        except BaseException:  # noqa: BLE001 - a forked child must never return into pytest
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    os.close(read)
    os.close(write)
    for handle in files:
        handle.close()
    assert os.waitstatus_to_exitcode(status) == 0
