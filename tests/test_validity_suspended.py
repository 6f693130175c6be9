"""A suspended document (暂停执行, validity3, session 18) end to end: the rule that decides it (a suspension holds from its
first day until a resumption on or after it, or the day it printed passes; repealed and expired come first), the readings
that must stay what they were (继续执行至… extends, 恢复执行时间另行通知 resumes nothing, a part suspended keeps the
document in force), the store on SQLite and PostgreSQL in either order of arrival, and what clients see: the API and its
schema, the page's badge, the OAI gongkai format against its XSD, the Atom category, `gongkai show` and `validity set`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest
from lxml import etree

from gongkai.record import Record
from gongkai.store.store import Store
from gongkai.validity import Incoming, derive
from parsers.validity import read_statements, suspension_days
from tests.support import served_engine

FEE = Record(
    id="fee",
    kind="disclosure",
    title="厦门市机动车停放服务收费管理办法",
    doc_number="厦发改规〔2021〕4号",
    publish_date=date(2021, 3, 1),
    issuer="厦门市发展和改革委员会",
    body="第二十四条 本办法自2021年4月1日起施行，有效期至2030年12月31日。",
)
PAUSE = Record(
    id="fee-pause",
    kind="disclosure",
    title="关于暂停执行《厦门市机动车停放服务收费管理办法》的通知",
    doc_number="厦发改价格〔2025〕31号",
    publish_date=date(2025, 6, 10),
    issuer="厦门市发展和改革委员会",
    body="经市政府同意，自2025年7月1日起暂停执行《厦门市机动车停放服务收费管理办法》（厦发改规〔2021〕4号），恢复执行时间另行通知。",
)
RESUME = Record(
    id="fee-resume",
    kind="disclosure",
    title="关于恢复执行《厦门市机动车停放服务收费管理办法》的通知",
    doc_number="厦发改价格〔2026〕3号",
    publish_date=date(2026, 1, 20),
    issuer="厦门市发展和改革委员会",
    body="《厦门市机动车停放服务收费管理办法》（厦发改规〔2021〕4号）自2026年2月1日起恢复执行。",
)


def _incoming(kind: str, statement: str, published: date, src: str = "s") -> Incoming:
    return Incoming(src, kind, "甲办法", "", None, statement, published)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 6, 30), "in_force"),
        (date(2025, 7, 1), "suspended"),
        (date(2026, 1, 31), "suspended"),
        (date(2026, 2, 1), "in_force"),
    ],
)
def test_a_suspension_holds_from_its_day_until_the_resumption(today, status):
    incoming = [
        _incoming("suspends", "自2025年7月1日起暂停执行《甲办法》，恢复执行时间另行通知。", date(2025, 6, 10), "p"),
        _incoming("resumes", "《甲办法》自2026年2月1日起恢复执行。", date(2026, 1, 20), "r"),
    ]
    derived = derive(today, date(2021, 4, 1), None, False, incoming, False)
    assert derived.status == status
    if status == "suspended":
        assert derived.detail["suspended_on"] == "2025-07-01" and derived.detail["suspended_by"] == "p"
    elif today.year == 2026:
        assert derived.detail["resumed_on"] == "2026-02-01" and derived.detail["resumed_by"] == "r"


def test_a_suspension_to_a_printed_day_ends_by_itself_and_one_without_a_day_counts_from_its_document():
    until = [_incoming("suspends", "《甲办法》暂停执行至2025年12月31日，2026年1月1日起恢复执行。", date(2025, 1, 10))]
    assert derive(date(2025, 12, 31), date(2020, 6, 1), None, False, until, False).status == "suspended"
    assert derive(date(2026, 1, 1), date(2020, 6, 1), None, False, until, False).status == "in_force"
    undated = [_incoming("suspends", "决定暂缓执行《甲办法》。", date(2024, 3, 1))]
    assert derive(date(2024, 2, 29), date(2022, 5, 1), None, False, undated, False).status == "in_force"
    assert (
        derive(date(2024, 3, 1), date(2022, 5, 1), None, False, undated, False).detail["suspended_on"] == "2024-03-01"
    )


def test_repealed_and_expired_come_before_suspended_and_an_agencys_word_stands():
    paused = [_incoming("suspends", "暂停执行《甲办法》。", date(2022, 4, 1))]
    repeal = Incoming("r", "repeals", "甲办法", "", date(2024, 1, 5), "决定废止《甲办法》。")
    assert derive(date(2026, 1, 1), date(2018, 6, 1), None, False, [*paused, repeal], False).status == "repealed"
    assert derive(date(2026, 1, 1), date(2021, 2, 1), date(2024, 12, 31), False, paused, False).status == "expired"
    # a document not yet in force, deferred (暂缓实施): suspended, not 尚未施行
    deferred = [_incoming("suspends", "决定暂缓实施《甲办法》，实施时间另行通知。", date(2024, 12, 25))]
    assert derive(date(2024, 12, 26), date(2025, 1, 1), None, False, deferred, False).status == "suspended"
    stated = {"status": "suspended", "text": "暂停执行", "source": "x"}
    assert derive(date(2026, 1, 1), date(2019, 4, 1), None, False, [], False, stated=stated).status == "suspended"


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("决定自2024年1月1日起暂停执行《甲办法》（厦府规〔2019〕7号）第十二条关于占道费的规定。", {"suspends_part"}),
        ("《甲办法》（厦府规〔2019〕7号）中关于收费的规定暂停执行。", {"suspends_part"}),
        ("暂停执行《甲办法》（厦府规〔2019〕7号），恢复执行时间另行通知。", {"suspends"}),
        ("《甲办法》（厦府规〔2019〕7号）继续执行至2027年12月31日。", {"extends"}),
        ("《甲办法》（厦府规〔2019〕7号）继续执行。", {"cites"}),  # kept as it is: cited, neither extended nor resumed
        ("因管道抢修，暂停供水，恢复供水时间另行通知。", set()),
        ("根据《甲办法》（厦府规〔2019〕7号）的规定，12月1日至3日暂停办理登记业务。", {"cites"}),
        ("自2025年1月1日起，《甲办法》和《乙规定》暂停执行。", {"suspends"}),
        # a law's cases of suspending enforcement (行政强制法 第三十九条): no document suspended
        (
            "有下列情形之一的，中止执行：\n（一）当事人履行行政决定确有困难或者暂无履行能力的；\n（二）第三人对执行标的主张权利，"
            "确有理由的；\n中止执行的情形消失后，行政机关应当恢复执行。\n依照《中华人民共和国行政诉讼法》的规定暂停执行的……",
            {"cites"},
        ),
        (
            "下列文件自2026年2月1日起暂缓执行：\n1.《甲办法》（厦府规〔2019〕7号）\n2.《乙规定》（厦府规〔2019〕8号）\n",
            {"suspends"},
        ),
    ],
)
def test_what_a_sentence_suspends(body, kinds):
    refs = read_statements("关于有关文件的通知", body, date(2024, 1, 1)).references
    assert {ref.kind for ref in refs} == kinds, refs


def test_a_chained_and_a_listed_suspension_take_each_document_and_the_day():
    chained = [
        r for r in read_statements("通知", "自2025年1月1日起，《甲办法》和《乙规定》暂停执行。", None).references
    ]
    assert [r.title for r in chained] == ["甲办法", "乙规定"]
    assert {suspension_days(r.statement, r.title, r.doc_number) for r in chained} == {(date(2025, 1, 1), None)}
    body = "下列文件自2026年2月1日起暂缓执行：\n1.《甲办法》（厦府规〔2019〕7号）\n2.《乙规定》（厦府规〔2019〕8号）\n"
    listed = read_statements("通知", body, None).references
    assert [r.doc_number for r in listed] == ["厦府规〔2019〕7号", "厦府规〔2019〕8号"]
    assert {suspension_days(r.statement, r.title, r.doc_number)[0] for r in listed} == {date(2026, 2, 1)}


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request, tmp_path):
    from tests.test_store import POSTGRES_URL, _drop_all

    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the validity store tests on PostgreSQL too")
    made = []

    def make(name: str = "s") -> Store:
        if request.param == "postgresql":
            for earlier in made:
                earlier.close()
            _drop_all(POSTGRES_URL)
            store = Store(POSTGRES_URL, tmp_path / f"raw-{name}")
        else:
            store = Store(f"sqlite:///{tmp_path / (name + '.db')}", tmp_path / f"raw-{name}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.mark.parametrize("order", [(FEE, PAUSE, RESUME), (RESUME, PAUSE, FEE), (PAUSE, FEE, RESUME)])
def test_the_store_suspends_and_resumes_whatever_arrives_first(make_store, order):
    store = make_store("o")
    for record in order[:2]:
        store.write_batch([record])
    store.validity_recompute(date(2025, 12, 1))
    if FEE in order[:2] and PAUSE in order[:2]:
        view = store.validity("fee")["validity"]
        assert view["status"] == "suspended" and view["suspended_on"] == "2025-07-01"
        assert [i["id"] for i in view["suspended_by"]] == ["fee-pause"]
    store.write_batch([order[2]])
    store.validity_recompute(date(2025, 12, 1))
    view = store.validity("fee")["validity"]
    assert view["status"] == "suspended" and [i["id"] for i in view["resumed_by"]] == ["fee-resume"]
    assert store.validity_statuses(["fee"]) == {"fee": "suspended"}
    store.validity_recompute(date(2026, 2, 1))  # the daily job on the resumption's day
    view = store.validity("fee")["validity"]
    assert view["status"] == "in_force" and view["resumed_on"] == "2026-02-01"
    assert [i["id"] for i in store.validity("fee-pause")["validity"]["suspends"]] == ["fee"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("suspended"), [FEE, PAUSE]) as pair:
        yield pair


def test_the_api_says_suspended_with_who_and_since_when(served):
    _engine, base = served
    body = httpx.get(f"{base}/api/documents/fee", timeout=10).json()
    assert body["validity"]["status"] == "suspended"
    assert body["validity"]["suspended_on"] == "2025-07-01"
    assert [item["id"] for item in body["validity"]["suspended_by"]] == ["fee-pause"]
    search = httpx.get(f"{base}/api/search", params={"q": "收费", "validity": "暂停执行"}, timeout=10).json()
    assert [hit["id"] for hit in search["hits"]] == ["fee"] and search["hits"][0]["validity"] == "suspended"
    wrong = httpx.get(f"{base}/api/search", params={"q": "收费", "validity": "暂停一下"}, timeout=10)
    assert wrong.status_code == 422 and "暂停执行" in wrong.text
    schema = httpx.get(f"{base}/openapi.json", timeout=10).json()["components"]["schemas"]["Validity"]
    assert "suspended" in schema["properties"]["status"]["enum"]


def test_the_page_shows_the_badge_and_the_suspending_sentence(served):
    _engine, base = served
    page = httpx.get(f"{base}/documents/fee", timeout=10).text
    assert '<span class="badge badge-suspended">暂停执行</span>' in page
    assert "自 2025-07-01 起" in page and "恢复执行时间另行通知" in page
    results = httpx.get(f"{base}/", params={"q": "停放服务收费"}, timeout=10).text
    assert "badge-suspended" in results


def test_the_oai_record_and_the_atom_entry_carry_it(served):
    _engine, base = served
    response = httpx.get(
        f"{base}/oai",
        params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": "oai:gongkai.localhost:fee"},
        timeout=10,
    )
    ns = {"oai": "http://www.openarchives.org/OAI/2.0/", "g": "urn:gongkai:record:1.0"}
    record = etree.fromstring(response.content).find("oai:GetRecord/oai:record/oai:metadata/g:record", ns)
    assert record is not None and record.findtext("g:validity/g:status", namespaces=ns) == "suspended"
    assert record.findtext("g:validity/g:suspended_by/g:id", namespaces=ns) == "fee-pause"
    xsd = etree.XMLSchema(etree.parse(str(Path(__file__).parents[1] / "feeds" / "gongkai-record.xsd")))
    assert xsd.validate(record), xsd.error_log
    feed = httpx.get(f"{base}/feeds/search.atom", params={"q": "停放服务收费"}, timeout=10).text
    assert 'term="suspended"' in feed and 'label="暂停执行"' in feed


@pytest.mark.usefixtures("fresh_cli_state")
def test_the_cli_shows_graphs_and_sets_it(tmp_path):
    """Real CLI: `gongkai show` says 暂停执行 with its day and who, `graph` reads suspended_by, `validity set ID 暂停执行`."""
    import json

    from tests.cli_run import run

    data, records = tmp_path / "data", tmp_path / "records.jsonl"
    lines = [json.dumps(r.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False) for r in (FEE, PAUSE)]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0
    shown = run(data, "show", "fee").stdout.replace("\n", "")  # rich wraps at the terminal's width
    assert "暂停执行 (suspended)" in shown and "暂停执行自 2025-07-01" in shown and "暂停执行，由 fee-pause" in shown
    assert any(
        line.startswith("suspended_by") and "fee-pause" in line
        for line in run(data, "graph", "fee").stdout.splitlines()
    )
    result = run(data, "validity", "set", "fee-pause", "暂停执行", "--reason", "核对", "--by", "ops", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["status"] == "suspended"


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # a document named by its 文号 alone, before or after the verb (a 价格 notice's way)
        (
            "经研究，决定自2024年7月1日起暂停执行厦价商〔2019〕5号文件，恢复时间另行通知。",
            ("suspends", "厦价商〔2019〕5号", date(2024, 7, 1), None),
        ),
        ("厦价商〔2019〕5号文件自2024年7月1日起暂停执行。", ("suspends", "厦价商〔2019〕5号", date(2024, 7, 1), None)),
        ("自2025年1月1日起恢复执行厦价商〔2019〕5号文件。", ("resumes", "厦价商〔2019〕5号", date(2025, 1, 1), None)),
        # a suspension for a period: from its first day (printed, else the stating document's: 2024-06-20 here)
        (
            "《甲办法》（厦府规〔2019〕7号）自2024年1月1日起暂停执行一年。",
            ("suspends", "厦府规〔2019〕7号", date(2024, 1, 1), date(2024, 12, 31)),
        ),
        (
            "决定暂停执行《甲办法》（厦府规〔2019〕7号）6个月。",
            ("suspends", "厦府规〔2019〕7号", None, date(2024, 12, 19)),
        ),
    ],
)
def test_a_suspension_by_number_alone_or_for_a_period(body, want):
    refs = [
        r
        for r in read_statements("关于有关文件的通知", body, date(2024, 6, 20)).references
        if r.kind in ("suspends", "resumes")
    ]
    assert len(refs) == 1, refs
    ref = refs[0]
    assert (
        ref.kind,
        ref.doc_number,
        *suspension_days(ref.statement, ref.title, ref.doc_number, ref.kind, date(2024, 6, 20)),
    ) == want


@pytest.mark.parametrize(
    "body",
    [
        "暂停执行厦价商〔2019〕5号文件第三条。",
        "根据厦价商〔2019〕5号文件规定，暂停办理相关业务。",
        "厦价商〔2019〕5号文件继续执行。",
    ],
)
def test_a_number_with_a_part_or_a_citation_suspends_nothing(body):
    assert not [
        r for r in read_statements("通知", body, date(2024, 6, 20)).references if r.kind in ("suspends", "resumes")
    ]


def test_a_traditional_suspension_printing_no_number_is_read():
    """暫停執行《甲規定》 printing no 號, 廢, 辦 or 條 (the marks that fold a Traditional body) was read as nothing."""
    refs = read_statements(
        "暫停執行通知", "經研究，自2025年4月15日起暫停執行《甲規定》，恢復執行時間另行通知。", None
    ).references
    assert [(r.kind, r.title) for r in refs] == [("suspends", "甲规定")]


ROAD = Record(
    id="road",
    kind="disclosure",
    title="厦门市城市道路临时占用管理办法",
    doc_number="厦府规〔2019〕7号",
    publish_date=date(2019, 11, 1),
    issuer="厦门市人民政府",
    body="第三十五条 本办法自2019年12月1日起施行。",
)
ROAD_PART = Record(
    id="road-part",
    kind="disclosure",
    title="关于暂停执行《厦门市城市道路临时占用管理办法》第十二条的通知",
    doc_number="厦市政园林〔2024〕9号",
    publish_date=date(2023, 12, 20),
    issuer="厦门市市政园林局",
    body="决定自2024年1月1日起暂停执行《厦门市城市道路临时占用管理办法》（厦府规〔2019〕7号）第十二条关于占道费收取的规定。",
)


def test_the_page_of_a_resumed_and_of_a_partly_suspended_document(tmp_path):
    """After 恢复执行 the page says 现行有效 and who resumed it since when; a part suspended says 部分条款…暂停执行."""
    with served_engine(tmp_path / "data", [FEE, PAUSE, RESUME, ROAD, ROAD_PART]) as (engine, base):
        assert engine.validity("fee")["validity"]["status"] == "in_force"  # resumed on 2026-02-01, before today
        page = httpx.get(f"{base}/documents/fee", timeout=10).text
        assert '<span class="badge badge-in_force">现行有效</span>' in page
        assert "恢复执行，自 2026-02-01 起" in page and "暂停执行" in page
        road = httpx.get(f"{base}/documents/road", timeout=10).text
        assert (
            '<span class="badge badge-in_force">现行有效</span>' in road and "部分条款由" in road and "第十二条" in road
        )
        view = engine.validity("road")["validity"]
        assert [i["id"] for i in view["suspended_in_part_by"]] == ["road-part"] and view["suspended_by"] == []
