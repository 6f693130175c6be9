"""A notice keeps its id when its column is fetched again, corrected, or gains a notice (a new version, not a
new record); the id rule is in gongkai.parsers.notices.identity."""

from __future__ import annotations

from datetime import date

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.ingest import ItemResult
from gongkai.notice_identity import ColumnIdentity
from gongkai.parsers import Capture, parse_notices

URL = "https://epaper.xmnn.cn/xmrb/html/2024-05/06/content_102.htm"

POWER = ["停电通知",
         "因线路检修，国网厦门供电公司定于2024年5月8日06:30—15:30对思明区莲前西路（莲花五村至莲秀里段）停电。",
         "国网厦门供电公司 2024年5月6日"]
WATER = ["停水通知",
         "因管网改造，厦门水务集团定于2024年5月10日22:00至11日6:00对湖里区吕厝路停止供水。",
         "厦门水务集团有限公司", "2024年5月6日"]
CANCEL_A = ["注销公告", "厦门蓝海湾文化传媒有限公司经股东会决议，拟申请注销登记，请债权人自本公告刊登之日起四十五日内申报债权。"]
CANCEL_B = ["注销公告", "厦门恒信达机电设备有限公司经股东会决议，拟申请注销登记，请债权人自本公告刊登之日起四十五日内申报债权。"]
LOST = ["遗失声明", "陈丽华遗失厦门市不动产权证书一本，声明作废。", "林志强遗失身份证，声明作废。"]


def column(*notices: list[str]) -> bytes:
    return "\n".join(["便民公告", *(line for notice in notices for line in notice)]).encode("utf-8")


def ids(data: bytes, url: str = URL, **capture: object) -> dict[str, str]:
    """{title + issuer: id} of the column's notices."""
    records = parse_notices(Capture(data=data, url=url, **capture))
    return {f"{r.title}|{r.issuer}": r.id for r in records}


def test_same_column_fetched_again_gives_the_same_ids():
    first = ids(column(POWER, WATER, CANCEL_A, LOST))
    assert len(first) == 5  # the 遗失声明 heading is no notice; its two lines are
    # Fetched again over https, with a fragment, at another time: the same notices.
    assert ids(column(POWER, WATER, CANCEL_A, LOST), URL.replace("https", "http") + "#top") == first


def test_a_corrected_text_keeps_the_id():
    first = ids(column(POWER, WATER))
    corrected = [POWER[0], POWER[1].replace("06:30—15:30", "07:00—16:00").replace("莲前西路", "莲前西路、莲前东路"), POWER[2]]
    assert ids(column(corrected, WATER)) == first


def test_an_inserted_notice_shifts_no_other_id():
    first = ids(column(POWER, CANCEL_A, LOST))
    inserted = ids(column(CANCEL_B, WATER, POWER, CANCEL_A, ["遗失声明", "王芳遗失居住证，声明作废。"], LOST))
    assert all(inserted[key] == value for key, value in first.items())
    assert len(inserted) == len(first) + 3


def test_same_title_different_signers_and_repeated_notices_get_their_own_ids():
    found = parse_notices(Capture(data=column(CANCEL_A, CANCEL_B, POWER, POWER), url=URL))
    assert [r.title for r in found] == ["注销公告", "注销公告", "停电通知", "停电通知"]
    assert len({r.id for r in found}) == 4  # the second identical 停电通知 is #2, not a clash


def test_the_column_and_its_stated_issue_date_are_part_of_the_id():
    same = column(POWER)
    assert ids(same) != ids(same, URL.replace("06/content_102", "07/content_102"))
    # A column without a date in its URL: the sidecar's issue date tells two days' columns apart, not the fetch time.
    fixed = "https://www.example.com/notices/latest.htm"
    monday = ids(same, fixed, sidecar={"publish_date": "2024-05-06"})
    assert monday == ids(same, fixed, sidecar={"publish_date": "2024-05-06"})
    assert monday != ids(same, fixed, sidecar={"publish_date": "2024-05-13"})


def test_identity_ignores_spacing_width_and_script():
    one, two = ColumnIdentity(URL, date(2024, 5, 6)), ColumnIdentity(URL, date(2024, 5, 6))
    assert one.notice_id("停电通知", "国网厦门供电公司", date(2024, 5, 6)) == two.notice_id("停電 通知", "国网厦门供电公司", date(2024, 5, 6))
    # Within one column, the same title, signer and date again is the next occurrence: another id.
    assert one.notice_id("停电通知", "国网厦门供电公司", None) != one.notice_id("停电通知", "国网厦门供电公司", None)


