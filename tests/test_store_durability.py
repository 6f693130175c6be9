"""Crash safety and concurrent writers, with real processes on a real SQLite file.

tests/store_kill_helper.py ingests batches and prints `begin i` / `committed i`. Batch i adds
`size` new records and revises every record of batch i-1 (version 2), so a half-applied
batch would show as a partial batch i or as batch i-1 records with the wrong version.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.store import Store
from tests.conftest import govcn_records
from tests.store_kill_helper import batch_records

HELPER = Path(__file__).resolve().parent / "store_kill_helper.py"
SIZE = 150


def start_writer(tmp_path: Path, prefix: str, batches: int, size: int = SIZE) -> subprocess.Popen:
    url = f"sqlite:///{tmp_path / 'gongkai.sqlite3'}"
    command = [sys.executable, str(HELPER), url, str(tmp_path / "raw")]
    command += ["--batches", str(batches), "--size", str(size), "--prefix", prefix]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_during_batch(tmp_path: Path, kill_at: int, delay: float) -> set[int]:
    """Start a writer, SIGKILL it `delay` seconds after it begins batch `kill_at`; return the
    batches it reported committed."""
    writer = start_writer(tmp_path, "k", batches=kill_at + 20)
    committed: set[int] = set()
    try:
        for line in writer.stdout:
            event, number = line.split()
            if event == "committed":
                committed.add(int(number))
            elif int(number) == kill_at:
                time.sleep(delay)
                writer.send_signal(signal.SIGKILL)
                break
    finally:
        writer.kill()
        _, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err
    return committed


def check_consistent(db_path: Path, store: Store, prefix: str, size: int) -> int:
    """Assert the file is sound and holds whole batches only; return how many batches it holds."""
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        per_batch: dict[int, int] = {}
        for (record_id,) in raw.execute("SELECT id FROM records WHERE id LIKE ?", (f"{prefix}-%",)):
            batch = int(record_id.split("-")[1])
            per_batch[batch] = per_batch.get(batch, 0) + 1
        batches = len(per_batch)
        assert sorted(per_batch) == list(range(batches)), "a batch is missing between committed ones"
        assert set(per_batch.values()) <= {size}, f"partial batch: {per_batch}"
        archived = raw.execute("SELECT count(*) FROM record_versions WHERE record_id LIKE ?", (f"{prefix}-%",)).fetchone()[0]
        outbox = raw.execute("SELECT count(*) FROM outbox WHERE record_id LIKE ?", (f"{prefix}-%",)).fetchone()[0]
        counter = int(raw.execute("SELECT value FROM meta WHERE key = 'store:seq'").fetchone()[0])
        seqs = [seq for (seq,) in raw.execute("SELECT seq FROM records")]
    revised = max(batches - 1, 0) * size
    assert archived == revised
    assert outbox == batches * size + revised
    assert len(set(seqs)) == len(seqs) and counter == max(seqs, default=0)

    for batch in range(batches):
        for j in (0, size - 1):
            record = store.get(f"{prefix}-{batch}-{j}")
            expected_version = 2 if batch < batches - 1 else 1
            assert record.version == expected_version
            assert record.body.endswith("（修订）") == (expected_version == 2)
            assert [v.version for v in store.versions(record.id)] == list(range(1, expected_version + 1))
    return batches


@pytest.mark.parametrize("kill_at, delay", [(2, 0.0), (3, 0.01), (4, 0.04)])
def test_sigkill_mid_batch_loses_no_committed_batch_and_leaves_no_half_batch(tmp_path, corpus, kill_at, delay):
    committed = kill_during_batch(tmp_path, kill_at, delay)
    assert committed == set(range(kill_at))

    with Store(f"sqlite:///{tmp_path / 'gongkai.sqlite3'}", tmp_path / "raw") as store:
        batches = check_consistent(tmp_path / "gongkai.sqlite3", store, "k", SIZE)
        # every reported batch is there; the one in flight is there whole or not at all
        assert batches in (kill_at, kill_at + 1)
        # and the store carries on where it stopped
        outcomes = store.upsert_batch(batch_records(govcn_records(), "k", batches, SIZE))
        assert {o.status for o in outcomes[:SIZE]} == {"new"}
        assert check_consistent(tmp_path / "gongkai.sqlite3", store, "k", SIZE) == batches + 1


def test_two_writer_processes_at_once_lose_nothing(tmp_path, corpus):
    writers = [start_writer(tmp_path, prefix, batches=6, size=100) for prefix in ("a", "b")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.splitlines()[-1] == "done"

    with Store(f"sqlite:///{tmp_path / 'gongkai.sqlite3'}", tmp_path / "raw") as store:
        assert check_consistent(tmp_path / "gongkai.sqlite3", store, "a", 100) == 6
        assert check_consistent(tmp_path / "gongkai.sqlite3", store, "b", 100) == 6
        changes = store.changes_since(0, limit=10_000)
        assert [seq for seq, _ in changes] == sorted({seq for seq, _ in changes})
        assert store.count() == 1200
