"""An export written on after the run that read it archived it (a CMS pausing longer than feeds.inbox_min_age_seconds
between batches, the run finishing within the pause): the rest went into the archived file and was never read (the
lead, session 22: doors14's growing export stored 100 of 400 records whenever the run ended inside the writer's
pause). The next run copies such a file back once it is quiet and reads it whole; a file only archived is not read
again."""

from __future__ import annotations

import os
from pathlib import Path

from tests.doors14_cases import AGENCY, jsonl_line, land_record
from tests.support import files_under
from tests.test_doors_heldout14 import ENV, gongkai, ledger


def _archived(data: Path, name: str) -> list[Path]:
    return [p for p in files_under(data / "inbox-archive") if p.name == name]


def test_lines_written_after_the_archive_are_read_by_the_next_run(tmp_path):
    data = tmp_path / "data"
    folder = data / "inbox" / AGENCY
    folder.mkdir(parents=True)
    export = folder / "分批导出.jsonl"
    export.write_text("".join(jsonl_line(land_record(n)) + "\n" for n in (1, 2)), encoding="utf-8")
    env = {**ENV, "GONGKAI_FEEDS__INBOX_MIN_AGE_SECONDS": "0"}
    gongkai(data, "inbox", "process", "--json", env=env)
    assert len(ledger(data)[0]) == 2
    [archived] = _archived(data, export.name)
    with open(archived, "a", encoding="utf-8") as writer:  # the writer's open file was moved: it writes on there
        writer.write(jsonl_line(land_record(3)) + "\n")
    gongkai(data, "inbox", "process", "--json", env=env)
    records, entries = ledger(data)
    assert sorted(r.doc_number for r in records) == ["厦资源规划〔2031〕101号", "厦资源规划〔2031〕102号", "厦资源规划〔2031〕103号"]
    assert entries == [] and files_under(data / "inbox") == []
    copies = _archived(data, export.name)
    assert len(copies) == 2 and all(p.read_bytes() == copies[0].read_bytes() for p in copies)
    # only archived, never written again: no run reads it again
    gongkai(data, "inbox", "process", "--json", env=env)
    assert len(_archived(data, export.name)) == 2 and len(ledger(data)[0]) == 3


def test_a_file_only_moved_into_the_archive_is_not_read_again(tmp_path):
    data = tmp_path / "data"
    folder = data / "inbox" / AGENCY
    folder.mkdir(parents=True)
    export = folder / "一次导出.jsonl"
    export.write_text(jsonl_line(land_record(4)) + "\n", encoding="utf-8")
    old = export.stat().st_mtime - 3600  # written an hour ago, then dropped
    os.utime(export, (old, old))
    env = {**ENV, "GONGKAI_FEEDS__INBOX_MIN_AGE_SECONDS": "0"}
    for _ in range(3):
        gongkai(data, "inbox", "process", "--json", env=env)
    assert len(_archived(data, export.name)) == 1 and len(ledger(data)[0]) == 1
