"""Issue 19, held-out documents through the real engine (SQLite, Tantivy): the repealer and the repealed, their 文号
printed in other bracket forms, widths or Traditional characters, a list announced by 下列…同时废止：, a 废止目录 table
without 《》, periods printed as a range or as 执行期限至 (session 10: each of these stayed in force or was misread)."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.search_types import SearchRequest
from tests.support import build_engine


def _record(record_id: str, title: str, doc_number: str, published: str, body: str) -> dict[str, Any]:
    return {"id": record_id, "kind": "disclosure", "title": title, "doc_number": doc_number, "publish_date": published,
            "body": body, "issuer": "厦门市人民政府"}


RECORDS = [
    _record("old-gjj", "厦门市住房公积金管理办法", "厦府[2016]8号", "2016-01-01", "本办法自发布之日起施行。"),
    _record("new-gjj", "厦门市住房公积金管理办法", "厦府〔2021〕5号", "2021-05-01",
            "本办法自2021年6月1日起施行。《厦门市住房公积金管理办法》（厦府(2016)8号）同时予以废止。"),
    _record("old-ps", "厦门市人民政府关于加强城市排水管理的通知", "厦府（2008）102号", "2008-05-01", "本通知自印发之日起施行。"),
    _record("old-wj", "厦门市人民政府办公厅关于进一步规范建筑垃圾处置的通知", "厦府办〔２０１０〕１５号", "2010-05-01", "本通知自印发之日起施行。"),
    _record("catalogue", "厦门市人民政府关于废止部分规范性文件的决定", "厦府〔2019〕200号", "2019-12-01",
            "经清理，市政府决定废止《厦门市人民政府关于加强城市排水管理的通知》等2件规范性文件（目录见附件），本决定自公布之日起施行。\n"
            "附件：废止的规范性文件目录\n序号\t文件名称\t文号\n1\t厦门市人民政府关于加强城市排水管理的通知\t厦府〔2008〕102号\n"
            "2\t厦门市人民政府办公厅关于进一步规范建筑垃圾处置的通知\t厦府办〔2010〕15号\n"),
    _record("old-trad", "廈門市停車場管理辦法", "廈府〔2012〕101號", "2012-01-01", "本辦法自發布之日起施行。"),
    _record("new-trad", "厦门市停车场管理办法", "厦府〔2019〕9号", "2019-10-01",
            "本辦法自2019年11月1日起施行，《廈門市停車場管理辦法》（廈府〔2012〕101號）同時廢止。"),
    _record("old-list", "厦门市规范性文件制定程序规定", "厦府〔2012〕10号", "2012-01-01", "本规定自印发之日起施行。"),
    _record("new-list", "厦门市行政规范性文件管理办法", "厦府〔2020〕30号", "2020-10-01",
            "第三十条 本办法自2020年11月1日起施行。下列文件同时废止：\n（一）《厦门市规范性文件制定程序规定》（厦府〔2012〕10号）；\n"
            "（二）《厦门市规范性文件备案审查办法》（厦府〔2013〕22号）。"),
    _record("range", "厦门市关于支持新能源汽车产业发展的若干措施", "厦府规〔2020〕9号", "2019-12-28",
            "本措施有效期为2020年1月1日至2022年12月31日。"),
    _record("until", "厦门市促进消费扩容提质若干措施", "厦府规〔2020〕1号", "2020-03-01", "本措施自印发之日起施行，执行期限至2021年12月31日。"),
    _record("later", "厦门市物业管理若干规定", "厦府规〔2026〕20号", "2026-11-20", "本规定自２０９９年１月１日起正式施行。"),
    _record("part-old", "厦门市公共租赁住房管理办法", "厦府〔2016〕4号", "2016-01-01", "本办法自印发之日起施行。"),
    _record("part-new", "关于调整公共租赁住房租金的通知", "厦建〔2021〕1号", "2021-01-01",
            "本通知自2021年2月1日起执行，《厦门市公共租赁住房管理办法》（厦府〔2016〕4号）中关于租金标准的规定不再执行。"),
]

EXPECTED = {
    "old-gjj": ("repealed", "new-gjj"), "old-ps": ("repealed", "catalogue"), "old-wj": ("repealed", "catalogue"),
    "old-trad": ("repealed", "new-trad"), "new-trad": ("in_force", None), "old-list": ("repealed", "new-list"),
    "range": ("expired", None), "until": ("expired", None), "later": ("not_yet_in_force", None), "part-old": ("in_force", None),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return build_engine(tmp_path_factory.mktemp("heldout"), RECORDS)


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_each_held_out_document_has_its_status(engine, record_id):
    status, by = EXPECTED[record_id]
    validity = engine.validity(record_id)["validity"]
    assert validity["status"] == status, validity
    assert [item["id"] for item in validity.get("repealed_by", [])] == ([by] if by else [])


def test_the_range_gives_both_ends(engine):
    validity = engine.validity("range")["validity"]
    assert (validity["effective_date"], validity["expiry_date"]) == ("2020-01-01", "2022-12-31")


def test_the_repealed_are_found_by_the_validity_filter(engine):
    hits = engine.search(SearchRequest(q="", validity="repealed", limit=20)).hits
    assert sorted(hit.id for hit in hits) == ["old-gjj", "old-list", "old-ps", "old-trad", "old-wj"]


# 关于延长《X》有效期的通知: a 规范性文件 reviewed at the end of its period is kept in force by another document (it
# showed 已失效 for ever). Both orders of arrival give the same status; an extension to a day now past expires it again.
EXTENDED = [
    _record("x-period", "厦门市人才住房管理办法", "厦府规〔2018〕5号", "2018-05-20", "本办法自2018年6月1日起施行，有效期3年。"),
    _record("x-extender", "厦门市人民政府关于延长《厦门市人才住房管理办法》有效期的通知", "厦府规〔2021〕8号", "2021-05-25",
            "经评估，《厦门市人才住房管理办法》（厦府规[2018]5号）有效期延长至2099年12月31日。本通知自印发之日起施行。"),
    _record("y-period", "厦门市停车收费管理规定", "厦府规〔2017〕2号", "2017-01-01", "本规定自2017年2月1日起施行，有效期3年。"),
    _record("y-extender", "关于延长《厦门市停车收费管理规定》有效期的通知", "厦府规〔2020〕1号", "2020-01-20",
            "经市政府同意，该规定有效期延长至2021年12月31日。本通知自印发之日起施行。"),
    _record("z-period", "厦门市旅游促进措施", "厦府规〔2019〕9号", "2019-01-01", "本措施自2019年1月1日起施行，有效期2年。"),
    _record("z-extender", "某通知", "厦府办〔2020〕99号", "2020-12-20", "经评估，决定将《厦门市旅游促进措施》（厦府规〔2019〕9号）的有效期延长100年。"),
]


@pytest.mark.parametrize("order", ["extender last", "extender first"])
def test_an_extension_keeps_a_document_in_force(tmp_path, order):
    records = EXTENDED if order == "extender last" else EXTENDED[::-1]
    engine = build_engine(tmp_path, records)
    x = engine.validity("x-period")["validity"]
    assert x["status"] == "in_force" and x["expiry_date"] == "2099-12-31"
    assert [item["id"] for item in x["extended_by"]] == ["x-extender"]
    assert [item["id"] for item in engine.validity("x-extender")["validity"]["extends"]] == ["x-period"]
    # extended once, to a day now past (the title names it, the body says 该规定): expired after that day
    y = engine.validity("y-period")["validity"]
    assert y["status"] == "expired" and y["expiry_date"] == "2021-12-31"
    # 有效期延长100年: its own end (2020-12-31) moved by the period
    z = engine.validity("z-period")["validity"]
    assert z["status"] == "in_force" and z["expiry_date"] == "2120-12-31"


def test_a_notice_named_with_or_without_its_issuer_is_one_document(tmp_path):
    """《厦门市人民政府关于印发X的通知》 printed by the repealer, the record titled 关于印发X的通知 (a site that drops the
    issuer), and the other way round: both name X (they resolved to nothing, so the old notice stayed in force)."""
    engine = build_engine(tmp_path, [
        _record("a-old", "关于印发厦门市道路挖掘管理办法的通知", "", "2012-01-01", "本办法自印发之日起施行。"),
        _record("a-new", "厦门市道路挖掘管理办法", "厦府〔2020〕1号", "2020-01-01",
                "本办法自2020年2月1日起施行，《厦门市人民政府关于印发厦门市道路挖掘管理办法的通知》同时废止。"),
        _record("b-old", "厦门市人民政府关于印发厦门市户外广告管理办法的通知", "", "2013-01-01", "本办法自印发之日起施行。"),
        _record("b-new", "厦门市户外广告管理办法", "厦府〔2020〕2号", "2020-01-01",
                "本办法自2020年2月1日起施行，《关于印发厦门市户外广告管理办法的通知》同时作废。"),
    ])
    for old, new in (("a-old", "a-new"), ("b-old", "b-new")):
        validity = engine.validity(old)["validity"]
        assert validity["status"] == "repealed" and [item["id"] for item in validity["repealed_by"]] == [new]
        assert engine.validity(new)["validity"]["status"] == "in_force"


@pytest.mark.usefixtures("fresh_cli_state")
def test_an_extension_is_shown_by_gongkai_show_the_api_and_the_page(tmp_path):
    import httpx

    from tests.cli_run import run
    from tests.support import served_engine

    with served_engine(tmp_path / "data", EXTENDED[:2]) as (_engine, base):
        page = httpx.get(f"{base}/documents/x-period").text
        api = httpx.get(f"{base}/api/documents/x-period").json()["validity"]
    assert "现行有效" in page and "有效期至 2099-12-31" in page and "有效期由" in page and "x-extender" in page
    assert api["status"] == "in_force" and api["expiry_date"] == "2099-12-31" and api["extended_by"][0]["id"] == "x-extender"
    shown = run(tmp_path / "data", "show", "x-period")
    assert "有效期至 2099-12-31" in shown.stdout and "有效期延长，由 x-extender" in shown.stdout


CATALOGUE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>厦门市人民政府关于废止和宣布失效一批市政府文件的通知</title></head>
<body><table class="xxgk"><tr><td>发文字号：</td><td>厦府〔2016〕278号</td><td>发布日期：</td><td>2016-09-20</td></tr></table>
<div class="content"><h1>厦门市人民政府关于废止和宣布失效一批市政府文件的通知</h1>
<p>经清理，市政府决定废止一批市政府文件，宣布一批市政府文件失效。本通知自印发之日起施行。</p>
<p>附件1</p><p>决定废止的市政府文件目录</p>
<table><tr><td>序号</td><td>文件名称</td><td>文号</td></tr>
<tr><td>1</td><td>厦门市人民政府关于加强城市排水管理的通知</td><td>厦府〔2008〕102号</td></tr></table>
<p>附件2</p><p>决定宣布失效的市政府文件目录</p>
<table><tr><td>序号</td><td>文件名称</td><td>文号</td></tr>
<tr><td>1</td><td>厦门市人民政府关于做好2010年春运工作的通知</td><td>厦府〔2010〕5号</td></tr></table>
<p>厦门市人民政府</p><p>2016年9月20日</p></div></body></html>"""


