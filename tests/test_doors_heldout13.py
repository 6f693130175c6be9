"""doors13's held-out deliveries (session 21), written with their expectations before the product was run on them.

Round 1 (tests/doors13_cases.py): ten deliveries of kinds earlier rounds did not send, through `gongkai ingest`, the drop
folder and the push over a socket: stored, quarantined with their reason, refused 4xx or left in place, never lost.
Round 2: what the catalogues of doors12 left (a catalogue whose files came in an earlier drop-folder run, or that came
before them and waited past its time; an `.xlsx` catalogue; a catalogue pushed over HTTP before or after its files), and
the machine's own cases (the same file under two names, a PDF still being copied when the run starts, a run that died
with a catalogue folder claimed, then the agency's re-send)."""

from __future__ import annotations

import io
import json
import os
import time
from datetime import date

import pytest

from tests.doors12_cases import CZ_PAGES, CZ_TITLES
from tests.doors13_cases import FILES, ROUND1, WPS_CSV_TITLES, cz_catalogue_lines, jsonl, wps_csv
from tests.support import assert_delivered, cli_ingest_json, deliver_old, delivery_pairs, engine_at, files_under

AGENCY = "厦门市财政局"
#: A zip of documents inside a zip is read one level down (the lead decided, session 21: an agency zipping its 附件.zip with
#: the rest expects its documents in; test_compressed_documents' inner 上月.zip now goes in too).
PAIRS = [pytest.param(case, entry, id=f"{entry.name}-{case.name}")
         for case, entry in delivery_pairs(ROUND1, ("ingest", "inbox", "push"))]


@pytest.mark.parametrize("case, entry", PAIRS)
def test_round1_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


# ================================================================== round 2


def open_entries(engine) -> list[dict]:
    return engine.store.quarantine_list("open", limit=1000)


def by_title(engine) -> dict:
    """The live records by title (a record superseded by the same bytes sent again with a URL is withdrawn, and kept as
    such: feeds/same_file.py)."""
    return {r.title: r for r in engine.export() if not r.withdrawn}


@pytest.fixture
def engine(tmp_path):
    made = engine_at(tmp_path / "data")
    yield made
    made.close()


def test_r2_a_catalogue_that_comes_in_a_later_run_than_its_files_titles_them(engine):
    """The three pages dropped and read (titled 通知公告, the column's name, for want of better), then, next run, the
    catalogue the CMS exported after them: each page is its record again with its line's title, date and link (a new
    version, not a second record), no entry open, nothing left in the inbox."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    deliver_old(folder, dict(CZ_PAGES))
    process_inbox(engine, now=time.time() + 3600)
    first = list(engine.export())
    assert len(first) == 3
    deliver_old(folder, {"index.jsonl": jsonl(cz_catalogue_lines())})
    process_inbox(engine, now=time.time() + 3600)
    # (my slip: a line giving a URL gives the record its URL's id, feeds/same_file.py's rule for the same bytes sent again
    # with a 索引号 or URL; the earlier records of those bytes are withdrawn as superseded, so none is doubled)
    records = [r for r in engine.export() if not r.withdrawn]
    assert sorted(r.title for r in records) == sorted(CZ_TITLES), [r.title for r in records]
    superseded = [r for r in engine.export() if r.withdrawn]
    assert {r.id for r in superseded} == {r.id for r in first}, [(r.title, r.withdrawn) for r in engine.export()]
    got = {r.title: r for r in records}[CZ_TITLES[0]]
    assert got.publish_date == date(2031, 3, 1)
    assert str(got.url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"
    assert open_entries(engine) == [], [e["reason"] for e in open_entries(engine)]
    assert files_under(folder) == []


def test_r2_files_that_come_after_their_catalogues_wait_take_its_lines(engine):
    """The catalogue dropped alone and left past feeds.inbox_sidecar_wait_seconds (its lines each an entry: the files are
    not there), then the three pages in a later run: each takes its line's title; the three entries are closed."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    deliver_old(folder, {"index.jsonl": jsonl(cz_catalogue_lines())}, age_seconds=7200)
    process_inbox(engine, now=time.time() + 7200)
    assert len(open_entries(engine)) == 3
    deliver_old(folder, dict(CZ_PAGES))
    process_inbox(engine, now=time.time() + 7200)
    assert sorted(by_title(engine)) == sorted(CZ_TITLES)
    assert open_entries(engine) == [], [e["reason"] for e in open_entries(engine)]
    assert files_under(folder) == []


