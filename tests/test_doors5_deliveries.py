"""doors5's held-out deliveries (tests/doors5_cases.py) through the drop folder, the push over a socket, `gongkai ingest`
and a quarantine retry: each stored, quarantined with its reason, refused with a 4xx, or left in place; never lost."""

from __future__ import annotations

import pytest

from tests.doors5_cases import CASES
from tests.hostile_cases import ENTRIES
from tests.support import assert_delivered, delivery_pairs

PAIRS = delivery_pairs(CASES, tuple(entry.name for entry in ENTRIES))  # every door a case takes


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_delivery_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


@pytest.mark.usefixtures("fresh_cli_state")
def test_gongkai_ingest_names_a_symlink_that_leads_nowhere(tmp_path):
    """A dangling symlink or a loop in a folder given to `gongkai ingest` said only "no such file or folder", while `ls`
    lists it: the entry says it is a symlink leading nowhere; the file beside it goes in."""
    import json
    import os

    from tests.cli_run import run
    from tests.doors5_cases import line, rec

    given = tmp_path / "given"
    given.mkdir()
    (given / "目录.jsonl").write_text(line(rec(1)) + "\n", encoding="utf-8")
    os.symlink("不存在.jsonl", given / "悬空.jsonl")
    os.symlink("循环", given / "循环")
    result = run(tmp_path / "data", "ingest", str(given), "--json")
    said = {json.loads(out)["input"].rpartition("/")[2]: json.loads(out) for out in result.stdout.splitlines() if out.startswith("{")}
    assert said["目录.jsonl:1"]["status"] == "new", said
    for name in ("悬空.jsonl", "循环"):
        assert "symlink that leads nowhere" in said[name]["error"] and said[name]["error_code"] == "no_such_file", said
