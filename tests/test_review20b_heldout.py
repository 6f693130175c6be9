"""review20b (session 20): bugs found reading this session's diffs, each written as a test before its fix.

1. `gongkai ingest 下载/index.jsonl`, the catalogue named alone (the files it names lie beside it on disk, as the download
   tool left them): every line was quarantined `the catalogue index.jsonl names a.txt, which is not beside it: deliver the
   file with the catalogue again` (untrue: it is beside it), and no file was read. gongkai/catalogued.py took "beside it"
   to mean "among the files of this run" only. A catalogue named on the command line serves the files it names that are
   there, read with their lines (as a retry of one of its lines already did: gongkai.inputs._catalogue_line).
2. A day of the month printed with no month (检修时间：30日7:00至30日18:30) is read as the nearest such day on or after the
   notice's day (parsers/notices/timewindows._on_or_after, outages14): in a notice of 1月31日 the next month was taken
   whether it has that day or not (2月30日): the window lost its date (start None), so no lookup by day found the notice.
   The nearest 30th on or after 1月31日 is 3月30日 (February has none); a 29th in a leap year is February's.
3. A feed file's item dated with a year no calendar holds (`<pubDate>Mon, 01 Jan 1704067200000 08:00:00 +0800</pubDate>`,
   a CMS printing a millisecond timestamp into the year) raised OverflowError from email.utils (gongkai/feed_files.py caught
   TypeError and ValueError only): the whole feed file was quarantined `cannot read the file to its end: OverflowError`, its
   other items not read. An item's unreadable date is no date (as any other unreadable date there), the item kept.
4. A JSON Feed file is known by its `"version": "https://jsonfeed.org/version/…"` in its first 1,024 bytes (gongkai/
   feed_files.is_feed). The spec asks for version first "though we recognize that not all JSON generators allow for
   ordering": one written with its keys sorted (Python's json.dumps(sort_keys=True): feed_url, home_page_url, items,
   title, version) has it last, after the items: the file was read as one record and refused whole (`version: Input
   should be a valid integer; home_page_url: Extra inputs are not permitted; items: …`), none of its items in.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from tests.support import cli_ingest_json, engine_at

NOTICE_A = """各区人民政府，市直各委、办、局：
为做好2031年春节期间安全生产工作，现将有关事项通知如下。
一、加强重点场所安全检查。
二、落实值班值守制度。
厦门市人民政府办公厅
2031年1月20日
"""
NOTICE_B = """思明区各街道办事处：
为做好辖区燃气安全隐患排查整治，现将有关事项通知如下。
一、全面排查餐饮场所燃气使用情况。
思明区人民政府办公室
2031年2月3日
"""


def _catalogue_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "春节安全.txt").write_text(NOTICE_A, encoding="utf-8")
    (folder / "燃气排查.txt").write_text(NOTICE_B, encoding="gb18030")
    lines = [
        {
            "file": "春节安全.txt",
            "title": "厦门市人民政府办公厅关于做好2031年春节期间安全生产工作的通知",
            "publish_date": "2031-01-20",
            "source_url": "https://www.xm.gov.cn/zwgk/2031/t20310120_1.html",
        },
        {
            "file": "燃气排查.txt",
            "title": "思明区人民政府办公室关于开展燃气安全隐患排查整治的通知",
            "publish_date": "2031年2月3日",
            "source_url": "https://www.siming.gov.cn/xxgk/2031/t20310203_2.html",
        },
    ]
    catalogue = folder / "index.jsonl"
    catalogue.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return catalogue


def test_a_catalogue_named_alone_reads_the_files_beside_it(tmp_path):
    catalogue = _catalogue_folder(tmp_path / "下载")
    code, out = cli_ingest_json(tmp_path / "data", str(catalogue))
    assert code == 0, out
    engine = engine_at(tmp_path / "data")
    try:
        records = {record.title: record for record in engine.export()}
        assert set(records) == {
            "厦门市人民政府办公厅关于做好2031年春节期间安全生产工作的通知",
            "思明区人民政府办公室关于开展燃气安全隐患排查整治的通知",
        }, out
        assert records["思明区人民政府办公室关于开展燃气安全隐患排查整治的通知"].publish_date == date(2031, 2, 3)
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def test_a_catalogue_named_alone_still_refuses_what_is_not_there(tmp_path):
    """Its line naming a file that is not beside it is still an entry (nothing made up, nothing lost); the other is read."""
    catalogue = _catalogue_folder(tmp_path / "下载")
    (catalogue.parent / "燃气排查.txt").unlink()
    _, out = cli_ingest_json(tmp_path / "data", str(catalogue))
    engine = engine_at(tmp_path / "data")
    try:
        assert [record.title for record in engine.export()] == [
            "厦门市人民政府办公厅关于做好2031年春节期间安全生产工作的通知"
        ], out
        [entry] = engine.store.quarantine_list(None, limit=10)
        assert "燃气排查.txt" in entry["reason"] and "not beside it" in entry["reason"], entry["reason"]
    finally:
        engine.close()


def _windows(text: str, reference: date) -> list[tuple[datetime | None, datetime | None]]:
    from gongkai.parsers.notices.timewindows import find_windows

    return [(window.start, window.end) for window in find_windows(text, reference)]


def test_a_bare_day_after_the_notice_skips_a_month_without_it():
    text = "因电力设施检修，检修时间：30日7:00至30日18:30，湖里区江头街道部分区域停电。"
    assert _windows(text, date(2027, 1, 31)) == [(datetime(2027, 3, 30, 7, 0), datetime(2027, 3, 30, 18, 30))]
    # the same text in other months, as outages14 reads it (unchanged)
    assert _windows(text, date(2027, 3, 31)) == [(datetime(2027, 4, 30, 7, 0), datetime(2027, 4, 30, 18, 30))]
    assert _windows(text, date(2027, 1, 20)) == [(datetime(2027, 1, 30, 7, 0), datetime(2027, 1, 30, 18, 30))]


def test_a_bare_29th_after_a_notice_of_january_31():
    text = "停电时间：29日8时至18时，集美区杏林街道杏林村。"
    assert _windows(text, date(2028, 1, 31)) == [
        (datetime(2028, 2, 29, 8, 0), datetime(2028, 2, 29, 18, 0))
    ]  # leap year
    assert _windows(text, date(2027, 1, 31)) == [(datetime(2027, 3, 29, 8, 0), datetime(2027, 3, 29, 18, 0))]


def test_a_bare_31st_after_a_notice_of_the_31st_before_a_short_month():
    text = "计划于31日8:30-17:30对同安区大同街道部分线路停电检修。"
    assert _windows(text, date(2027, 3, 31)) == [
        (datetime(2027, 3, 31, 8, 30), datetime(2027, 3, 31, 17, 30))
    ]  # that day
    assert _windows(text, date(2027, 4, 30)) == [(datetime(2027, 5, 31, 8, 30), datetime(2027, 5, 31, 17, 30))]


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>厦门市水利局</title><link>https://sl.xm.gov.cn/</link>
<item><title>关于同安区部分区域临时停水的通知</title><link>/xxgk/tzgg/202401/t20240101_1.htm</link>
<pubDate>Mon, 01 Jan 1704067200000 08:00:00 +0800</pubDate>
<description>因管道抢修，同安区大同街道部分区域临时停水。</description></item>
<item><title>关于翔安区部分区域计划停水的通知</title><link>/xxgk/tzgg/202401/t20240102_2.htm</link>
<pubDate>Tue, 02 Jan 2024 09:00:00 +0800</pubDate>
<description>因管网改造，翔安区新店镇部分区域计划停水。</description></item>
</channel></rss>
"""