def test_a_catalogue_page_repeals_its_rows(tmp_path):
    """Xiamen's 废止和宣布失效 notice as a page: its tables come out of the HTML parser a cell a line (serial, title,
    文号), which repealed nothing (the row's title and 文号 were on different lines)."""
    engine = build_engine(tmp_path / "data", [
        _record("ps", "厦门市人民政府关于加强城市排水管理的通知", "厦府[2008]102号", "2008-05-01", "本通知自印发之日起施行。"),
        _record("cy", "厦门市人民政府关于做好2010年春运工作的通知", "厦府（2010）5号", "2010-01-05", "本通知自印发之日起施行。"),
    ])
    page = tmp_path / "qingli.html"
    page.write_text(CATALOGUE_PAGE, encoding="utf-8")
    assert engine.ingest_paths([page]).counts.get("new") == 1
    for record_id in ("ps", "cy"):
        validity = engine.validity(record_id)["validity"]
        assert validity["status"] == "repealed" and validity["repealed_by"][0]["doc_number"] == "厦府〔2016〕278号", validity


def test_numbers_printed_short_or_held_long(tmp_path):
    """A 令 number printed with its issuer's short name (《X》（市政府令第88号）, as Xiamen's own texts cite 市政府令第161号)
    ruled out the record holding 厦门市人民政府令第88号 (a printed number it 'contradicted'); a record's 文号 field holding
    more than the number (厦府〔2015〕12号文) was no key of it."""
    engine = build_engine(tmp_path, [
        _record("l-old", "厦门市户外广告设置管理办法", "厦门市人民政府令第88号", "2010-01-01", "本办法自2010年3月1日起施行。"),
        _record("l-new", "厦门市户外广告设置管理办法", "厦门市人民政府令第190号", "2021-01-01",
                "本办法自2021年3月1日起施行。《厦门市户外广告设置管理办法》（市政府令第88号）同时废止。"),
        _record("w-old", "厦门市排水管理办法", "厦府〔2015〕12号文", "2015-01-01", "本办法自印发之日起施行。"),
        _record("w-new", "厦门市城市排水条例实施办法", "厦府〔2021〕3号", "2021-01-01", "本办法自2021年3月1日起施行。厦府〔2015〕12号同时废止。"),
    ])
    for old, new in (("l-old", "l-new"), ("w-old", "w-new")):
        validity = engine.validity(old)["validity"]
        assert validity["status"] == "repealed" and [item["id"] for item in validity["repealed_by"]] == [new], validity
    assert engine.validity("l-new")["validity"]["status"] == "in_force"