def test_re_ingesting_a_corrected_column_makes_versions_not_duplicates(settings):
    engine = Engine(settings)
    try:
        def ingest(data: bytes) -> list[ItemResult]:
            results: list[ItemResult] = []
            engine.ingest_captures([Capture(data=data, url=URL, source="site:xmrb", sidecar={"publish_date": "2024-05-06"})],
                                   notices=True, on_item=results.append, parallel=False)
            return results

        first = ingest(column(POWER, CANCEL_A, LOST))
        assert [r.status for r in first] == ["new"] * 4
        again = ingest(column(POWER, CANCEL_A, LOST))
        assert [r.status for r in again] == ["unchanged"] * 4
        corrected_power = [POWER[0], POWER[1].replace("06:30—15:30", "07:00—16:00"), POWER[2]]
        corrected = ingest(column(CANCEL_B, corrected_power, CANCEL_A, LOST))
        by_id = {r.id: r.status for r in corrected}
        power_id = first[0].id
        assert by_id[power_id] == "updated"
        assert [by_id[r.id] for r in first[1:]] == ["unchanged"] * 3
        assert sorted(by_id.values()) == ["new", "unchanged", "unchanged", "unchanged", "updated"]
        assert [v.version for v in engine.versions(power_id)] == [1, 2]
        assert "07:00—16:00" in engine.get(power_id).body
        hits = engine.search(SearchRequest(q="莲前西路", kind="notice")).hits
        assert [h.id for h in hits] == [power_id]  # one record, not one per fetch
    finally:
        engine.close()


def test_reparse_withdraws_what_a_column_no_longer_gives(settings):
    """Records stored by an older parser from a column (ids from position and text, a record of the page's
    上一篇 bar) are superseded when the column is parsed again: withdrawn once the new records are stored."""
    from pathlib import Path

    from gongkai.ingest import IngestItem
    from gongkai.record import Record

    page = Path(__file__).resolve().parent / "fixtures" / "sites" / "xmrb" / "pages" / "xmrb" / "html" / "2024-05" / "06" / "content_102.htm"
    url = "http://127.0.0.1:8804/xmrb/html/2024-05/06/content_102.htm"
    engine = Engine(settings)
    try:
        sha = engine.store.put_capture(page.read_bytes(), url=url, content_type="text/html; charset=utf-8", source="site:xmrb",
                                       meta={"filename": page.name, "sidecar": {"publish_date": "2024-05-06"}, "notice_column": True})
        old = [Record(id="0ld0notice0by0place1", kind="notice", title="停电通知", body="因线路检修……\n国网厦门供电公司 2024年5月6日\n返回版面",
                      url=url, source="site:xmrb"),
               Record(id="0ld0notice0by0place2", kind="notice", title="上一篇：遗失声明", body="上一篇：遗失声明", url=url, source="site:xmrb")]
        engine.ingest_items([IngestItem(f"{url}#{n}", record=r, source=r.source, capture_sha256=sha) for n, r in enumerate(old)])
        assert engine.search(SearchRequest(q="返回版面")).total == 1

        report, skipped = engine.reparse()
        assert skipped == [] and report.as_dict()["new"] == 1
        assert all(engine.get(r.id).withdrawn for r in old)
        [current] = [r for r in engine.export(include_withdrawn=False)]
        assert (current.title, current.issuer, "返回版面" in current.body) == ("停电通知", "国网厦门供电公司", False)
        assert engine.search(SearchRequest(q="返回版面")).total == 0 and engine.search(SearchRequest(q="上一篇")).total == 0
        again, _ = engine.reparse()
        assert again.as_dict()["unchanged"] == 1 and not engine.get(current.id).withdrawn
    finally:
        engine.close()


def test_notices_without_an_id_get_the_notice_rule_not_the_bare_url():
    """Two notices of one column pushed or loaded without ids are two records, and a crawled notice exported and
    loaded again without its id gets the id the parser gave it."""
    from gongkai.record import Record

    found = parse_notices(Capture(data=column(POWER, CANCEL_A), url=URL, sidecar={"publish_date": "2024-05-06"}))
    again = [Record(**r.model_dump(mode="json", exclude={"id", "content_hash", "first_seen", "last_seen", "version", "withdrawn"}))
             for r in found]
    assert [r.id for r in again] == [r.id for r in found]
    lost = [Record(kind="notice", title=f"{name}遗失声明", issuer=name, body=f"{name}遗失身份证，声明作废。", url=URL)
            for name in ("陈丽华", "林志强")]
    assert lost[0].id != lost[1].id
    disclosure = [Record(kind="disclosure", title=t, url=URL) for t in ("通知一", "通知二")]
    assert disclosure[0].id == disclosure[1].id  # a document is its URL: the second is a new version
