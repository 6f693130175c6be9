"""Newspaper notice columns: split, classified and structured — real notices and 厦门日报-style columns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.parsers import Capture, EmptyDocument, parse_notices
from gongkai.parsers.notices.classify import classify
from gongkai.parsers.notices.extract import credit_codes, valid_credit_code
from gongkai.parsers.notices.fields import NOTICE_MODELS
from gongkai.parsers.notices.timewindows import find_windows
from gongkai.record import NOTICE_TYPES
from gongkai.settings import ParserSettings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parsers"
XMRB_URL = "https://epaper.xmnn.cn/xmrb/20260312/A12.htm"


def corpus_notice(notice_id: str) -> dict:
    with (CORPUS / "web_page_excerpts" / "public_notices.jsonl").open(encoding="utf-8") as handle:
        return next(row for row in map(json.loads, handle) if row["id"] == notice_id)


def notices_of(notice_id: str):
    row = corpus_notice(notice_id)
    return parse_notices(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], source="web"))


def iso(window) -> tuple[str | None, str | None]:
    return (window.start.isoformat() if window.start else None, window.end.isoformat() if window.end else None)


def fields(record) -> dict:
    """The notice as its JSON form (what the store and the API carry)."""
    return record.notice.model_dump(mode="json")


def windows(record) -> list[tuple[str | None, str | None]]:
    return [iso(event) for event in record.notice.windows()]


def areas(record) -> list[str]:
    """Every place as printed, over all events (the old flat list)."""
    return record.notice.area_texts()


def places(event) -> list[str]:
    return [area.name for area in event.areas]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("计划于3月10日06:30—15:30停电", date(2026, 3, 1), [("2026-03-10T06:30:00", "2026-03-10T15:30:00")]),
        ("每日0:30-5:30封闭施工", date(2026, 1, 16), [("2026-01-16T00:30:00", "2026-01-16T05:30:00")]),
        ("检修时间:6日7:00至6日18:30。", date(2010, 12, 3), [("2010-12-06T07:00:00", "2010-12-06T18:30:00")]),
        ("1月10日6时至18时,新华路", date(2014, 1, 1), [("2014-01-10T06:00:00", "2014-01-10T18:00:00")]),
        ("2026年3月11日（星期三）8:00-17:00，集美区", None, [("2026-03-11T08:00:00", "2026-03-11T17:00:00")]),
        ("2025年5月27日22:00至5月28日5:00前", None, [("2025-05-27T22:00:00", "2025-05-28T05:00:00")]),
        ("3月12日22:00至次日6:00", date(2026, 3, 1), [("2026-03-12T22:00:00", "2026-03-13T06:00:00")]),
        ("当日23:30-4:30", date(2026, 3, 5), [("2026-03-05T23:30:00", "2026-03-06T04:30:00")]),
        ("下午2时至6时", date(2026, 3, 3), [("2026-03-03T14:00:00", "2026-03-03T18:00:00")]),
        ("２０２６年３月１０日０８：３０－１７：３０", None, [("2026-03-10T08:30:00", "2026-03-10T17:30:00")]),
        ("10KV科山线检修，影响2号楼", date(2026, 3, 3), []),
        # Across the turn of the year (probe2): a notice of 12月6日 announcing 1月10日 means next January (it was put
        # 11 months back, so 1月10日停电 found nothing), one of 1月3日 recalling 12月30日 last December.
        ("从1月10日起停电：1月10日6时至18时,新华路", date(2026, 12, 6), [("2027-01-10T06:00:00", "2027-01-10T18:00:00")]),
        ("2026年12月5日发布。1月10日6时至18时", None, [("2027-01-10T06:00:00", "2027-01-10T18:00:00")]),
        ("12月30日8:00-17:00", date(2027, 1, 3), [("2026-12-30T08:00:00", "2026-12-30T17:00:00")]),
        ("12月31日22时至1月1日6时", date(2026, 12, 20), [("2026-12-31T22:00:00", "2027-01-01T06:00:00")]),
        ("1月10日6时至18时", date(2026, 7, 1), [("2026-01-10T06:00:00", "2026-01-10T18:00:00")]),  # not near the turn
        ("12月30日8:00-17:00；1月3日8:00-17:00", date(2026, 12, 20),
         [("2026-12-30T08:00:00", "2026-12-30T17:00:00"), ("2027-01-03T08:00:00", "2027-01-03T17:00:00")]),
        ("2026年度计划：1月3日8:00-17:00", date(2026, 12, 20), [("2026-01-03T08:00:00", "2026-01-03T17:00:00")]),  # its year
    ],
)
def test_time_windows(text: str, reference: date | None, expected: list) -> None:
    found = [(w.start.isoformat() if w.start else None, w.end.isoformat() if w.end else None) for w in find_windows(text, reference)]
    assert found == expected


def test_window_without_a_known_date_keeps_its_text_only() -> None:
    [window] = find_windows("8:00-17:00", None)
    assert window.start is None and window.end is None and window.text == "8:00-17:00"


def test_real_power_outage_taian_2010() -> None:
    [notice] = notices_of("web-notice-001")
    assert notice.kind == "notice" and notice.notice_type == "outage"
    assert notice.notice.utility == "power"
    # Only the day is printed; the year and month come from the e-paper URL (/2010-12/03/).
    # Two lines are cut in the same window: two events, each with its own line and places.
    events = notice.notice.events
    assert [iso(e) for e in events] == [
        ("2010-12-06T07:00:00", "2010-12-06T18:30:00"),
        ("2010-12-06T07:00:00", "2010-12-06T18:30:00"),
        ("2010-12-07T07:00:00", "2010-12-07T18:30:00"),
        ("2010-12-09T05:30:00", "2010-12-09T20:30:00"),
    ]
    assert [e.line for e in events] == ["迎胜站10KV科山线", "迎胜站10KV化机线", "东关站10KV市委线", "东关站10KV二棉线"]
    assert areas(notice)[:3] == ["泰山区泰前街道迎胜社区居委会", "中国石化山东泰山石油股份有限公司", "山东省交通职工中等专业学校"]
    assert events[0].areas[0].district == "泰山区" and events[0].areas[0].subdistrict == "泰前街道"
    assert "澳泰山庄" in places(events[1]) and "澳泰山庄" not in places(events[0])
    assert "泰安一中" in places(events[2]) and {"三友社区", "国税局"} <= set(places(events[3]))
    assert notice.notice.reason == "因供电设施检修"


def test_real_power_outage_pingdingshan_chinese_hours() -> None:
    [notice] = notices_of("web-notice-002")
    assert windows(notice) == [
        ("2014-01-10T06:00:00", "2014-01-10T18:00:00"),
        ("2014-01-10T14:00:00", "2014-01-10T18:00:00"),
        ("2014-01-11T08:00:00", "2014-01-11T14:00:00"),
        ("2014-01-17T06:00:00", "2014-01-17T18:00:00"),
    ]
    first = notice.notice.events[0].areas[0]
    assert first.text == "新华路中段沿线高低压用户" and (first.name, first.section) == ("新华路", "中段")
    assert places(notice.notice.events[2]) == ["西太平村安置小区", "大阅城小区", "九天庄园小区"]
    assert notice.notice.events[2].areas[0].district == "新城区"
    assert places(notice.notice.events[3]) == ["水景润天小区"]


@pytest.mark.parametrize("notice_id", ["web-notice-004", "web-notice-005"])
def test_real_water_outages_drop_the_aggregator_preface(notice_id: str) -> None:
    [notice] = notices_of(notice_id)
    assert notice.notice_type == "outage" and notice.notice.utility == "water"
    assert notice.title.startswith("关于20") and notice.title.endswith("的停水通知")
    assert "居民们需提前做好准备" not in notice.body  # the reposting site's preface is gone
    assert notice.issuer == "福州市自来水有限公司"
    assert len(notice.notice.events) == 1  # printed in the title and the body: one window


def test_real_water_outage_areas_keep_bracketed_lists_whole() -> None:
    [notice] = notices_of("web-notice-004")
    assert windows(notice) == [("2025-05-27T22:00:00", "2025-05-28T05:00:00")]
    assert areas(notice) == [
        "桂湖路(桂湖服务站至悦玲珑)两侧用户", "融汇温泉城(A1区、A2区)", "福州温泉城晋安府(A区、B区)",
        "九里芳华(一期、二期)", "悦玲珑", "桂湖美术馆",
    ]
    road, town = notice.notice.events[0].areas[:2]
    assert (road.name, road.section) == ("桂湖路", "桂湖服务站至悦玲珑")
    assert (town.name, town.section) == ("融汇温泉城", "A1区、A2区")
    assert notice.written_date == date(2025, 5, 26)


def test_a_column_without_a_stated_issue_date_is_published_when_signed() -> None:
    """Dropped or ingested later (an archive), a column's fetch day is no publication day: the signature's date
    is. It was the fetch day, so the outage lookup (notices published before the day asked about) never found
    the 桂湖路 window of 2025-05-27 in a notice ingested in 2026."""
    from datetime import UTC, datetime

    row = corpus_notice("web-notice-004")
    fetched = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    [dropped] = parse_notices(Capture(data=row["text"].encode("utf-8"), filename="停水.txt", source="inbox", fetched_at=fetched))
    assert dropped.publish_date == date(2025, 5, 26) == dropped.written_date
    # A stated issue date (a newspaper's edition) still wins over the signature.
    [stated] = parse_notices(Capture(data=row["text"].encode("utf-8"), filename="停水.txt", source="inbox", fetched_at=fetched,
                                     sidecar={"publish_date": "2025-05-27"}))
    assert stated.publish_date == date(2025, 5, 27)


def test_two_traffic_notices_on_one_page_and_traditional_characters() -> None:
    notices = notices_of("web-notice-006")
    assert len(notices) == 2
    assert [n.notice_type for n in notices] == ["other", "other"]
    assert notices[0].title == "厦门市公安局交警支队关于集美区石鼓路部分路段施工期间采取道路交通限行措施的通告"
    assert notices[1].title.startswith("厦门市公安局交警支队关于海沧区山边洪东路")
    assert notices[0].id != notices[1].id
    [traditional] = notices_of("web-notice-008")
    # The title printed over four lines is put back together.
    assert traditional.title == "廈門市公安局交通管理支隊關于湖里區天圓大橋及五緣大橋施工期間采取道路交通限行措施的通告"
    assert traditional.notice_type == "other"
    # Unsigned, they name their body in the title only (probe: the issuer was empty).
    assert [n.issuer for n in notices] == ["厦门市公安局交警支队"] * 2 == [n.notice.issuer for n in notices]
    assert traditional.issuer == "廈門市公安局交通管理支隊" == traditional.notice.issuer  # as printed


def test_a_signature_names_the_issuer_before_the_title() -> None:
    text = ("厦门市公安局交警支队关于中山路部分路段实施交通管制的通告\n因马拉松赛事，2024年3月4日起中山路部分路段实施交通管制。\n"
            "特此通告。\n厦门市公安局\n2024年2月26日\n")
    [notice] = parse_notices(Capture(data=text.encode("utf-8"), url=XMRB_URL, source="web"))
    assert notice.issuer == "厦门市公安局" == notice.notice.issuer
    [unnamed] = parse_notices(Capture(data="关于中山路部分路段实施交通管制的通告\n因马拉松赛事，2024年3月4日起实施交通管制。\n"
                                      .encode(), url=XMRB_URL, source="web"))
    assert unnamed.issuer == ""


def test_classification_folds_traditional_characters() -> None:
    assert classify("停電通知", "因線路檢修，計劃停電。") == "outage"
    assert classify("", "廈門某某有限公司遺失營業執照正本，聲明作廢。") == "lost"
    assert classify("減資公告", "") == "business_tax"
    assert classify("房屋徵收決定公告", "") == "land_housing"
    assert classify("关于暂停接待群众来访的通告", "市信访局暂停接待") == "other"


@pytest.fixture(scope="module")
def xmrb_text_column():
    capture = Capture(data=(FIXTURES / "notices_xmrb_column.txt").read_bytes(), url=XMRB_URL, source="paper:xmrb")
    return parse_notices(capture)


def test_column_is_split_into_one_record_per_notice(xmrb_text_column) -> None:
    assert [n.notice_type for n in xmrb_text_column] == [
        "lost", "lost", "lost", "lost", "outage", "outage", "business_tax", "business_tax", "land_housing",
    ]
    assert len({n.id for n in xmrb_text_column}) == 9
    assert all(n.publish_date == date(2026, 3, 12) and n.source == "paper:xmrb" for n in xmrb_text_column)
    assert not any(n.title in ("便民公告", "遗失声明") for n in xmrb_text_column)  # headings are not notices


def test_lost_notices(xmrb_text_column) -> None:
    first, seals, person, invoices = (fields(n) for n in xmrb_text_column[:4])
    assert first == {
        "type": "lost", "holder": "厦门鑫海源贸易有限公司", "items": ["营业执照正副本"],
        "credit_codes": ["91350203MA2Y4K7P30"], "numbers": [], "declared_void": True,
    }
    assert xmrb_text_column[0].title == "厦门鑫海源贸易有限公司遗失声明"
    assert seals["items"] == ["公章", "财务专用章"] and seals["holder"] == "厦门市思明区阿良小吃店"
    assert person["holder"] == "林美华" and person["credit_codes"] == []  # an 18-digit ID number is no credit code
    assert person["numbers"] == [{"label": "证号", "value": "350203198805124021"}]
    assert invoices["numbers"] == [
        {"label": "发票代码", "value": "3502191130"}, {"label": "发票号码", "value": "01234567-01234569"},
    ]


def test_outage_notices_in_the_column(xmrb_text_column) -> None:
    power, water = xmrb_text_column[4:6]
    assert power.notice.utility == "power"
    # Each window keeps the places printed with it.
    first, second = power.notice.events
    assert [iso(first), iso(second)] == [
        ("2026-03-10T06:30:00", "2026-03-10T15:30:00"), ("2026-03-11T08:00:00", "2026-03-11T17:00:00"),
    ]
    assert [a.text for a in first.areas] == ["思明区莲前西路", "洪文五里", "洪文六里", "湖里区江头北路部分路段"]
    assert [a.text for a in second.areas] == ["集美区杏林湾路", "杏滨街道西滨社区"]
    assert (second.areas[0].district, second.areas[0].name) == ("集美区", "杏林湾路")
    assert (second.areas[1].subdistrict, second.areas[1].name) == ("杏滨街道", "西滨社区")
    assert first.areas[3].name == "江头北路"  # 部分路段 says how much, not where
    assert power.notice.issuer == "国网厦门供电公司" and xmrb_text_column[4].written_date == date(2026, 3, 6)
    assert water.notice.utility == "water"
    assert windows(water) == [("2026-03-12T22:00:00", "2026-03-13T06:00:00")]
    assert areas(water) == ["湖里区仙岳路（金尚路至湖里大道段）两侧用户", "金湖一里", "金湖二里", "殿前街道高殿社区"]
    road = water.notice.events[0].areas[0]
    assert (road.district, road.name, road.section) == ("湖里区", "仙岳路", "金尚路至湖里大道段")
    assert water.notice.reason == "为配合仙岳路供水管道改造工程"


def test_business_and_land_notices(xmrb_text_column) -> None:
    reduction, closure, land = (fields(n) for n in xmrb_text_column[6:])
    assert reduction["company"] == "厦门嘉禾路桥工程有限公司" and reduction["action"] == "减资"
    assert reduction["credit_code"] == "91350200MA31H6YR02"
    assert (reduction["capital_from"], reduction["capital_to"]) == ("5000万元", "1000万元")
    assert reduction["claim_period_days"] == 45 and reduction["claim_deadline"] == "2026-04-26"  # 45 days from the issue
    assert closure["action"] == "注销" and closure["company"] == "厦门蓝海湾文化传播有限公司"
    assert land["project"] == "2026XP03地块" and (land["action"], land["sale_method"]) == ("出让", "挂牌")  # a 挂牌出让
    assert land["location"] == "翔安区新店街道滨海东大道与翔安东路交叉口西北侧"
    assert land["deadlines"] == ["2026-04-07", "2026-04-09"]  # the bids' deadline, then the 挂牌时间's end (fields5)


def test_gbk_html_column_without_navigation() -> None:
    html = (FIXTURES / "notices_xmrb_column.html").read_text(encoding="utf-8").encode("gbk")
    notices = parse_notices(Capture(data=html, url=XMRB_URL, content_type="text/html"))
    assert [n.notice_type for n in notices] == ["lost", "lost", "lost", "outage", "land_housing", "business_tax"]
    gas = notices[3]
    assert gas.notice.utility == "gas"
    assert windows(gas) == [("2026-03-15T09:00:00", "2026-03-15T17:00:00")]  # 上午9时至下午5时
    assert areas(gas) == ["海沧区新阳街道新阳路", "兴港路沿线", "海沧区霞阳社区"]
    assert places(gas.notice.events[0]) == ["新阳路", "兴港路", "霞阳社区"]
    assert fields(notices[2])["credit_codes"] == ["91350211MA33K9DW7J"]
    assert fields(notices[4])["action"] == "征收" and fields(notices[4])["deadlines"] == ["2026-05-31"]
    assert fields(notices[5])["action"] == "欠税" and fields(notices[5])["company"] == "厦门永泰兴建材有限公司"
    assert notices[5].issuer == "国家税务总局厦门市翔安区税务局"
    for notice in notices:
        assert "首页" not in notice.body and "闽ICP备" not in notice.body


def test_every_notice_dict_validates_against_its_model(xmrb_text_column) -> None:
    for notice in xmrb_text_column:
        model = NOTICE_MODELS[notice.notice_type]
        assert type(notice.notice) is model and notice.notice.type == notice.notice_type
        assert model.model_validate(fields(notice)).model_dump(mode="json") == fields(notice)
    assert set(NOTICE_MODELS) == set(NOTICE_TYPES)


def test_credit_code_check_character() -> None:
    assert valid_credit_code("91350203MA2Y4K7P30")
    assert not valid_credit_code("91350203MA2Y4K7P31")
    assert credit_codes("统一社会信用代码：９１３５０２０３ＭＡ２Ｙ４Ｋ７Ｐ３０") == ["91350203MA2Y4K7P30"]


def test_a_licences_code_after_another_label_is_still_its_code() -> None:
    # review (session 11): a 营业执照's 证号 is its code (0241c61 dropped any code after 证号/编号); a diploma's 18 digits are not
    assert credit_codes("某某茶叶店遗失营业执照正本，证号：92350203MA32QK5R16，声明作废。") == ["92350203MA32QK5R16"]
    assert credit_codes("遗失毕业证书，证书编号：103841202302000123，声明作废。") == []


def test_issuer_alias_applies_to_notices() -> None:
    text = "停水通知\n因管道维修，2026年3月20日8:00-12:00暂停供水。\n停水范围：思明区湖滨南路。\n市水务集团\n2026年3月18日\n"
    [notice] = parse_notices(Capture(data=text.encode("gb18030")), ParserSettings(issuer_aliases={"市水务集团": "厦门水务集团有限公司"}))
    assert notice.issuer == "厦门水务集团有限公司"
    assert windows(notice)[0][0] == "2026-03-20T08:00:00"


def test_empty_column() -> None:
    with pytest.raises(EmptyDocument):
        parse_notices(Capture(data="便民公告\n\n遗失声明\n".encode()))


def test_notice_column_as_docx() -> None:
    import io

    import docx

    document = docx.Document()
    for line in (FIXTURES / "notices_xmrb_column.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    notices = parse_notices(Capture(data=buffer.getvalue(), filename="A12.docx", url=XMRB_URL))
    assert [n.notice_type for n in notices].count("lost") == 4 and len(notices) == 9


def test_second_column_label_lines_and_auction() -> None:
    data = (FIXTURES / "notices_xmrb_column_2.txt").read_bytes()
    notices = parse_notices(Capture(data=data, url="https://epaper.xmnn.cn/xmrb/20260401/A10.htm"))
    assert [n.notice_type for n in notices] == ["outage", "lost", "lost", "business_tax", "land_housing"]
    power = notices[0]
    assert power.issuer == "国网厦门供电公司"  # not the "停电范围：…中心" line above the signature
    assert windows(power) == [
        ("2026-04-02T08:30:00", "2026-04-02T17:30:00"), ("2026-04-03T07:00:00", "2026-04-03T12:00:00"),
    ]
    assert areas(power) == ["湖里区湖边水库片区", "五缘湾道部分路段", "湖边花园", "湖里区东渡路（海湾公园至东渡码头段）", "厦门国际邮轮中心"]
    shop = fields(notices[1])
    assert shop["holder"] == "厦门市湖里区好运来便利店" and shop["items"] == ["营业执照副本"]
    assert shop["credit_codes"] == ["92350206MA8U3F5L2F"]
    liquidation = fields(notices[3])
    # Letters count 30 days, the newspaper notice 45 days from publication (2026-04-01).
    assert liquidation["claim_period_days"] == 45 and liquidation["claim_deadline"] == "2026-05-16"
    auction = fields(notices[4])
    assert auction["action"] == "拍卖" and auction["location"] == "思明区嘉禾路318号1801室"
    assert auction["deadlines"] == ["2026-04-19"]


@pytest.mark.parametrize(
    ("text", "utility", "window", "areas"),
    [
        ("停电通知\n停电时间：5月20日（周三）8:00-18:00；停电范围：集美区侨英街道叶厝社区、凤林美路。\n国网厦门供电公司\n2026年5月15日",
         "power", ("2026-05-20T08:00:00", "2026-05-20T18:00:00"), ["集美区侨英街道叶厝社区", "凤林美路"]),
        ("关于停水的通知\n因市政管网改造，2026年7月10日晚上22:00至次日早上6:00暂停供水。\n停水范围：\n1.湖里区金山小区\n"
         "2.金尚路两侧商铺\n3.高林居住区\n请广大用户提前储水。\n某某水务公司\n2026年7月8日",
         "water", ("2026-07-10T22:00:00", "2026-07-11T06:00:00"), ["湖里区金山小区", "金尚路两侧商铺", "高林居住区"]),
        ("停气通知\n受燃气管道改造影响，定于2026年9月3日9时至17时对下列区域停止供气：思明区莲花五村、莲花新城。\n"
         "厦门华润燃气有限公司\n2026年9月1日",
         "gas", ("2026-09-03T09:00:00", "2026-09-03T17:00:00"), ["思明区莲花五村", "莲花新城"]),
    ],
)
def test_outage_layout_variants(text: str, utility: str, window: tuple, areas: list[str]) -> None:
    [notice] = parse_notices(Capture(data=text.encode("utf-8"), url="https://epaper.xmnn.cn/xmrb/20260501/A9.htm"))
    assert notice.notice_type == "outage" and notice.notice.utility == utility
    assert windows(notice) == [window]
    assert notice.notice.area_texts() == areas


def test_lost_notice_phrasings() -> None:
    from gongkai.parsers.notices.extract import extract_lost

    inline = extract_lost("遗失声明：厦门XX贸易有限公司遗失营业执照正、副本，统一社会信用代码：91350203MA2Y4K7P30，声明作废。")
    assert inline.holder == "厦门XX贸易有限公司" and inline.items == ["营业执照正副本"]
    traditional = extract_lost("廈門某某有限公司遺失營業執照正本，聲明作廢。")
    assert traditional.holder == "廈門某某有限公司" and traditional.items == ["營業執照正本"]
    assert traditional.declared_void
    person = extract_lost("张三不慎遗失身份证和驾驶证各一本，声明作废。")
    assert person.holder == "张三" and person.items == ["身份证", "驾驶证"]


def test_lost_items_keep_names_that_hold_he() -> None:
    """Session 9: 和 joins items, but 中华人民共和国残疾人证 was split into 中华人民共 and 国残疾人证."""
    from gongkai.parsers.notices.extract import extract_lost

    assert extract_lost("陈志明不慎遗失中华人民共和国残疾人证，证号35020319700101123X44，特此声明。").items == ["中华人民共和国残疾人证"]
    assert extract_lost("厦门和平路店遗失和平路店营业执照和公章，声明作废。").items == ["和平路店营业执照", "公章"]


def test_land_notice_project_and_place_drop_the_sentence_word() -> None:
    """Session 9: 因湖里区东部旧村改造项目建设需要 gave the project 因湖里区东部旧村改造项目 and the place 因湖里区东部旧村."""
    from gongkai.parsers.notices.extract import extract_land

    land = extract_land("房屋征收决定公告", "因湖里区东部旧村改造项目建设需要，根据《国有土地上房屋征收与补偿条例》，湖里区人民政府决定对项目范围内的房屋实施征收。")
    assert (land.project, land.location, land.action) == ("湖里区东部旧村改造项目", "湖里区东部旧村", "征收")


def test_a_void_declaration_is_in_the_lost_column() -> None:
    """作废声明 (an invoice or a seal declared void, printed with the 遗失声明) was 'other' (session 9)."""
    from gongkai.parsers.notices.classify import classify

    assert classify("作废声明", "厦门某某公司的增值税专用发票（发票代码3502204130，号码00123456）已作废，特此声明。") == "lost"
    assert classify("不动产权证书作废公告", "经查，思明区湖滨南路88号101室的不动产权证书因权利人遗失，现公告作废。") == "land_housing"


def test_lost_notice_phrasings_session_9() -> None:
    """Held-out phrasings (session 9): who issued the licence is no part of the item; a holder named 本人X before the
    clause of the 遗失; an invoice's bracket of numbers stays with it (the item was 增值税专用发票三份（发票代码3502221130)."""
    from gongkai.parsers.notices.extract import extract_lost

    issued = extract_lost("厦门市思明区鹭港餐饮店遗失由厦门市思明区市场监督管理局核发的营业执照正本一本，统一社会信用代码：92350203MA2YXXXX1K，声明作废。")
    assert (issued.holder, issued.items) == ("厦门市思明区鹭港餐饮店", ["营业执照正本"])
    person = extract_lost("本人李娜，身份证号码350211199002021234，不慎遗失厦门市居住证，声明作废。")
    assert (person.holder, person.items) == ("李娜", ["厦门市居住证"])
    invoice = extract_lost("兹有厦门宏达建材有限公司遗失增值税专用发票三份（发票代码3502221130，号码00012345-00012347），特此声明作废。")
    assert (invoice.holder, invoice.items) == ("厦门宏达建材有限公司", ["增值税专用发票"])
    assert [(n.label, n.value) for n in invoice.numbers] == [("发票代码", "3502221130"), ("号码", "00012345-00012347")]