def test_a_feed_item_with_an_impossible_year_is_kept_and_the_feed_read(tmp_path):
    given = tmp_path / "rss.xml"
    given.write_text(FEED, encoding="utf-8")
    _, out = cli_ingest_json(tmp_path / "data", str(given))
    engine = engine_at(tmp_path / "data")
    try:
        records = {record.title: record for record in engine.export()}
        quarantined = engine.store.quarantine_list(None, limit=10)
        assert not any("OverflowError" in entry["reason"] for entry in quarantined), quarantined
        assert records["关于翔安区部分区域计划停水的通知"].publish_date == date(2024, 1, 2), out
        assert "关于同安区部分区域临时停水的通知" in records, out
        assert quarantined == []
    finally:
        engine.close()


def test_a_polled_feed_with_an_impossible_year_reads_its_other_items(settings):
    """The poller's twin of the feed file's day (feeds/poll._local_day): the feed failed at every poll, `OverflowError`,
    none of its items read, until the item left the feed."""
    from gongkai.engine import Engine
    from gongkai.feeds.poll import FeedPoller
    from gongkai.settings import AgencyFeed
    from tests.test_feed_poll import Site

    site = Site()
    page = "<html><head><meta charset='utf-8'><title>{0}</title></head><body><div id='zoom'><h1>{0}</h1><p>{1}</p></div></body></html>"
    site.routes["/rss.xml"] = (
        200,
        "application/rss+xml",
        FEED.replace("/xxgk/", f"{site.base}/xxgk/").encode("utf-8"),
        None,
    )
    site.routes["/xxgk/tzgg/202401/t20240101_1.htm"] = (
        200,
        "text/html",
        page.format("关于同安区部分区域临时停水的通知", "因管道抢修，同安区大同街道部分区域临时停水。").encode("utf-8"),
        None,
    )
    site.routes["/xxgk/tzgg/202401/t20240102_2.htm"] = (
        200,
        "text/html",
        page.format("关于翔安区部分区域计划停水的通知", "因管网改造，翔安区新店镇部分区域计划停水。").encode("utf-8"),
        None,
    )
    engine = Engine(settings)
    try:
        with FeedPoller(engine) as poller:
            report = poller.poll(AgencyFeed(name="厦门市水利局", url=f"{site.base}/rss.xml"))
        assert report.counts["new"] == 2 and not report.errors, report.as_dict()
        titles = {record.title for record in engine.store.iter_records()}
        assert titles == {"关于同安区部分区域临时停水的通知", "关于翔安区部分区域计划停水的通知"}
    finally:
        engine.close()
        site.close()


