"""doors12's held-out deliveries (session 20): catalogues naming the files beside them and feed files handed over, through
the drop folder and `gongkai ingest` (the feed files through the push too, tests/doors12_cases.py), each file stored with
the title, date and URL its catalogue gives, each bad or missing entry quarantined with its reason, nothing lost, the
catalogue itself no record. Expectations were written before the product was run on them."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from tests.doors12_cases import (
    CZ_PAGES,
    CZ_TITLES,
    FEED_CASES,
    GOVCN_FILES,
    LAWS,
    WORK_REPORTS,
    catalogue,
    corpus_folder,
    jsonl,
    manifest_csv,
)
from tests.support import assert_delivered, cli_ingest_json, deliver_old, delivery_pairs, engine_at, files_under

PAIRS = delivery_pairs(FEED_CASES, ("ingest", "inbox", "push"))
AGENCY = "厦门市财政局"
DOORS = ("ingest", "inbox")


@pytest.mark.parametrize("case, entry", PAIRS, ids=[f"{entry.name}-{case.name}" for case, entry in PAIRS])
def test_feed_file_is_stored_quarantined_or_left_never_lost(case, entry, tmp_path, monkeypatch):
    assert_delivered(case, entry, tmp_path, monkeypatch)


# ------------------------------------------------------------------ one door or the other, the same outcome


def deliver(door: str, tmp_path: Path, files: dict[str, bytes], agency: str = AGENCY) -> tuple[list, list[dict], list[Path]]:
    """`files` through `door` ("ingest": `gongkai ingest DIR`; "inbox": an agency's drop folder, one run): the records
    stored, the quarantine's entries, and what is left in the inbox (nothing for `gongkai ingest`)."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    data = tmp_path / "data"
    if door == "ingest":
        given = deliver_old(tmp_path / "given", files)
        code, out = cli_ingest_json(data, str(given))
        assert code in (0, 1), out
        left: list[Path] = []
    engine = engine_at(data)
    try:
        if door == "inbox":
            folder = deliver_old(inbox_dir(engine) / agency, files)
            process_inbox(engine, now=time.time() + 3600)
            left = [p for p in files_under(folder) if ".processing" not in p.parts]
        # (quarantine_list leaves the payload out: my slip; each entry is read whole, as `gongkai quarantine show` does)
        entries = [engine.store.quarantine_get(e["id"]) for e in engine.store.quarantine_list(None, limit=1000)]
        return list(engine.export()), entries, left
    finally:
        engine.close()


def by_title(records: list) -> dict:
    return {r.title: r for r in records}


# ------------------------------------------------------------------ the corpus's catalogues


@pytest.mark.parametrize("door", DOORS)
def test_work_reports_take_their_catalogues_title_date_and_url(door, tmp_path):
    """The 21 provincial work reports with their index.jsonl: 21 records, each titled, dated and linked as its catalogue
    line says (province, year, repo_path and chars are the catalogue's bookkeeping); index.jsonl is no record, no entry."""
    entries = catalogue(WORK_REPORTS)
    records, entries_q, left = deliver(door, tmp_path, corpus_folder(WORK_REPORTS), agency="福建省图书馆")
    assert entries_q == [], [e["reason"][:200] for e in entries_q]
    assert left == []
    assert len(records) == len(entries) == 21
    got = {str(r.url): r for r in records}
    for entry in entries:
        record = got.get(entry["source_url"])
        assert record is not None, (entry["file"], sorted(got)[:3])
        assert record.title == entry["title"]
        assert record.publish_date == date.fromisoformat(entry["publish_date"])


@pytest.mark.parametrize("door", DOORS)
def test_govcn_files_take_their_catalogues_doc_number_issuer_and_written_date(door, tmp_path):
    """The ten gov.cn DOCX/PDF files and their index.jsonl (文号, 发文机关, title, 成文日期 as `2018年10月27日`): each record
    holds them as the catalogue gives them; title_in_text and the like are the catalogue's own notes."""
    entries = catalogue(GOVCN_FILES)
    records, quarantined, left = deliver(door, tmp_path, corpus_folder(GOVCN_FILES), agency="国务院办公厅")
    assert quarantined == [], [e["reason"][:200] for e in quarantined]
    assert left == []
    got = by_title(records)
    assert len(records) == 10, sorted(got)
    for entry in entries:
        record = got[entry["title"]]
        assert record.doc_number == entry["doc_number"]
        assert record.issuer == entry["issuer"]
        y, m, d = (int(x) for x in entry["written_date"].replace("年", "-").replace("月", "-").rstrip("日").split("-"))
        assert record.written_date == date(y, m, d)


@pytest.mark.parametrize("door", DOORS)
def test_a_catalogue_entry_naming_a_file_not_delivered_is_quarantined_the_others_read(door, tmp_path):
    """Four of the corpus's laws with their catalogue lines, plus a line naming a law not in the folder: the four are
    stored; the fifth line is one entry naming the file it lacks (kept, never lost); no line says `Extra inputs`."""
    names = [e["file"] for e in catalogue(LAWS)][:4]
    missing = {"file": "厦门市不存在的条例(2031-01-01).md", "category": "地方性法规", "repo_path": "DLC/x.md", "chars": 100}
    records, quarantined, left = deliver(door, tmp_path, corpus_folder(LAWS, names, extra=[missing]))
    assert len(records) == 4, [r.title for r in records]
    assert left == []
    [entry] = quarantined
    assert missing["file"] in entry["reason"], entry["reason"]
    assert "Extra inputs" not in entry["reason"]
    kept = entry.get("payload") or b""
    assert missing["file"] in (kept.decode() if isinstance(kept, bytes) else kept), entry  # the line itself is kept


# ------------------------------------------------------------------ other catalogue shapes


@pytest.mark.parametrize("door", DOORS)
def test_a_gbk_manifest_csv_titles_dates_and_links_the_pages_beside_it(door, tmp_path):
    """A CMS's GBK manifest.csv (序号,文件名,标题,发布日期,原文链接, Excel's short dates) beside three saved pages whose <title>
    is the column's: each page takes its catalogue row's title, date and link; the manifest is no record."""
    files = {**CZ_PAGES, "manifest.csv": manifest_csv()}
    records, quarantined, left = deliver(door, tmp_path, files)
    assert quarantined == [], [e["reason"][:200] for e in quarantined]
    assert left == []
    got = by_title(records)
    assert sorted(got) == sorted(CZ_TITLES)
    first = got[CZ_TITLES[0]]
    assert first.publish_date == date(2031, 3, 1)
    assert str(first.url) == "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"


@pytest.mark.parametrize("door", DOORS)
def test_a_files_json_list_with_one_bad_date(door, tmp_path):
    """A `files.json` JSON list (file, title, publish_date, source_url) of three pages, one dated 2031-02-30: two stored as
    listed, the third quarantined with the field and its value, its page kept (never lost)."""
    names = list(CZ_PAGES)
    listed = [
        {"file": names[0], "title": CZ_TITLES[0], "publish_date": "2031-03-01", "source_url": "http://cz.xm.gov.cn/a.htm"},
        {"file": names[1], "title": CZ_TITLES[1], "publish_date": "2031-02-30", "source_url": "http://cz.xm.gov.cn/b.htm"},
        {"file": names[2], "title": CZ_TITLES[2], "publish_date": "2031-03-07", "source_url": "http://cz.xm.gov.cn/c.htm"},
    ]
    files = {**CZ_PAGES, "files.json": json.dumps(listed, ensure_ascii=False, indent=2).encode()}
    records, quarantined, left = deliver(door, tmp_path, files)
    assert sorted(r.title for r in records) == sorted([CZ_TITLES[0], CZ_TITLES[2]])
    [entry] = quarantined
    assert "publish_date" in entry["reason"] and "2031-02-30" in entry["reason"], entry["reason"]
    assert left == []


@pytest.mark.parametrize("door", DOORS)
def test_a_files_own_sidecar_wins_over_its_catalogue_line(door, tmp_path):
    """A page with its own sidecar (`NAME.json`: a corrected title) and a catalogue line: the sidecar's title, the
    catalogue's URL and date."""
    name = next(iter(CZ_PAGES))
    corrected = CZ_TITLES[0] + "（更正）"
    files = {
        name: CZ_PAGES[name],
        name + ".json": json.dumps({"title": corrected}, ensure_ascii=False).encode(),
        "index.jsonl": jsonl([{"file": name, "title": CZ_TITLES[0], "publish_date": "2031-03-01",
                               "source_url": "http://cz.xm.gov.cn/zwgk/tzgg/203103/t20310301_8812.htm"}]),
    }
    records, quarantined, left = deliver(door, tmp_path, files)
    assert quarantined == [], [e["reason"] for e in quarantined]
    [record] = records
    assert record.title == corrected
    assert record.publish_date == date(2031, 3, 1)
    assert str(record.url).endswith("t20310301_8812.htm")
    assert left == []


@pytest.mark.parametrize("door", DOORS)
def test_a_catalogue_line_naming_a_path_out_of_its_folder_reads_nothing_there(door, tmp_path):
    """A line naming `../秘密.txt` (a file that exists, beside the delivery) is quarantined naming it; the file out of the
    folder is never read; the other line's page goes in."""
    (tmp_path / "秘密.txt").write_text("root:x:0:0:不应入库的内容", encoding="utf-8")
    (tmp_path / "data" / "inbox").mkdir(parents=True)
    (tmp_path / "data" / "秘密.txt").write_text("root:x:0:0:不应入库的内容", encoding="utf-8")
    name = next(iter(CZ_PAGES))
    files = {
        name: CZ_PAGES[name],
        "index.jsonl": jsonl([{"file": name, "title": CZ_TITLES[0]}, {"file": "../秘密.txt", "title": "秘密"},
                              {"file": "../../秘密.txt", "title": "秘密"}]),
    }
    records, quarantined, left = deliver(door, tmp_path, files)
    assert [r.title for r in records] == [CZ_TITLES[0]]
    assert not any("root:" in r.body for r in records)
    assert len(quarantined) == 2 and all("秘密.txt" in e["reason"] for e in quarantined), [e["reason"] for e in quarantined]
    assert left == []


# ------------------------------------------------------------------ the drop folder's own troubles


def test_a_catalogue_delivered_twice_changes_nothing(tmp_path):
    """The same three work reports and their catalogue dropped again (a sync tool's retry): one record each, unchanged, no
    entry, both deliveries archived."""
    from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox

    names = [e["file"] for e in catalogue(WORK_REPORTS)][:3]
    files = corpus_folder(WORK_REPORTS, names)
    engine = engine_at(tmp_path / "data")
    try:
        for _ in range(2):
            deliver_old(inbox_dir(engine) / AGENCY, files)
            report = process_inbox(engine, now=time.time() + 3600)
        assert report.counts.get("unchanged") == 3, report.as_dict()
        records = list(engine.export())
        assert len(records) == 3 and all(r.version == 1 for r in records)
        assert engine.store.quarantine_list(None, limit=10) == []
        assert sum(1 for p in files_under(archive_dir(engine)) if p.name == "index.jsonl") == 2
    finally:
        engine.close()


def test_a_catalogue_that_arrives_before_its_files_waits_for_them(tmp_path):
    """index.jsonl uploaded first (the sync tool sends it first), its three files still on their way: the run leaves it in
    place; once they arrive it goes in with them, each titled by its line, nothing quarantined."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    names = [e["file"] for e in catalogue(WORK_REPORTS)][3:6]
    files = corpus_folder(WORK_REPORTS, names)
    engine = engine_at(tmp_path / "data")
    try:
        folder = inbox_dir(engine) / AGENCY
        deliver_old(folder, {"index.jsonl": files.pop("index.jsonl")}, age_seconds=300)
        process_inbox(engine, now=time.time())
        assert list(engine.export()) == [] and (folder / "index.jsonl").exists()
        assert engine.store.quarantine_list(None, limit=10) == []
        deliver_old(folder, files, age_seconds=60)
        process_inbox(engine, now=time.time())
        titles = sorted(r.title for r in engine.export())
        assert titles == sorted(e["title"] for e in catalogue(WORK_REPORTS) if e["file"] in names), titles
        assert engine.store.quarantine_list(None, limit=10) == []
        assert files_under(folder) == []
    finally:
        engine.close()


def test_gongkai_ingest_of_a_corpus_folder_in_place_reads_its_catalogue(tmp_path):
    """`gongkai ingest /work/shared/corpus/provincial_gov_work_reports_2026` (read-only, where it lies): 21 records, no
    line quarantined, the catalogue named in no output line as an input of its own."""
    if not WORK_REPORTS.is_dir():
        pytest.skip("the shared corpus is not here")
    code, out = cli_ingest_json(tmp_path / "data", str(WORK_REPORTS))
    assert code == 0, out[-2000:]
    lines = [json.loads(line) for line in out.splitlines() if line.startswith('{"input"')]
    assert len(lines) == 21 and all(line["status"] == "new" for line in lines), [line["input"] for line in lines][:3]
    assert not any("index.jsonl" in line["input"] for line in lines)


def test_a_catalogue_in_a_subfolder_given_to_gongkai_ingest(tmp_path):
    """`gongkai ingest 交付/` whose sub-folder 2031年3月/ holds the pages and their manifest.csv: the manifest serves its own
    folder's files (the rule holds wherever the catalogue sits)."""
    shutil.rmtree(tmp_path / "given", ignore_errors=True)
    deliver_old(tmp_path / "given" / "2031年3月", {**CZ_PAGES, "manifest.csv": manifest_csv()})
    code, out = cli_ingest_json(tmp_path / "data", str(tmp_path / "given"))
    assert code == 0, out[-2000:]
    engine = engine_at(tmp_path / "data")
    try:
        assert sorted(r.title for r in engine.export()) == sorted(CZ_TITLES)
    finally:
        engine.close()


# ================================================================== round 2 (written before running, after round 1's fixes)


def rss_with_relative_links() -> bytes:
    """A district CMS's RSS: links relative to its <link>, dates printed the Chinese way (no RFC 822), GBK."""
    items = [
        ("思明区关于2031年春季学期义务教育招生工作的通告", "/xxgk/tzgg/203103/t20310305_301.html", "2031年03月05日 09:00"),
        ("思明区关于开展2031年城乡居民医疗保险参保登记的通知", "/xxgk/tzgg/203103/t20310310_302.html", "2031-03-10 15:30:00"),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>各街道、各有关单位：现将有关事项通知如下。</description>"
        f"<pubDate>{day}</pubDate></item>"
        for title, link, day in items
    )
    return (
        '<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>思明区人民政府</title>'
        f"<link>http://www.siming.gov.cn/</link><description>通知公告</description>{body}</channel></rss>"
    ).encode("gbk")


@pytest.mark.parametrize("door", DOORS)
def test_an_rss_file_with_relative_links_and_chinese_dates(door, tmp_path):
    """Each item's link is taken against the channel's <link> (http://www.siming.gov.cn/xxgk/…), its date read as printed
    (2031年03月05日 09:00, 2031-03-10 15:30:00)."""
    records, quarantined, left = deliver(door, tmp_path, {"rss.xml": rss_with_relative_links()}, agency="思明区人民政府")
    assert quarantined == [], [e["reason"] for e in quarantined]
    got = {str(r.url): r for r in records}
    assert sorted(got) == [
        "http://www.siming.gov.cn/xxgk/tzgg/203103/t20310305_301.html",
        "http://www.siming.gov.cn/xxgk/tzgg/203103/t20310310_302.html",
    ]
    assert got["http://www.siming.gov.cn/xxgk/tzgg/203103/t20310305_301.html"].publish_date == date(2031, 3, 5)
    assert got["http://www.siming.gov.cn/xxgk/tzgg/203103/t20310310_302.html"].publish_date == date(2031, 3, 10)
    assert left == []


@pytest.mark.parametrize("door", DOORS)
def test_a_windows_catalogue_names_files_in_another_case(door, tmp_path):
    """A catalogue written on Windows (case does not matter there): `T20310301_8812.HTML` for `t20310301_8812.html`.
    Each page takes its line; nothing quarantined."""
    pages = dict(list(CZ_PAGES.items())[:2])
    lines = [{"文件名": name.upper(), "标题": title} for name, title in zip(pages, CZ_TITLES)]
    records, quarantined, left = deliver(door, tmp_path, {**pages, "目录.jsonl": jsonl(lines)})
    assert quarantined == [], [e["reason"] for e in quarantined]
    assert sorted(r.title for r in records) == sorted(CZ_TITLES[:2])
    assert left == []


@pytest.mark.parametrize("door", DOORS)
def test_a_gbk_catalogue_with_crlf_and_a_cut_pdf(door, tmp_path):
    """A GBK index (Notepad's ANSI, CRLF) naming a good DOCX and a PDF cut short in transfer: the DOCX goes in titled by
    its line; the PDF is quarantined as corrupt (kept); the catalogue is no record."""
    entries = {e["file"]: e for e in catalogue(GOVCN_FILES)}
    docx, pdf = "govcn-5338761.docx", "govcn-5339579.pdf"
    lines = [
        {"file": docx, "title": entries[docx]["title"], "发布日期": "2018-11-01"},
        {"file": pdf, "title": entries[pdf]["title"], "发布日期": "2018-11-06"},
    ]
    index = "\r\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode("gbk") + b"\r\n"
    files = {docx: (GOVCN_FILES / docx).read_bytes(), pdf: (GOVCN_FILES / pdf).read_bytes()[:5000], "index.jsonl": index}
    records, quarantined, left = deliver(door, tmp_path, files, agency="国务院办公厅")
    assert [(r.title, r.publish_date) for r in records] == [(entries[docx]["title"], date(2018, 11, 1))]
    [entry] = quarantined
    assert pdf in entry["reason"] and "corrupt" in entry["reason"].lower(), entry["reason"]
    assert left == []


@pytest.mark.parametrize("door", DOORS)
def test_a_zip_of_pages_with_its_catalogue(door, tmp_path):
    """A zip made by Windows' 发送到压缩文件夹 (GBK names) of three pages and their 目录.jsonl: each page titled by its line,
    the catalogue no record."""
    from tests.support import zip_bytes

    lines = [{"file": name, "title": title, "publish_date": f"2031-03-0{n}"} for n, (name, title) in
             enumerate(zip(CZ_PAGES, CZ_TITLES), start=1)]
    packed = zip_bytes({**CZ_PAGES, "目录.jsonl": jsonl(lines)}, gbk_names=True)
    records, quarantined, left = deliver(door, tmp_path, {"2031年3月公开文件.zip": packed})
    assert quarantined == [], [e["reason"] for e in quarantined]
    assert sorted(r.title for r in records) == sorted(CZ_TITLES)
    assert left == []


def test_a_symlink_named_by_a_catalogue_in_the_drop_folder_is_left_and_its_line_said(tmp_path):
    """A catalogue naming two pages, one of them a symlink (to /etc/passwd): the symlink is left where it is, never read;
    its line is one entry naming it; the other page goes in titled."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    names = list(CZ_PAGES)[:2]
    engine = engine_at(tmp_path / "data")
    try:
        folder = deliver_old(inbox_dir(engine) / AGENCY, {names[0]: CZ_PAGES[names[0]],
                                                         "index.jsonl": jsonl([{"file": n, "title": t} for n, t in zip(names, CZ_TITLES)])})
        (folder / names[1]).symlink_to("/etc/passwd")
        process_inbox(engine, now=time.time() + 7200)
        records = list(engine.export())
        assert [r.title for r in records] == [CZ_TITLES[0]]
        [entry] = engine.store.quarantine_list(None, limit=10)
        assert names[1] in entry["reason"], entry["reason"]
        assert (folder / names[1]).is_symlink()
    finally:
        engine.close()


def test_gongkai_ingest_of_one_file_beside_its_catalogue(tmp_path):
    """`gongkai ingest 交付/t20310305_8820.html` (one file of a delivered folder): it takes its line of the manifest.csv
    beside it; the manifest's other lines are no input of this run."""
    given = deliver_old(tmp_path / "交付", {**CZ_PAGES, "manifest.csv": manifest_csv()})
    code, out = cli_ingest_json(tmp_path / "data", str(given / list(CZ_PAGES)[1]))
    assert code == 0, out
    engine = engine_at(tmp_path / "data")
    try:
        [record] = list(engine.export())
        assert record.title == CZ_TITLES[1]
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def test_a_missing_files_line_retried_once_the_file_is_there(tmp_path):
    """`gongkai ingest DIR` whose catalogue names a page not yet copied: its line is an entry. The clerk copies the page in
    and retries the entry: the page goes in titled by its line, the entry is no longer open."""
    names = list(CZ_PAGES)
    given = deliver_old(tmp_path / "given", {names[0]: CZ_PAGES[names[0]],
                                             "index.jsonl": jsonl([{"file": n, "title": t} for n, t in zip(names[:2], CZ_TITLES)])})
    cli_ingest_json(tmp_path / "data", str(given))
    deliver_old(given, {names[1]: CZ_PAGES[names[1]]})
    engine = engine_at(tmp_path / "data")
    try:
        [entry] = engine.store.quarantine_list("open", limit=10)
        engine.retry_quarantined(entry["id"])
        assert sorted(r.title for r in engine.export()) == sorted(CZ_TITLES[:2])
        assert engine.store.quarantine_list("open", limit=10) == []
    finally:
        engine.close()


@pytest.mark.slow
def test_a_sigkill_mid_catalogue_folder_then_a_rerun(tmp_path):
    """`kill -9` of `gongkai inbox process` while it parses the 21 work reports of a catalogue: the rerun stores each
    once, titled by its line; no entry; the catalogue archived once; nothing left in the inbox."""
    import signal
    import subprocess
    import sys

    data = tmp_path / "data"
    folder = deliver_old(data / "inbox" / AGENCY, corpus_folder(WORK_REPORTS))
    gongkai = Path(sys.executable).parent / "gongkai"
    child = subprocess.Popen([str(gongkai), "--data-dir", str(data), "inbox", "process"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 90
    while time.time() < deadline and child.poll() is None and not list(data.glob("inbox/.processing/*/*/index.jsonl")):
        time.sleep(0.02)
    time.sleep(0.5)
    if child.poll() is not None:
        pytest.skip("the run finished before it could be killed")
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    again = subprocess.run([str(gongkai), "--data-dir", str(data), "inbox", "process"], capture_output=True, text=True,
                           timeout=600, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    engine = engine_at(data)
    try:
        records = list(engine.export())
        assert sorted(r.title for r in records) == sorted(e["title"] for e in catalogue(WORK_REPORTS))
        assert engine.store.quarantine_list(None, limit=10) == []
        assert sum(1 for p in files_under(data / "inbox-archive") if p.name == "index.jsonl") == 1
        assert files_under(folder) == []
    finally:
        engine.close()


# ================================================================== round 3 (written before running, after round 2's fixes)


def test_the_corpus_laws_folder_whole_through_gongkai_ingest(tmp_path):
    """The 48 laws of lawrefbook_regulations with their index.jsonl (file, category, repo_path, chars: no field a record
    holds): 48 records titled by their own text, nothing quarantined, the catalogue no input of its own."""
    code, out = cli_ingest_json(tmp_path / "data", str(LAWS))
    lines = [json.loads(line) for line in out.splitlines() if line.startswith('{"input"')]
    assert code == 0, [line.get("error") for line in lines if line["status"] == "quarantined"][:3]
    assert len(lines) == 48 and not any(line["input"].endswith("index.jsonl") for line in lines)


@pytest.mark.parametrize("door", DOORS)
def test_a_unicode_text_catalogue_saved_by_excel_as_txt(door, tmp_path):
    """Excel's 另存为 "Unicode 文本(*.txt)": UTF-16 with its BOM, tab-separated, a header 文件名/标题/发布日期: the catalogue of
    the pages beside it."""
    rows = ["文件名\t标题\t发布日期", *(f"{name}\t{title}\t2031/3/{n}" for n, (name, title) in
                                       enumerate(zip(CZ_PAGES, CZ_TITLES), start=1))]
    text = ("\r\n".join(rows) + "\r\n").encode("utf-16")
    records, quarantined, left = deliver(door, tmp_path, {**CZ_PAGES, "目录.txt": text})
    assert quarantined == [], [e["reason"] for e in quarantined]
    got = by_title(records)
    assert sorted(got) == sorted(CZ_TITLES)
    assert got[CZ_TITLES[2]].publish_date == date(2031, 3, 3)
    assert left == []


def test_a_catalogue_naming_files_in_a_subfolder_the_windows_way(tmp_path):
    """`gongkai ingest 交付/` whose index names `附件\\t2031….html` (a backslash: written on Windows): each page in 附件/ takes
    its line."""
    given = tmp_path / "交付"
    deliver_old(given / "附件", CZ_PAGES)
    deliver_old(given, {"index.jsonl": jsonl([{"文件名": f"附件\\{name}", "标题": title} for name, title in zip(CZ_PAGES, CZ_TITLES)])})
    code, out = cli_ingest_json(tmp_path / "data", str(given))
    assert code == 0, out[-2000:]
    engine = engine_at(tmp_path / "data")
    try:
        assert sorted(r.title for r in engine.export()) == sorted(CZ_TITLES)
    finally:
        engine.close()


def test_a_catalogue_whose_file_is_still_uploading_waits_with_it(tmp_path):
    """index.jsonl and two pages arrived, the third still `NAME.part` (the upload going on): nothing is taken; once it is
    renamed, all three go in with their lines, nothing quarantined."""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    names = list(CZ_PAGES)
    engine = engine_at(tmp_path / "data")
    try:
        folder = inbox_dir(engine) / AGENCY
        deliver_old(folder, {names[0]: CZ_PAGES[names[0]], names[1]: CZ_PAGES[names[1]],
                             "index.jsonl": jsonl([{"file": n, "title": t} for n, t in zip(names, CZ_TITLES)])}, age_seconds=120)
        deliver_old(folder, {names[2] + ".part": CZ_PAGES[names[2]][:40]}, age_seconds=10)
        process_inbox(engine, now=time.time())
        assert list(engine.export()) == []
        (folder / (names[2] + ".part")).unlink()
        deliver_old(folder, {names[2]: CZ_PAGES[names[2]]}, age_seconds=30)
        process_inbox(engine, now=time.time())
        assert sorted(r.title for r in engine.export()) == sorted(CZ_TITLES)
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


@pytest.mark.parametrize("door", DOORS)
def test_an_rss_item_with_a_title_alone_is_a_record(door, tmp_path):
    """An RSS item of a title and a date only (a 公示 list whose text is a linked PDF the file does not hold): stored with its
    title and day; the item beside it with a description too."""
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>湖里区</title><link>http://www.huli.gov.cn/</link>'
        "<item><title>湖里区2031年第一批拟退役士兵安置名单公示</title><pubDate>Tue, 04 Mar 2031 10:00:00 +0800</pubDate></item>"
        "<item><title>湖里区关于开展2031年度城镇老旧小区改造的通知</title><description>各街道：现将有关事项通知如下。</description>"
        "<pubDate>Wed, 05 Mar 2031 10:00:00 +0800</pubDate></item></channel></rss>"
    ).encode()
    records, quarantined, left = deliver(door, tmp_path, {"huli.rss": rss}, agency="湖里区人民政府")
    assert quarantined == [], [e["reason"] for e in quarantined]
    got = by_title(records)
    assert got["湖里区2031年第一批拟退役士兵安置名单公示"].publish_date == date(2031, 3, 4)
    assert len(got) == 2 and left == []


def test_a_drop_folder_catalogues_missing_line_retried_keeps_its_one_entry(tmp_path):
    """A drop-folder catalogue's line naming a file never delivered, retried: it fails the same way (one entry, its reason
    the catalogue's, not `file: Extra inputs are not permitted` of the line read as a record). (Added after round 3: the
    README's gap said so before it was checked.)"""
    from gongkai.feeds.inbox import inbox_dir, process_inbox

    name = next(iter(CZ_PAGES))
    engine = engine_at(tmp_path / "data")
    try:
        deliver_old(inbox_dir(engine) / AGENCY, {name: CZ_PAGES[name], "index.jsonl": jsonl(
            [{"file": name, "title": CZ_TITLES[0]}, {"file": "未送达.html", "title": CZ_TITLES[1]}])})
        process_inbox(engine, now=time.time() + 7200)
        [entry] = engine.store.quarantine_list(None, limit=10)
        engine.retry_quarantined(entry["id"])
        after = engine.store.quarantine_list(None, limit=10)
        assert len(after) == 1 and "未送达.html" in after[0]["reason"] and "Extra inputs" not in after[0]["reason"], after
    finally:
        engine.close()