def test_an_auction_of_cars_or_rights_is_no_land_notice() -> None:
    # review (session 11): 拍卖/挂牌/出让 alone made a 国土房产公告 of any sale (公务用车, 特许经营权), and an auctioneer's
    # name (厦门某某拍卖有限公司) in the signature of a notice of anything
    def type_of(text: str) -> str:
        [notice] = parse_notices(Capture(data=text.encode("utf-8"), sidecar={"publish_date": "2027-01-06"}))
        return notice.notice_type

    assert type_of("厦门市机关事务管理局公务用车拍卖公告\n定于2027年1月20日公开拍卖公务车辆12辆，有意者请于2027年1月18日前办理竞买登记。\n"
                   "厦门某某拍卖有限公司\n2027年1月6日\n") == "other"
    assert type_of("关于以拍卖方式出让部分公交线路特许经营权的公告\n经市政府同意，以拍卖方式出让3条公交线路特许经营权，经营期限8年。\n"
                   "厦门市交通运输局\n2027年1月6日\n") == "other"
    assert type_of("厦门市思明区人民法院关于拍卖房产的公告\n本院定于2027年2月10日在网络平台公开拍卖位于思明区湖滨北路88号1201室房产一套。\n"
                   "厦门市思明区人民法院\n2027年1月6日\n") == "land_housing"
    assert type_of("拍卖公告\n受委托，定于2027年2月10日公开拍卖位于湖里区的国有建设用地使用权一宗。\n厦门某某拍卖有限公司\n2027年1月6日\n") == "land_housing"
    assert type_of("厦门某某公司厂房及设备拍卖公告\n受委托，定于2027年2月10日公开拍卖位于集美区的厂房及生产设备。\n厦门某某拍卖有限公司\n2027年1月6日\n") == "land_housing"
