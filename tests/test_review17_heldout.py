"""review, session 17: a new operator's first hour (phase 1) and held-out probes of the session's riskiest commits
(phase 2). The material was written before the product was run on it (tests/fixtures/heldout17/review/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app

HELDOUT = Path(__file__).parent / "fixtures" / "heldout17" / "review"
COLUMN = HELDOUT / "round1" / "厦门日报-2025-09-12-B3.txt"


def _reset_state() -> None:
    from gongkai.cli.context import state

    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None


def _cli(data: Path, *args: str) -> str:
    _reset_state()
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], catch_exceptions=False)
    _reset_state()
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _exported(data: Path) -> dict[str, dict]:
    return {record["title"]: record for record in map(json.loads, _cli(data, "export").splitlines())}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # the column as saved: its edition line over the notices, a dated file name
        ("厦门日报-2025-09-12-B3.txt", COLUMN.read_text(encoding="utf-8")),
        # the edition line alone says the day (the file renamed by the operator)
        ("B3版.txt", COLUMN.read_text(encoding="utf-8")),
        # the file name alone says it (the edition line not copied)
        ("xmrb_20250912_B3.txt", COLUMN.read_text(encoding="utf-8").split("\n", 2)[2]),
    ],
)
def test_a_saved_columns_unsigned_notices_are_dated_by_its_edition(tmp_path, name, text) -> None:
    """A 厦门日报 column saved to a file (no URL, no sidecar) and given to `gongkai ingest --notices`: its unsigned
    遗失声明 were published the day it was ingested (2026-12-07, fifteen months after the issue), the signed 停电通知
    beside them on its signature's day. The issue date the column prints over its notices, or the file's name, is
    the issue's (parsers.notices.printed_issue_date)."""
    column = tmp_path / name
    column.write_text(text, encoding="utf-8")
    _cli(tmp_path / "data", "ingest", "--notices", str(column))
    records = _exported(tmp_path / "data")
    assert records["厦门市海沧区鑫源贸易有限公司遗失声明"]["publish_date"] == "2025-09-12"
    assert records["林晓东遗失声明"]["publish_date"] == "2025-09-12"
    assert records["停电通知"]["publish_date"] == "2025-09-12"


def test_a_date_in_the_first_notice_is_no_edition_line(tmp_path) -> None:
    """Only an edition line (the paper or its page beside one date) dates the column: a first notice's title that
    prints a day (关于2025年9月20日…停水的通知) does not, nor does its sentence."""
    column = tmp_path / "便民公告.txt"
    column.write_text(
        "关于2025年9月20日湖里区部分路段停水的通知\n因管网改造，定于2025年9月20日8:00-18:00对湖里区吕岭路停水。\n"
        "厦门水务集团有限公司\n2025年9月16日\n\n遗失声明\n陈小红遗失厦门日报社记者证，声明作废。\n",
        encoding="utf-8",
    )
    _cli(tmp_path / "data", "ingest", "--notices", str(column))
    records = _exported(tmp_path / "data")
    assert records["关于2025年9月20日湖里区部分路段停水的通知"]["publish_date"] == "2025-09-16"
    assert not records["陈小红遗失声明"]["publish_date"].startswith("2025-")


@pytest.mark.parametrize(
    ("name", "typed", "said"),
    [
        ("kind", "通知", "政府信息公开、便民公告"),
        ("notice_type", "停电", "停水停电通知"),
        ("sort", "新", "相关度、发布日期"),
    ],
)
def test_a_refused_choice_names_the_words_it_takes(name, typed, said) -> None:
    """`gongkai search 停电 --kind 通知` (and the API's kind=通知) was told `must be one of disclosure, notice`: the codes
    alone, though the page's own words (便民公告, 停水停电通知, 发布日期) are taken too and are what a new user knows."""
    from gongkai.search_params import ParameterError, build_params
    from gongkai.settings import SearchSettings

    with pytest.raises(ParameterError) as caught:
        build_params({"q": "停电", name: typed}, SearchSettings(), strict=True)
    chinese = caught.value.message.partition(" / ")[0]
    assert chinese.startswith("不是可选的值") and said in chinese, caught.value.message