def test_a_json_feed_written_with_its_keys_sorted_is_a_feed(tmp_path):
    items = [
        {
            "id": f"https://www.xm.gov.cn/zwgk/tzgg/202401/t2024010{n}_{n}.htm",
            "url": f"https://www.xm.gov.cn/zwgk/tzgg/202401/t2024010{n}_{n}.htm",
            "title": title,
            "content_html": "<p>各区人民政府，市直各委、办、局：</p>"
            + "<p>现将有关事项通知如下，请认真贯彻执行。</p>" * 8,
            "date_published": f"2024-01-0{n}T09:30:00+08:00",
        }
        for n, title in enumerate(
            ["厦门市人民政府关于调整部分行政审批事项的通知", "厦门市人民政府关于做好冬季森林防火工作的通知"], start=1
        )
    ]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "厦门市人民政府 通知公告",
        "home_page_url": "https://www.xm.gov.cn/",
        "feed_url": "https://www.xm.gov.cn/feed.json",
        "items": items,
    }
    given = tmp_path / "feed.json"
    given.write_text(json.dumps(feed, ensure_ascii=False, sort_keys=True, indent=2), encoding="utf-8")
    _, out = cli_ingest_json(tmp_path / "data", str(given))
    engine = engine_at(tmp_path / "data")
    try:
        records = {record.title: record for record in engine.export()}
        assert set(records) == {item["title"] for item in items}, out
        assert records["厦门市人民政府关于做好冬季森林防火工作的通知"].publish_date == date(2024, 1, 2)
        assert engine.store.quarantine_list(None, limit=10) == []
    finally:
        engine.close()


def test_a_catalogue_named_alone_naming_a_folder_reads_no_folder(tmp_path):
    """A line naming a folder beside it (a download tool's 附件.files of a page's attachments) names no file: that line is an
    entry of the catalogue's, not the folder read as an input (`a folder that could not be listed`, untrue)."""
    catalogue = _catalogue_folder(tmp_path / "下载")
    (catalogue.parent / "附件.files").mkdir()
    with catalogue.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"file": "附件.files", "title": "附件"}, ensure_ascii=False) + "\n")
    _, out = cli_ingest_json(tmp_path / "data", str(catalogue))
    engine = engine_at(tmp_path / "data")
    try:
        assert len(list(engine.export())) == 2, out
        [entry] = engine.store.quarantine_list(None, limit=10)
        assert entry["input_ref"].endswith("index.jsonl:3") and "附件.files" in entry["reason"], entry
    finally:
        engine.close()