def test_a_repeal_naming_the_day_its_target_took_effect(tmp_path):
    """2013年6月1日起施行的《X》同时废止: that day was taken for X's publication, which the held X (published
    2013-05-01) contradicted, so nothing was repealed; and 自A起至B止执行 gives both ends."""
    engine = build_engine(tmp_path, [
        _record("v-old", "厦门市城市绿化管理规定", "", "2013-05-01", "本规定自2013年6月1日起施行。"),
        _record("v-new", "厦门市城市绿化管理规定", "厦府规〔2018〕7号", "2018-09-01",
                "本规定自2018年10月1日起施行。2013年6月1日起施行的《厦门市城市绿化管理规定》同时废止。"),
        _record("span", "关于阶段性降低失业保险费率的通知", "厦人社〔2019〕88号", "2019-12-20", "本通知自2020年1月1日起至2022年12月31日止执行。"),
    ])
    validity = engine.validity("v-old")["validity"]
    assert validity["status"] == "repealed" and [item["id"] for item in validity["repealed_by"]] == ["v-new"]
    span = engine.validity("span")["validity"]
    assert (span["status"], span["effective_date"], span["expiry_date"]) == ("expired", "2020-01-01", "2022-12-31")


@pytest.mark.usefixtures("fresh_cli_state")
def test_a_repeal_counts_from_the_day_its_sentence_prints(tmp_path):
    """《X》自2099年1月1日起废止 in a decision in force since 2020: X was shown 已废止 from 2020 (the decision's effective
    date); it is in force until the day printed, and the page and gongkai show say 将于 that day 起废止."""
    import httpx

    from tests.cli_run import run
    from tests.support import served_engine

    records = [
        _record("later-old", "厦门市出租汽车管理办法", "厦府〔2010〕20号", "2010-01-01", "本办法自印发之日起施行。"),
        _record("past-old", "厦门市客运码头管理办法", "厦府〔2011〕21号", "2011-01-01", "本办法自印发之日起施行。"),
        _record("decision", "厦门市人民政府关于废止部分规范性文件的决定", "厦府〔2020〕50号", "2020-06-01",
                "本决定自公布之日起施行。《厦门市出租汽车管理办法》（厦府〔2010〕20号）自2099年1月1日起废止。"
                "自2021年1月1日起，《厦门市客运码头管理办法》（厦府〔2011〕21号）废止。"),
    ]
    with served_engine(tmp_path / "data", records) as (engine, base):
        later = engine.validity("later-old")["validity"]
        past = engine.validity("past-old")["validity"]
        page = httpx.get(f"{base}/documents/later-old").text
    assert later["status"] == "in_force" and [item["id"] for item in later["repealed_by"]] == ["decision"]
    assert past["status"] == "repealed" and past["repealed_on"] == "2021-01-01"
    assert "将于 2099-01-01 起废止" in page
    assert "将于 2099-01-01 起废止，由 decision" in run(tmp_path / "data", "show", "later-old").stdout


def test_a_list_of_extended_documents(tmp_path):
    """关于延长部分规范性文件有效期的通知: 以下规范性文件有效期延长至…： then the list (it extended nothing: each title
    needed its own 有效期延长…)."""
    engine = build_engine(tmp_path, [
        _record("e1", "厦门市甲办法", "厦府规〔2018〕5号", "2018-01-01", "本办法自2018年2月1日起施行，有效期3年。"),
        _record("e2", "厦门市乙规定", "厦府规〔2019〕2号", "2019-01-01", "本规定自2019年1月1日起施行，有效期2年。"),
        _record("ext", "厦门市人民政府关于延长部分规范性文件有效期的通知", "厦府〔2020〕300号", "2020-12-20",
                "经评估，以下规范性文件有效期延长至2099年12月31日：\n1.《厦门市甲办法》（厦府规〔2018〕5号）\n"
                "2.《厦门市乙规定》（厦府规[2019]2号）\n本通知自印发之日起施行。"),
    ])
    for record_id in ("e1", "e2"):
        validity = engine.validity(record_id)["validity"]
        assert (validity["status"], validity["expiry_date"]) == ("in_force", "2099-12-31"), validity
        assert [item["id"] for item in validity["extended_by"]] == ["ext"]
