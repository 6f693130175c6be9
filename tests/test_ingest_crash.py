"""A killed ingest leaves no half-written batch: a real process (tests/ingest_kill_helper.py) SIGKILLs
itself inside a batch's transaction, after the records are written and before or after their capture
links and quarantine rows. Afterwards every record in the store has its capture link (so
`gongkai reparse` finds it), each batch is there completely or not at all, and a rerun leaves every
input stored or quarantined exactly once when it resumes after the committed batches.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.settings import load_settings
from gongkai.store import Store
from tests.ingest_kill_helper import BATCH, ITEMS, input_ref, is_bad, record_id

HELPER = Path(__file__).resolve().parent / "ingest_kill_helper.py"


def run_helper(data_dir: Path, after: str = "", nth: int = 1, skip: int = 0) -> subprocess.CompletedProcess:
    command = [sys.executable, str(HELPER), str(data_dir), "--after", after, "--nth", str(nth), "--skip", str(skip)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def state(data_dir: Path) -> tuple[dict[int, set[str]], list[str]]:
    """Per batch, which inputs are stored or quarantined; and the quarantined input refs."""
    settings = load_settings(data_dir=data_dir)
    with Store.from_settings(settings) as store:
        quarantined = [item["input_ref"] for item in store.quarantine_list(limit=1000)]
        present: dict[int, set[str]] = {}
        for n in range(ITEMS):
            if is_bad(n):
                there = input_ref(n) in quarantined
            else:
                record = store.get(record_id(n))
                there = record is not None
                if there:
                    assert store.captures_of(record.id), f"{record.id} is stored without its capture link"
            if there:
                present.setdefault(n // BATCH, set()).add(input_ref(n))
    return present, quarantined


def batch_inputs(batch: int) -> set[str]:
    return {input_ref(n) for n in range(batch * BATCH, min((batch + 1) * BATCH, ITEMS))}


@pytest.mark.parametrize(
    "after, nth",
    [
        ("INSERT INTO outbox", 1),  # first batch: records written, links and quarantine rows not yet
        ("INSERT INTO record_captures", 1),  # links written, quarantine rows not yet
        ("INSERT INTO quarantine", 2),  # half of the first batch's quarantine rows
        ("INSERT INTO outbox", 2),  # second batch, after the first one committed
        ("INSERT INTO record_captures", 3),  # third batch
    ],
)
def test_a_batch_killed_inside_its_transaction_is_all_or_nothing(tmp_path, after, nth):
    data_dir = tmp_path / "data"
    killed = run_helper(data_dir, after, nth)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    present, quarantined = state(data_dir)
    committed_batches = nth - 1 if after != "INSERT INTO quarantine" else 0
    assert sorted(present) == list(range(committed_batches)), f"only whole earlier batches: {present}"
    for batch, inputs in present.items():
        assert inputs == batch_inputs(batch), f"batch {batch} is partial"

    rerun = run_helper(data_dir, skip=committed_batches * BATCH)  # resume after the committed batches
    assert rerun.returncode == 0 and "done" in rerun.stdout, rerun.stderr
    present, quarantined = state(data_dir)
    assert set().union(*present.values()) == {input_ref(n) for n in range(ITEMS)}
    assert sorted(quarantined) == sorted(input_ref(n) for n in range(ITEMS) if is_bad(n)), "each bad input once"
