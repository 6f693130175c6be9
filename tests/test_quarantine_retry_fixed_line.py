"""A drop-folder record line fixed where the run archived it goes in on `gongkai quarantine retry` (doors, session 10).

A bad line of an agency's export (`"publish_date": "2026-13-01"`) is quarantined alone and its file archived under
`inbox-archive/failed/…`, where a document quarantined for its sidecar is fixed and retried. For a line, the retry read
the bytes kept with the entry instead, so a clerk who fixed the line in the archived file retried and got the same
refusal for ever. It now reads the line from the file's copy, the one of the entry's own run: a file of the same name
delivered later (a daily `export.jsonl`) is another file, whose line 2 is another record. Real drop-folder runs, the
CLI's retry, real SQLite and Tantivy."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.inbox_layout import archive_dir
from tests.cli_run import run
from tests.support import inbox_engine

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

AGENCY = "厦门市财政局"
LATER = 4_000_000_000.0


def _export(folder: Path, bad_date: str, day: int) -> None:
    lines = [
        {"title": f"厦门市财政局关于第{day}批预算资金下达的通知", "body": "资金已下达。", "publish_date": "2026-03-01"},
        {"title": f"厦门市财政局关于第{day}批政府采购意向的公告", "body": "采购意向。", "publish_date": bad_date},
    ]
    (folder / "export.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")


def _open(data: Path) -> list[dict]:
    return [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]


def test_a_line_fixed_in_its_archived_file_goes_in_on_retry(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        _export(folder, "2026-13-01", 1)
        process_inbox(engine, now=LATER)
        time.sleep(1.1)  # the next delivery's run starts in a later second (run folders are named by the second)
        _export(folder, "2026-02-30", 2)  # the same name the next day, another bad line 2
        process_inbox(engine, now=LATER)
    first, second = sorted(_open(settings.data_dir), key=lambda entry: entry["id"])
    assert first["input_ref"] == second["input_ref"] == f"inbox:{AGENCY}/export.jsonl#2"
    assert "2026-13-01" in first["reason"] and "2026-02-30" in second["reason"]
    # the clerk fixes the first day's line where its run archived the file
    copies = sorted((archive_dir(settings) / "failed").rglob("export.jsonl"))
    assert len(copies) == 2
    copies[0].write_text(copies[0].read_text(encoding="utf-8").replace("2026-13-01", "2026-03-02"), encoding="utf-8")
    retried = run(settings.data_dir, "quarantine", "retry", str(first["id"]), "--json")
    assert retried.exit_code == 0, retried.stdout
    assert json.loads(retried.stdout.splitlines()[-1])["status"] == "new"
    shown = run(settings.data_dir, "search", "政府采购意向", "--json")
    hits = json.loads(shown.stdout)["hits"]
    assert [(hit["title"], hit["publish_date"]) for hit in hits] == [("厦门市财政局关于第1批政府采购意向的公告", "2026-03-02")]
    # the second day's entry is still open, and its retry reads its own (unfixed) copy
    [still] = _open(settings.data_dir)
    assert still["id"] == second["id"]
    again = run(settings.data_dir, "quarantine", "retry", str(second["id"]), "--json")
    assert again.exit_code == 1 and "2026-02-30" in json.loads(again.stdout.splitlines()[-1])["error"]
