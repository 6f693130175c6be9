"""Index generations on disk: index_dir/gen-000001/, gen-000002/ ... and index_dir/CURRENT naming the live one.

A reindex builds a new generation beside the live one and switches CURRENT with an atomic
os.replace, so readers (in any process) see either the old complete index or the new complete one.
Each generation holds its watermark (the store change number it is complete up to) in a small
JSON file; a generation without that file is unfinished (a reindex that crashed or is running).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

CURRENT_FILE = "CURRENT"
STATE_FILE = "gongkai-state.json"
LOCK_FILE = "generations.lock"
_GEN_RE = re.compile(r"^gen-(\d{6,})$")


def generation_name(number: int) -> str:
    return f"gen-{number:06d}"


def generation_number(name: str) -> int | None:
    match = _GEN_RE.fullmatch(name)
    return int(match.group(1)) if match else None


def read_current(index_dir: Path) -> str | None:
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    return name if generation_number(name) is not None else None


def write_current(index_dir: Path, name: str) -> None:
    """Atomically point CURRENT at `name` (temp file, fsync, rename)."""
    temp = index_dir / f".{CURRENT_FILE}.{os.getpid()}.tmp"
    with open(temp, "w", encoding="ascii") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, index_dir / CURRENT_FILE)


def existing_generations(index_dir: Path) -> list[tuple[int, Path]]:
    found = []
    for path in index_dir.iterdir() if index_dir.is_dir() else ():
        number = generation_number(path.name)
        if number is not None and path.is_dir():
            found.append((number, path))
    return sorted(found)


def create_generation_dir(index_dir: Path) -> Path:
    """A new, empty generation directory numbered after every existing one."""
    index_dir.mkdir(parents=True, exist_ok=True)
    number = max((n for n, _ in existing_generations(index_dir)), default=0) + 1
    while True:
        path = index_dir / generation_name(number)
        try:
            path.mkdir()
            return path
        except FileExistsError:
            number += 1


def is_complete(generation_dir: Path) -> bool:
    return (generation_dir / STATE_FILE).is_file()


def _read_state(generation_dir: Path) -> dict:
    try:
        state = json.loads((generation_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def read_watermark(generation_dir: Path) -> int:
    value = _read_state(generation_dir).get("watermark", 0)
    return value if isinstance(value, int) else 0


def read_schema_version(generation_dir: Path) -> int:
    """The schema version the generation was built with (1: before versions were recorded)."""
    value = _read_state(generation_dir).get("schema_version", 1)
    return value if isinstance(value, int) else 1


def write_watermark(generation_dir: Path, watermark: int, schema_version: int) -> None:
    temp = generation_dir / f".{STATE_FILE}.{os.getpid()}.tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump({"watermark": watermark, "schema_version": schema_version}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, generation_dir / STATE_FILE)


@contextlib.contextmanager
def generations_lock(index_dir: Path, blocking: bool = True) -> Iterator[bool]:
    """An inter-process lock for creating, switching and deleting generations.

    Yields False (and holds nothing) when `blocking` is False and another process holds it.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prune(index_dir: Path, keep_old: int) -> list[Path]:
    """Delete generations older than CURRENT beyond the newest `keep_old` complete ones, and unfinished
    ones older than CURRENT. Call with generations_lock held. Returns what was deleted."""
    current = read_current(index_dir)
    current_number = generation_number(current) if current else None
    if current_number is None:
        return []
    older = [(n, p) for n, p in existing_generations(index_dir) if n < current_number]
    complete = [p for _, p in older if is_complete(p)]
    doomed = [p for _, p in older if not is_complete(p)] + complete[: max(0, len(complete) - keep_old)]
    for path in doomed:
        # A process still reading a deleted generation keeps its open files (POSIX) until it reloads.
        shutil.rmtree(path, ignore_errors=True)
    return doomed