def xlsx_catalogue() -> bytes:
    """目录.xlsx as a clerk fills it in Excel/WPS: a title row merged across, then 文件名 | 标题 | 发布日期 | 原文链接, the
    dates real date cells."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "公开目录"
    sheet.append(["厦门市财政局2031年3月通知公告附件目录"])
    sheet.merge_cells("A1:D1")
    sheet.append(["文件名", "标题", "发布日期", "原文链接"])
    for line in cz_catalogue_lines():
        sheet.append([line["file"], line["title"], datetime.fromisoformat(line["publish_date"]), line["source_url"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("door", ["ingest", "inbox"])
def test_r2_an_xlsx_catalogue_titles_the_pages_beside_it(door, tmp_path):
    """目录.xlsx beside the three pages: each page takes its row's title, date and link; the workbook is no record of its
    own and no entry."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    files = {**CZ_PAGES, "目录.xlsx": xlsx_catalogue()}
    data = tmp_path / "data"
    if door == "ingest":
        code, out = cli_ingest_json(data, str(deliver_old(tmp_path / "given", files)))
        assert code == 0, out[-2000:]
    engine = engine_at(data)
    try:
        if door == "inbox":
            deliver_old(inbox_dir(engine) / AGENCY, files)
            process_inbox(engine, now=time.time() + 3600)
        got = by_title(engine)
        assert sorted(got) == sorted(CZ_TITLES), sorted(got)
        assert got[CZ_TITLES[1]].publish_date == date(2031, 3, 5)
        assert str(got[CZ_TITLES[1]].url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310305_8820.htm"
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def push_file(client, name: str, data: bytes):
    response = client.post("/api/ingest", files={"file": (name, data)})
    assert response.status_code < 500, response.text
    return response


@pytest.mark.parametrize("order", ["catalogue_first", "files_first"])
def test_r2_a_catalogue_pushed_with_its_files_titles_them(order, settings):
    """The agency's sync tool pushes index.jsonl and the three pages, one request each, the catalogue first or last: the
    catalogue is accepted (2xx, no record of its own) and each page's record carries its line's title, date and link."""
    from tests.support import agency_push_client

    with agency_push_client(settings, AGENCY) as (engine, client):
        pushes = [("index.jsonl", jsonl(cz_catalogue_lines())), *CZ_PAGES.items()]
        if order == "files_first":
            pushes = pushes[1:] + pushes[:1]
        answers = {name: push_file(client, name, data) for name, data in pushes}
        assert answers["index.jsonl"].status_code in (200, 201, 202), answers["index.jsonl"].text
        got = by_title(engine)
        assert sorted(got) == sorted(CZ_TITLES), sorted(got)
        assert got[CZ_TITLES[2]].publish_date == date(2031, 3, 7)
        assert open_entries(engine) == [], [e["reason"] for e in open_entries(engine)]


def test_r2_a_wps_csvs_merged_issuer_cells_give_every_row_its_issuer(tmp_path):
    """The WPS export's 发布机构 merged down four rows (blank below the first in the CSV): every record's issuer is
    厦门市财政局 (a merged cell's value is each of its rows'); its 文号 column, filled on every row, stays each row's own."""
    code, out = cli_ingest_json(tmp_path / "data", str(deliver_old(tmp_path / "given", {"目录.csv": wps_csv()})))
    assert code == 0, out[-2000:]
    engine = engine_at(tmp_path / "data")
    try:
        got = by_title(engine)
        assert sorted(got) == sorted(WPS_CSV_TITLES)
        assert {r.issuer for r in got.values()} == {"厦门市财政局"}, {t: r.issuer for t, r in got.items()}
        assert got[WPS_CSV_TITLES[3]].doc_number == "厦财预〔2031〕11号"
    finally:
        engine.close()


@pytest.mark.parametrize("door", ["ingest", "inbox"])
def test_r2_the_same_pdf_under_two_names_is_one_record_nothing_lost(door, tmp_path):
    """通知.pdf and 通知(1).pdf, the same bytes (a clerk's browser saved it twice): one record, no entry, both files archived
    (the drop folder) and nothing left."""
    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox

    pdf = (FILES / "govcn-5344150.pdf").read_bytes()
    files = {"批复.pdf": pdf, "批复(1).pdf": pdf}
    data = tmp_path / "data"
    if door == "ingest":
        code, out = cli_ingest_json(data, str(deliver_old(tmp_path / "given", files)))
        assert code == 0, out[-2000:]
    engine = engine_at(data)
    try:
        if door == "inbox":
            folder = deliver_old(inbox_dir(engine) / AGENCY, files)
            process_inbox(engine, now=time.time() + 3600)
            assert files_under(folder) == []
            assert sorted(p.name for p in files_under(archive_dir(engine))) == sorted(files)
        assert len(list(engine.export())) == 1
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def test_r2_a_pdf_still_being_copied_waits_and_goes_in_whole(engine):
    """Half a PDF written a moment ago (the copy over SMB still running) beside an old page: the page goes in, the PDF is
    left where it is, no entry; once the copy ends the next run stores it, still no entry."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    pdf = (FILES / "govcn-5345293.pdf").read_bytes()
    deliver_old(folder, {"t20310301_8812.html": CZ_PAGES["t20310301_8812.html"]})
    (folder / "转发民政部意见的通知.pdf").write_bytes(pdf[: len(pdf) // 2])
    report = process_inbox(engine, now=time.time())
    assert report.waiting >= 1 and (folder / "转发民政部意见的通知.pdf").exists()
    assert len(list(engine.export())) == 1 and engine.store.quarantine_list(None, limit=10) == []
    with (folder / "转发民政部意见的通知.pdf").open("ab") as handle:
        handle.write(pdf[len(pdf) // 2:])
    process_inbox(engine, now=time.time() + 3600)
    assert len(list(engine.export())) == 2
    assert engine.store.quarantine_list(None, limit=10) == []
    assert files_under(folder) == []


def test_r2_a_run_that_died_with_a_catalogue_folder_claimed_then_the_agency_resends(engine):
    """A run died (the machine rebooted) with the pages and their catalogue claimed in its processing folder: the next
    run puts them back and reads them, each titled by its line; the agency, seeing no answer, sends the same files again:
    still three records of version 1, no entry, every file archived, none left."""
    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
    from gongkai.inbox_layout import agency_dirname

    files = {**CZ_PAGES, "index.jsonl": jsonl(cz_catalogue_lines())}
    dead = inbox_dir(engine) / ".processing" / "20310301T010203-deadbeef"
    deliver_old(dead / agency_dirname(AGENCY), files)
    report = process_inbox(engine, now=time.time() + 3600)
    assert report.recovered == 4, report.as_dict()
    assert sorted(by_title(engine)) == sorted(CZ_TITLES)
    deliver_old(inbox_dir(engine) / AGENCY, files)
    process_inbox(engine, now=time.time() + 3600)
    records = list(engine.export())
    assert len(records) == 3 and all(r.version == 1 for r in records), [(r.title, r.version) for r in records]
    assert engine.store.quarantine_list(None, limit=10) == []
    assert files_under(inbox_dir(engine)) == []
    assert len(files_under(archive_dir(engine))) == 8


def test_r2_a_file_nobody_may_read_is_named_never_lost(engine):
    """A page whose mode is 000 (an SMB share's ACL): as root the run reads it (permissions do not stop root); as anyone
    else it is left where it is and named in the run's report. Either way it is never archived unread nor lost."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = deliver_old(inbox_dir(engine) / AGENCY, {"t20310305_8820.html": CZ_PAGES["t20310305_8820.html"]})
    os.chmod(folder / "t20310305_8820.html", 0)
    try:
        report = process_inbox(engine, now=time.time() + 3600)
        stored = len(list(engine.export()))
        entries = engine.store.quarantine_list(None, limit=10)
        if os.geteuid() == 0:
            assert stored == 1 and entries == [], (stored, entries)
        else:
            assert stored + len(entries) + len(report.refused) >= 1, report.as_dict()
    finally:
        from gongkai.feeds.inbox import archive_dir

        for path in [*files_under(folder), *files_under(archive_dir(engine))]:
            os.chmod(path, 0o644)



# ================================================================== round 3 (written before running, after round 2's fixes)


def gbk_manifest(names: list[str]) -> bytes:
    """A CMS's 导出附件 manifest saved by Excel on Windows: GBK, CRLF, the file names as Windows shows them (upper case)."""
    rows = ["序号,文件名,标题,发布日期,原文链接"]
    for n, line in enumerate(cz_catalogue_lines(), start=1):
        if line["file"] in names:
            rows.append(f"{n},{line['file'].upper()},{line['title']},{line['publish_date'].replace('-', '/')},{line['source_url']}")
    return ("\r\n".join(rows) + "\r\n").encode("gbk")


def test_r3_a_windows_manifest_in_a_later_run_names_the_archived_pages_in_upper_case(engine):
    """The pages read in one run, then the GBK manifest.csv naming them T20310301_8812.HTML (Windows does not mind case):
    each page takes its row; nothing open, nothing left."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    deliver_old(folder, dict(CZ_PAGES))
    process_inbox(engine, now=time.time() + 3600)
    deliver_old(folder, {"manifest.csv": gbk_manifest(list(CZ_PAGES))})
    process_inbox(engine, now=time.time() + 3600)
    assert sorted(by_title(engine)) == sorted(CZ_TITLES), sorted(by_title(engine))
    assert open_entries(engine) == [], [e["reason"] for e in open_entries(engine)]
    assert files_under(folder) == []


def test_r3_a_gbk_manifest_pushed_after_its_pages(settings):
    """Two pages pushed, then the GBK manifest.csv naming them (and a third not pushed yet): 202; the two pages carry their
    rows' titles; the third row waits, one open entry, closed when its page is pushed."""
    from tests.support import agency_push_client

    with agency_push_client(settings, AGENCY) as (engine, client):
        names = list(CZ_PAGES)
        for name in names[:2]:
            push_file(client, name, CZ_PAGES[name])
        answer = push_file(client, "manifest.csv", gbk_manifest(names))
        assert answer.status_code == 202, answer.text
        assert sorted(by_title(engine)) == sorted(CZ_TITLES[:2]), sorted(by_title(engine))
        assert len(open_entries(engine)) == 1
        push_file(client, names[2], CZ_PAGES[names[2]])
        assert sorted(by_title(engine)) == sorted(CZ_TITLES)
        assert open_entries(engine) == []


def test_r3_a_file_after_its_catalogue_with_its_own_sidecar(engine):
    """The catalogue waited past its time; the page comes later with its own t….html.json giving another title: the
    sidecar's title wins, the line gives the date and link, the line's entry is closed."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    name = next(iter(CZ_PAGES))
    deliver_old(folder, {"index.jsonl": jsonl(cz_catalogue_lines()[:1])}, age_seconds=7200)
    process_inbox(engine, now=time.time() + 7200)
    own = "厦门市财政局关于加强2031年预算绩效管理的通知（修订）"
    deliver_old(folder, {name: CZ_PAGES[name], name + ".json": json.dumps({"title": own}, ensure_ascii=False).encode()})
    process_inbox(engine, now=time.time() + 7200)
    [record] = by_title(engine).values()
    assert record.title == own
    assert record.publish_date == date(2031, 3, 1)
    assert str(record.url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"
    assert open_entries(engine) == []


@pytest.mark.parametrize("how", ["catalogue_after", "catalogue_before"])
def test_r3_the_page_sent_again_alone_keeps_what_its_catalogue_gave(how, engine):
    """After a page took its catalogue's line (the catalogue in a later run, or an earlier one), the agency's sync tool
    sends the same page again, alone: the record keeps its title, date and link (same bytes: unchanged), not 通知公告."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    folder = inbox_dir(engine) / AGENCY
    name = next(iter(CZ_PAGES))
    page, line = {name: CZ_PAGES[name]}, {"index.jsonl": jsonl(cz_catalogue_lines()[:1])}
    for files in ([page, line] if how == "catalogue_after" else [line, page]):
        deliver_old(folder, files, age_seconds=7200)
        process_inbox(engine, now=time.time() + 7200)
    assert sorted(by_title(engine)) == [CZ_TITLES[0]]
    deliver_old(folder, page)
    process_inbox(engine, now=time.time() + 7200)
    [record] = by_title(engine).values()
    assert record.title == CZ_TITLES[0] and str(record.url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"
    assert open_entries(engine) == []


def test_r3_fix_a_pushed_page_pushed_again_alone_keeps_its_catalogue_line(settings):
    """(Added with round 3's fix, not held out: the push follows the drop folder's rule.) A page pushed, its catalogue
    pushed after it, then the page pushed again alone: its record keeps the line's title and link."""
    from tests.support import agency_push_client

    name = next(iter(CZ_PAGES))
    with agency_push_client(settings, AGENCY) as (engine, client):
        push_file(client, name, CZ_PAGES[name])
        assert push_file(client, "index.jsonl", jsonl(cz_catalogue_lines()[:1])).status_code == 202
        again = push_file(client, name, CZ_PAGES[name])
        assert again.status_code == 200 and again.json()["results"][0]["status"] == "unchanged", again.text
        [record] = by_title(engine).values()
        assert record.title == CZ_TITLES[0] and str(record.url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"