def test_a_saved_e_paper_pages_edition_bar_dates_its_column(tmp_path) -> None:
    """A 厦门晚报 便民公告 page saved from the browser prints its edition line (厦门晚报 2025年11月3日 第A12版) in a
    header bar its markup names as chrome (class="top"): its 注销公告 and 遗失声明 were published the day they were
    ingested, and the 注销公告's 45-day claim period ran from that day (claim_deadline 2027-01-21, not 2025-12-18)."""
    page = HELDOUT / "round2" / "厦门晚报便民公告.html"
    _cli(tmp_path / "data", "ingest", "--notices", str(page))
    records = _exported(tmp_path / "data")
    assert {title: record["publish_date"] for title, record in records.items()} == {
        "注销公告": "2025-11-03",
        "王丽华遗失声明": "2025-11-03",
        "停水通知": "2025-11-03",
    }
    assert records["注销公告"]["notice"]["claim_deadline"] == "2025-12-18"


# ---------------------------------------------------------------- phase 2: held-out probes of session 17's riskiest commits
# Written from the commits' messages, before the product was run on them.


@pytest.mark.parametrize(
    "name",
    ["Приказ_2025.txt", "Ελλάδα.txt", "Дом.pdf", "שלום.pdf", "Отчет по закупкам.docx", "Ещё.pdf"],
)
def test_a_utf8_name_in_another_script_is_kept_as_written(name) -> None:
    """569c515 (doors8) reads a drop-folder name whose UTF-8 letters are U+0250-U+07FF as GBK bytes (通知 written in GBK
    is CD A8 D6 AA, which UTF-8 reads ֪ͨ). A name truly written in Cyrillic, Greek or Hebrew (a foreign-affairs office's
    Приказ_2025.txt) is UTF-8 as it is and must not become Chinese mojibake (袩褉懈泻邪蟹)."""
    from gongkai.feeds.inbox import _text_name

    assert _text_name(name) == name


@pytest.mark.parametrize("chinese", ["通知.html", "通知要目.pdf", "要目.docx"])
def test_a_gbk_name_that_reads_as_utf8_is_still_read_as_chinese(chinese) -> None:
    """The case 569c515 fixed stays fixed: a GBK name whose bytes are valid UTF-8 too (two-byte sequences only)."""
    from gongkai.feeds.inbox import _text_name

    raw = chinese.encode("gbk")
    try:
        as_utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip(f"{chinese} in GBK is no UTF-8: another path reads it")
    assert _text_name(as_utf8) == chinese


def _record_line(title: str, body: str, **more: str) -> dict:
    return {
        "kind": "disclosure",
        "title": title,
        "issuer": "厦门市工业和信息化局",
        "publish_date": "2025-10-09",
        "body": body,
        **more,
    }


def test_glued_records_whose_text_holds_braces_are_each_stored(tmp_path) -> None:
    """8dc2fa2 (doors8): a line of records back to back ({…}{…}: two exports joined by cat, or curl -d) is read as those
    records. A body that prints `}{` or a whole JSON object in its text must not cut a record in two."""
    first = _record_line("关于公布2025年数字经济示范项目的通知", '配置示例：{"a": 1}{"b": 2}，以及 }{ 字样。')
    second = _record_line("关于做好2025年工业企业节能监察的通知", "请各区按要求报送。")
    third = _record_line("关于开展2025年专精特新企业申报的通知", "申报时间：10月10日至10月31日。")
    path = tmp_path / "导出.jsonl"
    path.write_bytes(
        json.dumps(first, ensure_ascii=False).encode()
        + json.dumps(second, ensure_ascii=False).encode()
        + b"\r\n"
        + json.dumps(third, ensure_ascii=False).encode()
        + b"\n"
    )
    _cli(tmp_path / "data", "ingest", str(path))
    records = _exported(tmp_path / "data")
    assert set(records) == {first["title"], second["title"], third["title"]}
    assert records[first["title"]]["body"] == first["body"]


