"""Notice columns in the drop folder (inbox/<agency>/notices/): real notice texts, one record per notice."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.indexer.models import SearchRequest
from tests.conftest import CORPUS, REPO
from tests.support import inbox_engine
from tests.test_inbox import archived, left_in_inbox

COLUMN = REPO / "tests" / "fixtures" / "parsers" / "notices_xmrb_column.txt"  # 9 notices: 4 遗失, 停电, 停水, 减资, 注销, 挂牌出让
COLUMN_2 = REPO / "tests" / "fixtures" / "parsers" / "notices_xmrb_column_2.txt"
XMRB_URL = "https://epaper.xmnn.cn/xmrb/20260312/A12.htm"
LATER = 4_000_000_000.0  # "now" for runs that should see every file as old enough
AGENCY = "厦门日报"


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


@pytest.fixture
def notices_folder(engine) -> Path:
    folder = inbox_dir(engine) / AGENCY / "notices"
    folder.mkdir(parents=True)
    return folder


def corpus_notice_text(notice_id: str) -> str:
    with (CORPUS / "web_page_excerpts" / "public_notices.jsonl").open(encoding="utf-8") as handle:
        return next(row for row in map(json.loads, handle) if row["id"] == notice_id)["text"]


def drop_columns(folder: Path) -> None:
    """A 厦门日报 便民公告 page with its e-paper URL and date, and two real reprinted notices from the corpus."""
    (folder / "xmrb-20260312-A12.txt").write_bytes(COLUMN.read_bytes())
    (folder / "xmrb-20260312-A12.txt.json").write_text(json.dumps({"url": XMRB_URL, "publish_date": "2026-03-12"}), encoding="utf-8")
    (folder / "厦门交警限行通告.txt").write_text(corpus_notice_text("web-notice-006"), encoding="utf-8")  # two 通告 of 厦门交警
    (folder / "泰安停电.txt").write_text(corpus_notice_text("web-notice-001"), encoding="utf-8")  # one 停电 notice


def test_every_notice_of_a_dropped_column_becomes_its_own_notice_record(engine, notices_folder):
    drop_columns(notices_folder)
    (notices_folder.parent / "same-page-as-a-document.txt").write_bytes(COLUMN.read_bytes())  # beside notices/: one document

    report = process_inbox(engine, now=LATER)
    assert report.files == 5 and report.counts["new"] == 13 and report.counts["quarantined"] == 0, report.as_dict()
    records = list(engine.export())
    notices = [r for r in records if r.kind == "notice"]
    assert len(notices) == 12 and len(records) == 13
    assert Counter(r.notice_type for r in notices) == {"lost": 4, "outage": 3, "business_tax": 2, "land_housing": 1, "other": 2}
    assert {r.source for r in records} == {"inbox:厦门日报"}

    xmrb = [r for r in notices if r.url == XMRB_URL]
    assert len(xmrb) == 9 and {r.publish_date for r in xmrb} == {date(2026, 3, 12)}, "the sidecar applies to every notice"
    lost = {r.notice.holder for r in xmrb if r.notice_type == "lost"}
    assert "厦门鑫海源贸易有限公司" in lost and "林美华" in lost
    water = next(r for r in xmrb if r.title == "停水通知")
    assert water.notice.events[0].start.isoformat() == "2026-03-12T22:00:00" and water.notice.events[0].end.isoformat() == "2026-03-13T06:00:00"
    traffic = [r for r in notices if r.notice_type == "other"]
    assert all("厦门市公安局交警支队" in r.title for r in traffic)
    taian = next(r for r in notices if "迎胜" in r.body)
    assert taian.notice.utility == "power" and taian.notice.events

    [document] = [r for r in records if r.kind != "notice"]
    assert "遗失声明" in document.body, "outside notices/ the same page is one document"
    found = engine.search(SearchRequest(q="仙岳路", notice_type="outage"))
    assert found.total == 1 and found.hits[0].id == water.id

    assert left_in_inbox(engine) == []
    kept = [p for p in archived(engine) if "/notices/" in p]
    assert sorted(Path(p).name for p in kept) == sorted(["xmrb-20260312-A12.txt", "xmrb-20260312-A12.txt.json", "厦门交警限行通告.txt", "泰安停电.txt"])
    assert all(p.split("/")[2:4] == [AGENCY, "notices"] and not p.startswith("failed") for p in kept)

    drop_columns(notices_folder)  # delivered again: nothing new, nothing twice
    again = process_inbox(engine, now=LATER)
    assert again.counts["unchanged"] == 12 and again.counts["new"] == 0 and engine.store.count() == 13


def test_a_broken_notice_is_quarantined_alone_and_its_column_archived_as_failed(engine, notices_folder, monkeypatch):
    import gongkai.parsers.notices as notice_parser

    real = notice_parser.extract_fields

    def breaks_on_one_notice(notice_type, title, text, *args, **kwargs):
        if "嘉禾路桥" in text:  # a field-extraction bug that only the 减资公告 of the page triggers
            raise ValueError("extractor bug")
        return real(notice_type, title, text, *args, **kwargs)

    monkeypatch.setattr(notice_parser, "extract_fields", breaks_on_one_notice)
    (notices_folder / "A12.txt").write_bytes(COLUMN.read_bytes())
    (notices_folder / "A12.txt.json").write_text(json.dumps({"url": XMRB_URL}), encoding="utf-8")
    (notices_folder / "A09.txt").write_bytes(COLUMN_2.read_bytes())
    (notices_folder / "empty.txt").write_text("便民公告\n\n", encoding="utf-8")  # a page with no notice at all

    report = process_inbox(engine, now=LATER)
    assert report.counts["quarantined"] == 2 and report.counts["new"] == 8 + 5, report.as_dict()  # A09: 5 notices
    reasons = {q["input_ref"]: q["reason"] for q in engine.store.quarantine_list()}
    assert set(reasons) == {f"inbox:{AGENCY}/notices/A12.txt#7", f"inbox:{AGENCY}/notices/empty.txt"}
    assert "notice 7" in reasons[f"inbox:{AGENCY}/notices/A12.txt#7"] and "extractor bug" in reasons[f"inbox:{AGENCY}/notices/A12.txt#7"]
    assert "no notices found" in reasons[f"inbox:{AGENCY}/notices/empty.txt"]
    titles = {r.title for r in engine.export() if r.url == XMRB_URL}
    assert len(titles) == 8 and "减资公告" not in titles and "注销公告" in titles, "the notices beside the broken one went in"

    paths = archived(engine)
    failed = sorted(Path(p).name for p in paths if p.startswith("failed/"))
    assert failed == ["A12.txt", "A12.txt.json", "empty.txt"]
    assert next(p for p in paths if p.endswith("A09.txt")).split("/")[2:] == [AGENCY, "notices", "A09.txt"]
    assert all(p.split("/")[3:5] == [AGENCY, "notices"] for p in paths if p.startswith("failed/"))

    # The bytes were kept as a notice column: once the bug is fixed, the retry splits the page again.
    monkeypatch.setattr(notice_parser, "extract_fields", real)
    entry = next(q for q in engine.store.quarantine_list() if q["input_ref"].endswith("#7"))
    assert engine.retry_quarantined(entry["id"]).status in ("new", "unchanged")
    assert "减资公告" in {r.title for r in engine.export() if r.url == XMRB_URL and r.kind == "notice"}
    assert len([r for r in engine.export() if r.url == XMRB_URL]) == 9


def test_only_the_notices_folder_of_an_agency_is_read_and_symlinks_are_refused(engine, notices_folder, tmp_path):
    (notices_folder / "deeper").mkdir()
    (notices_folder / "deeper" / "column.txt").write_bytes(COLUMN.read_bytes())
    other = inbox_dir(engine) / "厦门晚报"
    other.mkdir()
    (other / "公告").mkdir()
    (other / "公告" / "column.txt").write_bytes(COLUMN.read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "column.txt").write_bytes(COLUMN.read_bytes())
    (inbox_dir(engine) / "海西晨报").mkdir()
    (inbox_dir(engine) / "海西晨报" / "notices").symlink_to(outside, target_is_directory=True)

    report = process_inbox(engine, now=LATER)
    assert report.files == 0 and engine.store.count() == 0, report.as_dict()
    assert any("厦门日报/notices/deeper/" in r for r in report.refused)
    assert any("厦门晚报/公告/" in r for r in report.refused)
    assert [r for r in report.refused if "海西晨报/notices" in r] == ["海西晨报/notices: symlink, not followed"]
    assert (outside / "column.txt").exists() and (notices_folder / "deeper" / "column.txt").exists()


def test_a_notice_column_of_a_dead_run_is_put_back_into_notices_and_split(engine):
    dead = inbox_dir(engine) / ".processing" / "20260312T000000-dead" / AGENCY / "notices"
    dead.mkdir(parents=True)
    (dead / "A12.txt").write_bytes(COLUMN.read_bytes())  # claimed by a run that died before ingesting it

    report = process_inbox(engine, now=LATER)
    assert report.recovered == 1 and report.counts["new"] == 9, report.as_dict()
    assert {r.kind for r in engine.export()} == {"notice"}
    assert [p.split("/", 2)[2] for p in archived(engine)] == [f"{AGENCY}/notices/A12.txt"]
    assert not (inbox_dir(engine) / ".processing" / "20260312T000000-dead").exists()
