"""doors5's held-out deliveries (tests/doors5_cases.py) through the drop folder, the push over a socket, `gongkai ingest`
and a quarantine retry: each stored, quarantined with its reason, refused with a 4xx, or left in place; never lost."""

from __future__ import annotations

import pytest

from tests.doors5_cases import CASES
from tests.hostile_cases import check, entries_for

PAIRS = [(case, entry) for case in CASES for entry in entries_for(case)]


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = entry.run(case, tmp_path)
    problems = check(case, entry.name, outcome)
    assert not problems, "; ".join(problems)