def test_a_bad_record_glued_to_good_ones_loses_none_of_them(tmp_path) -> None:
    """A glued line whose second record is refused (no title): the records beside it are records by every rule and
    go in; the refused one is quarantined (nothing lost, the project's first rule)."""
    good = _record_line("关于2025年中小企业服务券发放的通知", "服务券于11月1日起发放。")
    bad = {"kind": "disclosure", "title": "", "issuer": "厦门市工业和信息化局", "body": "无标题"}
    last = _record_line("关于2025年工业设计中心认定结果的公示", "公示期5个工作日。")
    path = tmp_path / "curl-d.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) for r in (good, bad, last)), encoding="utf-8")
    _reset_state()
    result = CliRunner().invoke(
        app, ["--data-dir", str(tmp_path / "data"), "ingest", "--json", str(path)], catch_exceptions=False
    )
    _reset_state()
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines() if line.startswith("{")]
    records = _exported(tmp_path / "data")
    assert set(records) == {good["title"], last["title"]}, (statuses, result.stdout)
    assert statuses.count("quarantined") == 1, statuses


def _served_with_outages(tmp_path):
    from tests.support import served_engine

    records = [
        {
            "kind": "notice",
            "notice_type": "outage",
            "title": "停电通知",
            "issuer": "国网厦门供电公司",
            "publish_date": "2036-12-01",
            "url": "https://example.invalid/xmrb/2036-12/01/content_1.htm",
            "body": "因电网检修，定于2036年12月9日8:00-17:00对思明区厦禾路、湖滨南路停止供电。\n国网厦门供电公司\n2036年12月1日",
        },
        {
            "kind": "disclosure",
            "title": "厦门市财政局关于2036年预算公开的通知",
            "issuer": "厦门市财政局",
            "publish_date": "2036-11-20",
            "url": "https://example.invalid/czj/t20361120_1.htm",
            "body": "现将2036年市级预算予以公开。" * 40,
        },
    ]
    return served_engine(tmp_path / "data", records)


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap.xml",
        "/feeds/search.atom?q=%E9%A2%84%E7%AE%97",
        "/feeds/outages.ics?area=%E5%8E%A6%E7%A6%BE%E8%B7%AF",
        "/feeds/outages.atom?area=%E5%8E%A6%E7%A6%BE%E8%B7%AF",
    ],
)
def test_a_download_resumed_with_a_range_joins_to_the_whole_document(tmp_path, path) -> None:
    """18aa35b: a feed, calendar or sitemap answers one byte range (curl -C -, wget -c). A resumed download is the part
    held plus the rest: the two joined must be the document (the bytes must not move between two fetches a few seconds
    apart when nothing changed, or the joined file is corrupt), also when the client accepts gzip."""
    import time

    import httpx

    with _served_with_outages(tmp_path) as (_, base):
        whole = httpx.get(base + path, headers={"Accept-Encoding": "identity"})
        assert whole.status_code == 200 and whole.headers.get("accept-ranges") == "bytes", whole.headers
        time.sleep(1.1)  # a time stamped with the second (Atom's updated, iCalendar's DTSTAMP) would move here
        cut = len(whole.content) // 3
        rest = httpx.get(base + path, headers={"Range": f"bytes={cut}-", "Accept-Encoding": "gzip"})
        assert rest.status_code == 206 and "content-encoding" not in rest.headers, rest.headers
        assert rest.headers["content-range"] == f"bytes {cut}-{len(whole.content) - 1}/{len(whole.content)}"
        assert whole.content[:cut] + rest.content == whole.content


