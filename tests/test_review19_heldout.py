"""review19 (session 19): the product as a new user and a reviewer found it, written before the fixes.

1. Markdown's HTML comments (`<!-- INFO END -->` under every lawrefbook law's history) are no text of the document: they
   were stored in the body and shown in the snippets of 殡葬管理 or 国令第717号.
2. A saved page's column name printed again under the breadcrumb that ends in it (云南要闻 / 云南要闻), and a photo's
   caption line above the title (…记者 李森 摄), were taken as the title or stopped its search: the corpus's 云南 report was
   titled 云南要闻2026年政府工作报告, the 贵州 one by its file name, 2026_贵州省_政府工作报告.
3. GBK read from UTF-8 (web/query_charset, session 19): a query of ASCII and a Latin-1 symbol typed with it (3·15, 37°C,
   100m², 5±2), which every browser sends in UTF-8, was read as GBK hanzi: 3·15 searched 3路15, 37°C 37掳C.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from gongkai.parsers import Capture, parse
from gongkai.settings import load_settings
from gongkai.web.query_charset import repaired_query

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HERE = Path(__file__).resolve().parent / "fixtures" / "heldout19" / "review"


def _parse(path: Path):  # type: ignore[no-untyped-def]
    return parse(Capture.from_path(path), load_settings().parsers)


# 1. Markdown comments ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["人类遗传资源管理条例(2019-05-28).md", "殡葬管理条例(2012-11-09).md",
                                  "上海市鼓励引进技术的吸收与创新规定.md", "北京市图书馆条例.md"])
def test_a_markdown_laws_comment_is_no_text_of_it(name: str) -> None:
    record = _parse(CORPUS / "lawrefbook_regulations" / name)
    assert "<!--" not in record.body and "INFO END" not in record.body
    assert "第一条" in record.body


def test_comments_of_several_lines_go_and_the_history_is_still_read() -> None:
    record = _parse(HERE / "law_with_comments.md")
    assert record.title == "厦门市公共场所控制吸烟条例"
    for gone in ("<!--", "-->", "来源：厦门市人大常委会网站", "校对：张三", "INFO END"):
        assert gone not in record.body
    assert record.issuer == "厦门市人民代表大会常务委员会"
    assert "第二条 本市行政区域内公共场所的控制吸烟工作" in record.body


# 2. Titles under a page's chrome -------------------------------------------------------------------------------------

def test_the_yunnan_reports_column_is_no_part_of_its_title() -> None:
    record = _parse(CORPUS / "provincial_gov_work_reports_2026" / "2026_云南省_政府工作报告.txt")
    assert record.title == "2026年政府工作报告"


def test_the_guizhou_reports_photo_caption_does_not_hide_its_title() -> None:
    record = _parse(CORPUS / "provincial_gov_work_reports_2026" / "2026_贵州省_政府工作报告.txt")
    assert record.title == "政府工作报告"
    assert "李森 摄" not in record.body


def test_a_column_name_repeated_under_its_breadcrumb() -> None:
    record = _parse(HERE / "column_repeated_under_breadcrumb.txt")
    assert record.title == "厦门市思明区人民政府关于2026年春节期间烟花爆竹燃放管理的通告"


def test_a_photo_caption_above_a_reports_title() -> None:
    record = _parse(HERE / "photo_caption_above_title.txt")
    assert record.title == "厦门市人民政府工作报告"
    assert "王火炎 摄" not in record.body
    assert str(record.written_date) == "2026-01-15"


# 3. UTF-8 queries with a Latin-1 symbol ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["3·15", "5·12", "37°C", "100m²", "5±2", "25°", "10µg"])
def test_a_utf8_query_with_a_symbol_typed_beside_ascii_stays_utf8(typed: str) -> None:
    query = b"q=" + quote(typed, safe="").encode("ascii") + b"&page=1"
    repaired = repaired_query(query)
    assert repaired is not None
    assert unquote(repaired.decode("ascii").split("&")[0][2:]) == typed


@pytest.mark.parametrize(("gbk", "meant"), [("停水", "停水"), ("路", "路"), ("鲁A", "鲁A"), ("湖滨南路3号", "湖滨南路3号")])
def test_gbk_links_are_still_read_as_gbk(gbk: str, meant: str) -> None:
    query = b"q=" + quote(gbk.encode("gbk"), safe="").encode("ascii")
    repaired = repaired_query(query)
    assert repaired is not None
    assert unquote(repaired.decode("ascii")[2:]) == meant


# 4. A JSON Feed whose ids are numbers --------------------------------------------------------------------------------
# jsonfeed.org 1.1: "If an id is presented as a number or other type, a JSON Feed reader must coerce it to a string."
# Feeds made by CMS plugins print the row's number ("id": 20260512). Read as no id, an item without a url was known by
# its title alone: a water company's daily 停水通知, same title each day, would be one item.

from gongkai.settings import AgencyFeed  # noqa: E402
from tests.test_feed_poll import Site, engine, poll, site  # noqa: E402,F401 - the served feed's fixtures, shared


def _feed(base: str, items: list[dict[str, object]]) -> bytes:
    import json

    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "福州市自来水有限公司 停水通知",
                       "home_page_url": base, "items": items}, ensure_ascii=False).encode("utf-8")


def test_a_json_feeds_numeric_ids_keep_items_of_one_title_apart(engine, site) -> None:  # noqa: F811
    items: list[dict[str, object]] = [
        {"id": 20250311, "title": "停水通知", "date_published": "2025-03-11T09:00:00+08:00",
         "content_text": "因管网改造，2025年3月12日22:00至次日6:00，鼓楼区五一北路沿线停水。\n请用户提前储水。"},
        {"id": 20250318, "title": "停水通知", "date_published": "2025-03-18T09:00:00+08:00",
         "content_text": "因阀门检修，2025年3月19日9:00至17:00，台江区工业路（宝龙段）停水。\n请用户提前储水。"},
    ]
    site.routes["/water.json"] = (200, "application/feed+json", _feed(site.base, items), '"w1"')
    feed = AgencyFeed(name="福州水务", url=f"{site.base}/water.json", notices=False)
    first = poll(engine, feed)
    bodies = " ".join(record.body for record in engine.export())
    assert "五一北路" in bodies and "工业路" in bodies, first.as_dict()
    # a second notice of the same title on the same day (the morning's and the afternoon's): kept apart by its id alone
    items.append({"id": 20250325, "title": "停水通知", "date_published": "2025-03-18T09:00:00+08:00",
                  "content_text": "因供水设施抢修，2025年3月19日8:00至14:00，晋安区福新东路停水。"})
    site.routes["/water.json"] = (200, "application/feed+json", _feed(site.base, items), '"w2"')
    poll(engine, feed)
    assert "福新东路" in " ".join(record.body for record in engine.export())


# 5. A news app's title image -----------------------------------------------------------------------------------------
# 福建日报's app page prints its title image's alt text, 标题图, on the line above the headline: the corpus's 厦门交警 notice
# (web_page_excerpts/public_notices.jsonl, web-notice-006) was stored titled 标题图.


def test_a_title_images_alt_text_is_no_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from gongkai.engine import Engine

    line = next(raw for raw in (CORPUS / "web_page_excerpts" / "public_notices.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(raw)["id"] == "web-notice-006")
    path = tmp_path / "fjdaily.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    store = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        store.ingest_paths([path])
        (record,) = list(store.export())
        assert record.title == "下月起,厦门两路段将采取交通限行措施"
        assert not record.body.startswith("标题图")
    finally:
        store.close()


# 6. The other reports a 人民代表大会 hears ---------------------------------------------------------------------------
# parsers/delivered_report.py reads the body a speaker represents from 我代表…政府 only: the court's, the procuratorate's,
# the standing committee's and the budget report (受…委托) delivered at the same meeting were of no issuer.

_MEETING = "——2026年1月28日在福建省第十四届人民代表大会第四次会议上\n"
REPORTS = [
    ("福建省高级人民法院工作报告\n" + _MEETING + "福建省高级人民法院院长 李四\n各位代表：\n现在，我代表福建省高级人民法院向大会报告工作，请予审议，并请省政协委员提出意见。\n",
     "福建省高级人民法院"),
    ("福建省人民检察院工作报告\n" + _MEETING + "福建省人民检察院检察长 周八\n各位代表：\n现在，我代表省人民检察院，向大会报告工作，请予审议。\n",
     "福建省人民检察院"),
    ("福建省人民代表大会常务委员会工作报告\n" + _MEETING + "福建省人民代表大会常务委员会副主任 王五\n各位代表：\n"
     "我受省人民代表大会常务委员会委托，向大会报告工作，请予审议。\n", "福建省人民代表大会常务委员会"),
    ("关于福建省2025年预算执行情况和2026年预算草案的报告\n" + _MEETING + "福建省财政厅厅长 赵六\n各位代表：\n"
     "受省人民政府委托，现将福建省2025年预算执行情况和2026年预算草案提请省十四届人大四次会议审议，并请省政协委员提出意见。\n",
     "福建省人民政府"),
    ("厦门市中级人民法院工作报告\n——2026年1月16日在厦门市第十六届人民代表大会第六次会议上\n厦门市中级人民法院院长 吴九\n各位代表：\n"
     "我代表厦门市中级人民法院，向大会报告工作，请予审议。\n", "厦门市中级人民法院"),
]


@pytest.mark.parametrize(("text", "issuer"), REPORTS, ids=[issuer + str(n) for n, (_, issuer) in enumerate(REPORTS)])
def test_a_report_to_the_congress_is_issued_by_the_body_its_speaker_represents(text: str, issuer: str) -> None:
    capture = Capture(data=text.encode("utf-8"), url="", content_type="text/plain", filename="报告.txt", source="file")
    record = parse(capture, load_settings().parsers)
    assert record.issuer == issuer
    assert record.written_date is not None and record.written_date.day in (16, 28)


# 7. A decree's number typed as people say it -------------------------------------------------------------------------
# A law's history stores the number gov.cn prints, 国令第717号 (parsers/law_history.py); the law itself prints
# 中华人民共和国国务院令第717号, and people type 国务院令第717号: `gongkai lookup` and /api/lookup said no record had it.


@pytest.mark.parametrize(("typed", "canonical"), [
    ("国务院令第717号", "国令第717号"), ("中华人民共和国国务院令第717号", "国令第717号"), ("国务院令 第717号", "国令第717号"),
    ("国务院令第七一七号", "国令第717号"), ("国务院第717号令", "国令第717号"), ("中华人民共和国海关总署令第65号", "海关总署令第65号"),
    ("国家市场监督管理总局令第47号", "国家市场监督管理总局令第47号"), ("国令第717号", "国令第717号"), ("厦府〔2014〕12号", "厦府〔2014〕12号"),
])
def test_a_decree_number_is_typed_as_people_say_it(typed: str, canonical: str) -> None:
    # typed_decree_number, not typed_doc_number: the lookup asks both forms (a record may print 主席令第四十五号 in numerals)
    from gongkai.identifiers import typed_decree_number

    assert typed_decree_number(typed) == (canonical if "令" in typed else None)


def test_the_lookup_finds_a_law_by_its_decree_as_printed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gongkai.engine import Engine

    store = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        store.ingest_paths([CORPUS / "lawrefbook_regulations" / "人类遗传资源管理条例(2019-05-28).md"])
        for typed in ("国务院令第717号", "中华人民共和国国务院令第717号", "国令第717号"):
            assert [record.title for record in store.lookup(doc_number=typed)] == ["中华人民共和国人类遗传资源管理条例"], typed
    finally:
        store.close()
