"""A file whose writer pauses longer than `feeds.inbox_min_age_seconds` and then writes on (an export script
writing in batches straight into the drop folder) is claimed half-written: the run now sees it changed while it
was read and puts it back for the next run, which reads it whole (probe3: the rest of the file was written into
the archived copy and never read, no quarantine entry: records lost without a trace).
Real filesystem, SQLite and Tantivy; the writer is a real second process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gongkai.feeds.inbox import InboxRun, archive_dir, inbox_dir, process_inbox
from tests.support import inbox_engine


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"inbox_min_age_seconds": 0})
        yield engine


def test_a_file_written_on_while_it_is_read_goes_back_and_is_read_whole(engine, monkeypatch):
    folder = inbox_dir(engine) / "厦门市财政局"
    folder.mkdir()
    path = folder / "export.jsonl"
    path.write_text(json.dumps({"title": "第一批的记录"}, ensure_ascii=False) + "\n", encoding="utf-8")
    append = ("import json, sys\n"
              "with open(sys.argv[1], 'a', encoding='utf-8') as f:\n"
              "    f.write(json.dumps({'title': '第二批的记录'}, ensure_ascii=False) + '\\n')\n")
    original = InboxRun._items

    def read_then_the_writer_goes_on(self, groups, session):
        yield from original(self, groups, session)
        # every item read: the writer's next batch lands in the claimed file (its open descriptor follows it)
        claimed = self.work / groups[0].where / "export.jsonl"
        subprocess.run([sys.executable, "-c", append, str(claimed)], check=True)

    monkeypatch.setattr(InboxRun, "_items", read_then_the_writer_goes_on)
    first = process_inbox(engine)
    assert first.waiting == 1 and path.exists(), first.as_dict()  # back in the inbox, not archived
    assert not list(archive_dir(engine).rglob("export.jsonl"))
    monkeypatch.setattr(InboxRun, "_items", original)
    second = process_inbox(engine)
    assert second.counts["new"] + second.counts["unchanged"] == 2 and not path.exists(), second.as_dict()
    assert {r.title for r in engine.store.iter_records()} == {"第一批的记录", "第二批的记录"}