def test_a_gzip_push_of_two_members_and_a_bomb(tmp_path) -> None:
    """469163b: a gzip push body is inflated, each member (a client may concatenate them), at most push_max_bytes;
    a bomb is refused 413 and stores nothing. Content-Encoding as some clients write it (GZIP, x-gzip)."""
    import gzip

    import httpx

    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"}
        one = json.dumps(
            {"title": "关于下达2025年第三批专项资金的通知", "issuer": "厦门市财政局", "body": "一"}, ensure_ascii=False
        )
        two = json.dumps(
            {"title": "关于下达2025年第四批专项资金的通知", "issuer": "厦门市财政局", "body": "二"}, ensure_ascii=False
        )
        body = gzip.compress((one + "\n").encode()) + gzip.compress((two + "\n").encode())
        answer = httpx.post(
            base + "/api/ingest", content=body, headers={**headers, "Content-Encoding": "GZIP"}, timeout=60
        )
        assert answer.status_code in (200, 201) and answer.json()["counts"]["new"] == 2, answer.text
        three = json.dumps(
            {"title": "关于下达2025年第五批专项资金的通知", "issuer": "厦门市财政局", "body": "三"}, ensure_ascii=False
        )
        answer = httpx.post(
            base + "/api/ingest",
            content=gzip.compress(three.encode()),
            headers={**headers, "Content-Encoding": "x-gzip"},
            timeout=60,
        )
        assert answer.status_code in (200, 201), answer.text
        limit = engine.settings.feeds.push_max_bytes
        bomb = gzip.compress(b'{"title": "' + b"a" * (limit + 10) + b'"}')
        answer = httpx.post(
            base + "/api/ingest", content=bomb, headers={**headers, "Content-Encoding": "gzip"}, timeout=60
        )
        assert answer.status_code == 413 and engine.store.count() == 3, answer.text


# phase 2, second round (written before running): 4bdce69's tombstones in the search and street feeds, ec57dd1's CORS


