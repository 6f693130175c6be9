"""Drop-folder names written in GBK (a zip unpacked from Windows, a share without a UTF-8 mapping) are read as the
Chinese they are (probe3): Python hands such a name over surrogate-escaped, so an agency folder named 教育局 in GBK
gave every record the source 'inbox:\\udcbd\\udccc…', which no record can hold: each one was quarantined
("surrogates not allowed"), and a file's name showed as escapes in the quarantine and the archive.
The run claims each file under its decoded name (UTF-8, else GB18030), so refs, sources, the archive and a
quarantine retry all see text. Real filesystem, SQLite and Tantivy."""

from __future__ import annotations

import os
import time

import pytest

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from tests.support import inbox_engine

LATER = time.time() + 3600


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def gbk(text: str) -> bytes:
    return text.encode("gbk")


def test_an_agency_folder_and_files_named_in_gbk(engine):
    inbox = os.fsencode(inbox_dir(engine))
    agency = os.path.join(inbox, gbk("厦门市教育局"))
    os.mkdir(agency)
    with open(os.path.join(agency, gbk("招生记录.jsonl")), "w", encoding="utf-8") as handle:
        handle.write('{"title": "2024年秋季招生公告"}\n{"title": "坏日期", "publish_date": "2024-13-01"}\n')
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 1, report.as_dict()
    [record] = list(engine.store.iter_records())
    assert record.title == "2024年秋季招生公告" and record.source == "inbox:厦门市教育局"
    [entry] = engine.store.quarantine_list()
    assert entry["input_ref"] == "inbox:厦门市教育局/招生记录.jsonl#2" and entry["source"] == "inbox:厦门市教育局"
    archived = [str(p.relative_to(archive_dir(engine))) for p in archive_dir(engine).rglob("*.jsonl")]
    assert len(archived) == 1 and archived[0].endswith("厦门市教育局/招生记录.jsonl"), archived
    assert visible(inbox) == [gbk("厦门市教育局")] and visible(agency) == []  # the emptied folder stays


def test_a_name_that_decodes_to_one_already_there_is_left_in_place(engine):
    inbox = inbox_dir(engine)
    (inbox / "记录.jsonl").write_text('{"title": "UTF-8 名字的记录"}\n', encoding="utf-8")
    with open(os.path.join(os.fsencode(inbox), gbk("记录.jsonl")), "w", encoding="utf-8") as handle:
        handle.write('{"title": "GBK 名字的记录"}\n')
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and any("记录.jsonl" in why for why in report.refused), report.as_dict()
    assert visible(os.fsencode(inbox)) == [gbk("记录.jsonl")]  # nothing lost: the clashing file waits for a new name


def test_a_gbk_folder_and_its_utf8_twin_are_one_agency_and_nothing_is_overwritten(engine):
    inbox = inbox_dir(engine)
    (inbox / "教育局").mkdir()
    (inbox / "教育局" / "a.jsonl").write_text('{"title": "UTF-8 目录的记录"}\n', encoding="utf-8")
    other = os.path.join(os.fsencode(inbox), gbk("教育局"))
    os.mkdir(other)
    with open(os.path.join(other, b"a.jsonl"), "w", encoding="utf-8") as handle:
        handle.write('{"title": "GBK 目录的记录"}\n')
    first = process_inbox(engine, now=LATER)
    assert first.counts["new"] == 1, first.as_dict()  # one a.jsonl claimed; the other's name is taken in this run
    second = process_inbox(engine, now=LATER)
    assert second.counts["new"] == 1, second.as_dict()
    assert {r.source for r in engine.store.iter_records()} == {"inbox:教育局"}
    assert {r.title for r in engine.store.iter_records()} == {"UTF-8 目录的记录", "GBK 目录的记录"}


def visible(folder: bytes) -> list[bytes]:
    return sorted(name for name in os.listdir(folder) if not name.startswith(b"."))