def _tombstones(atom: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(atom)
    return [element.get("ref") for element in root.iter("{http://purl.org/atompub/tombstones/1.0}deleted-entry")]


def _entry_ids(atom: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(atom)
    return [element.text for element in root.iter("{http://www.w3.org/2005/Atom}id")][1:]


def test_a_search_feed_tells_only_its_own_withdrawn_records(tmp_path) -> None:
    """4bdce69: a search feed gives an RFC 6721 tombstone for a record it matched that was withdrawn. A withdrawal of a
    record the feed never matched (the 停电通知 in a 预算 feed) is no word of it; lifted (withdraw --undo), the record is
    an entry again and its tombstone gone. A street's feed likewise: its own street's notice only."""
    import httpx

    with _served_with_outages(tmp_path) as (engine, base):
        budget = "/feeds/search.atom?q=%E9%A2%84%E7%AE%97"
        street = "/feeds/outages.atom?area=%E5%8E%A6%E7%A6%BE%E8%B7%AF"
        other_street = "/feeds/outages.atom?area=%E8%8E%B2%E5%89%8D%E8%A5%BF%E8%B7%AF"
        ids = {record.title: record.id for record in engine.export()}
        outage, budget_id = ids["停电通知"], ids["厦门市财政局关于2036年预算公开的通知"]
        assert any(budget_id in entry for entry in _entry_ids(httpx.get(base + budget).content))

        assert engine.withdraw(outage, "登错了", operator="review")
        assert _tombstones(httpx.get(base + budget).content) == []
        assert any(outage in ref for ref in _tombstones(httpx.get(base + street).content))
        assert _tombstones(httpx.get(base + other_street).content) == []

        assert engine.withdraw(budget_id, "撤回", operator="review")
        told = _tombstones(httpx.get(base + budget).content)
        assert len(told) == 1 and budget_id in told[0], told

        assert engine.restore(budget_id, "恢复", operator="review")
        again = httpx.get(base + budget).content
        assert _tombstones(again) == [] and any(budget_id in entry for entry in _entry_ids(again))


def test_any_header_on_public_reads_but_none_on_the_agencies_routes(tmp_path) -> None:
    """ec57dd1 lets another site's page send any header to the public read-only routes (X-Requested-With). The push and
    the operators' routes must still answer no origin, whatever headers the preflight asks for."""
    import httpx

    with _served_with_outages(tmp_path) as (_, base):
        asked = {
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-requested-with, authorization",
        }
        public = httpx.options(base + "/api/search?q=x", headers=asked)
        assert public.status_code == 200 and public.headers.get("access-control-allow-origin") == "*", public.headers
        assert "access-control-allow-credentials" not in public.headers
        for path, method in (("/api/ingest", "POST"), ("/api/sources", "GET"), ("/admin", "GET")):
            answer = httpx.options(base + path, headers={**asked, "Access-Control-Request-Method": method})
            assert "access-control-allow-origin" not in answer.headers, (path, answer.status_code, answer.headers)


# phase 2, third round (written before running): 6a29797's own year. A year's report, 决算 or 总结 is published the
# next year: its own year is the one its title names, and the previous year's report is the one published that year.

_YEARLY = [
    (
        "厦门市财政局2020年政府信息公开工作年度报告",
        "2021-01-22",
        "2020年，我局认真贯彻落实《政府信息公开条例》。2021年，我局将进一步加强政务公开。",
    ),
    (
        "厦门市财政局2021年政府信息公开工作年度报告",
        "2022-01-20",
        "2021年，我局主动公开政府信息356条。2022年，我局将持续优化公开平台。",
    ),
    (
        "厦门市财政局2022年政府信息公开工作年度报告",
        "2023-01-18",
        "2022年，我局主动公开政府信息402条。2023年，我局将深化政务公开。",
    ),
    ("厦门市2020年度市级决算", "2021-08-16", "2020年度市级一般公共预算收入完成情况。2021年预算执行将以此为基础。"),
    ("厦门市2021年度市级决算", "2022-08-15", "2021年度市级一般公共预算收入完成情况。2022年预算执行将以此为基础。"),
    ("厦门市2022年度市级决算", "2023-08-14", "2022年度市级一般公共预算收入完成情况。2023年预算执行将以此为基础。"),
]


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    from tests.support import build_engine

    records = [
        {
            "kind": "disclosure",
            "title": title,
            "issuer": "厦门市财政局",
            "publish_date": day,
            "body": body,
            "url": f"https://czj.xm.gov.cn/zfxxgk/ndbg/{day.replace('-', '')}.htm",
        }
        for title, day, body in _YEARLY
    ]
    engine = build_engine(tmp_path_factory.mktemp("review17_yearly") / "data", records)
    yield engine
    engine.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2021年政府信息公开工作年度报告", "厦门市财政局2021年政府信息公开工作年度报告"),
        ("财政局2021年年度报告", "厦门市财政局2021年政府信息公开工作年度报告"),
        ("2021年决算", "厦门市2021年度市级决算"),
        ("2021年度市级决算", "厦门市2021年度市级决算"),
        ("二〇二一年决算", "厦门市2021年度市级决算"),
        ("2022年 政府信息公开年报", "厦门市财政局2022年政府信息公开工作年度报告"),
    ],
)
def test_a_years_report_is_found_by_its_year_not_by_its_publication(yearly, query, expected) -> None:
    from tests.support import assert_first_hit

    assert_first_hit(yearly, query, expected)


# phase 2, fourth round (written before running): 4a12f9c/db3b95d's 文号 inside a sentence, 9817036's line numbers,
# 6ec356e's Private Network Access preflight


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.support import build_engine, sample_records

    engine = build_engine(tmp_path_factory.mktemp("review17_demo") / "data", sample_records())
    yield engine
    engine.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("请问厦财采〔2008〕5号是什么文件", "厦财采〔2008〕5号"),
        ("帮我找一下厦府函2026年4号文", "厦府函〔2026〕4号"),
        ("单位让我学习厦府函〔2026〕4号", "厦府函〔2026〕4号"),
        ("厦财采[2008]5号的全文在哪里看", "厦财采〔2008〕5号"),
    ],
)
def test_a_doc_number_said_inside_a_sentence_is_found(demo, query, expected) -> None:
    from tests.support import search, shown

    hits = search(demo, query).hits
    assert hits and hits[0].doc_number == expected, (query, shown(hits[:3]))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("莲坂3号线停电", ("b6f3d40ba3ec8ad1ccb0", "4dee5d72b7653dc2397e")),
        ("10kV莲坂2号线", ("6d445ae09b3477276672", "fe51d62cea6207984773")),
    ],
)
def test_a_line_named_with_its_number_lists_its_own_notices_first(demo, query, expected) -> None:
    from tests.support import search, shown

    hits = search(demo, query).hits
    assert {hit.id for hit in hits[:2]} == set(expected), (query, shown(hits[:4]))


def test_a_sentence_ending_in_a_house_number_is_no_doc_number(demo) -> None:
    """A 文号 said at a sentence's end is read as one (db3b95d): 湖滨南路12号停电吗 is an address and an outage question."""
    from gongkai.outage_question import answer_outage_question
    from tests.support import search

    assert answer_outage_question(demo, "湖滨南路12号停电吗") is not None
    hits = search(demo, "湖滨南路12号停电吗").hits
    assert hits and all(not hit.doc_number for hit in hits[:3]), [(h.title, h.doc_number) for h in hits[:3]]


def test_private_network_access_is_granted_to_public_reads_only(tmp_path) -> None:
    """6ec356e answers Chrome's Private Network Access preflight on the public routes; the push and the operators' routes
    must not grant it to another site's page."""
    import httpx

    with _served_with_outages(tmp_path) as (_, base):
        asked = {
            "Origin": "https://news.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Private-Network": "true",
        }
        public = httpx.options(base + "/api/search?q=x", headers=asked)
        assert public.headers.get("access-control-allow-private-network") == "true", public.headers
        for path, method in (
            ("/api/ingest", "POST"),
            ("/api/sources", "GET"),
            ("/admin", "GET"),
            ("/subscriptions", "POST"),
        ):
            answer = httpx.options(base + path, headers={**asked, "Access-Control-Request-Method": method})
            assert "access-control-allow-private-network" not in answer.headers, (path, answer.headers)
            assert "access-control-allow-origin" not in answer.headers, (path, answer.headers)


# phase 2, sixth round (written before running): e8ad38b's offer for a lone character glued to the word before it must
# not be made for a query typed right (the results are what was asked; an offer there reads as "you mistyped").


@pytest.mark.parametrize(
    # (厦门市人民政府令 was in this list: no demo record holds 令 with the rest, so its answer is relaxed and the offer of
    # 厦门市人民政府 is the relaxed answer's, not e8ad38b's: an expectation of mine)
    "query",
    ["国网厦门供电公司停电", "营业执照遗失作废", "厦门市财政局采购", "思明区停水"],
)
def test_a_query_typed_right_is_offered_no_other_spelling(demo, query) -> None:
    from tests.support import search

    answer = search(demo, query)
    assert answer.total and not answer.did_you_mean, (query, answer.total, answer.did_you_mean)


def test_a_document_signed_only_by_its_imprint_has_its_issuer_and_day(tmp_path) -> None:
    """A 会议纪要 typed as text (review s17 round 2) prints no signature but its imprint, 厦门市湖里区人民政府办公室 over
    2025年7月11日印发: it had no issuer and no written date. A signed document keeps its signature, not its imprint."""
    minutes = HELDOUT / "round2" / "湖里区政府常务会议纪要.md"
    signed = tmp_path / "关于做好秋季森林防火工作的通知.txt"
    signed.write_text(
        "厦门市人民政府关于做好秋季森林防火工作的通知\n厦府〔2025〕60号\n各区人民政府：\n请做好秋季森林防火工作。\n"
        "厦门市人民政府\n2025年9月1日\n厦门市人民政府办公厅 2025年9月3日印发\n",
        encoding="utf-8",
    )
    _cli(tmp_path / "data", "ingest", str(minutes), str(signed))
    records = _exported(tmp_path / "data")
    assert records["厦门市湖里区人民政府常务会议纪要"]["issuer"] == "厦门市湖里区人民政府办公室"
    assert records["厦门市湖里区人民政府常务会议纪要"]["written_date"] == "2025-07-11"
    assert records["厦门市人民政府关于做好秋季森林防火工作的通知"]["issuer"] == "厦门市人民政府"
    assert records["厦门市人民政府关于做好秋季森林防火工作的通知"]["written_date"] == "2025-09-01"
