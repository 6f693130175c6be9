"""Review of session 15's riskiest changes with held-out inputs (helper "review", session 15).

1. ASCII runs expanded from listed terms (indexer/ascii_terms.py): the whole answer (hits, scores, total, facets,
   snippets, relaxation) equals the open regex's for ASCII shapes the session's tests did not hold (URL and e-mail
   parts, runs with - . _ / and —, upper case, full-width, digits inside sample numbers), and a list is never used
   with a searcher of another index state (a reload by another thread landing while a search takes its searcher).
Real engine, SQLite and Tantivy."""

from __future__ import annotations

import threading
import time

import pytest

from gongkai.indexer import SearchRequest
from tests.support import build_engine

RECORDS = [
    {"kind": "notice", "notice_type": "other", "issuer": issuer, "publish_date": day, "title": title, "body": body}
    for issuer, day, title, body in (
        ("厦门市数据管理局", "2024-03-11", "关于启用新版政务服务网的公告",
         "新版网址为https://zwfw.fujian.gov.cn/xmzw，咨询邮箱zwfw_xm@xm.gov.cn，服务热线12345。"),
        ("厦门市市场监督管理局", "2024-03-20", "厦门市2024年第3批次食品安全监督抽检信息",
         "样品编号XJ2024-0315-A07，生产批号20240311B，检验依据GB 2763-2021、GB2762—2022。"),
        ("厦门市公安局交通警察支队", "2024-04-02", "关于电动自行车登记上牌的通告",
         "车型TDT-1268Z，电池规格48V/20Ah，整车质量不超过55kg。"),
        ("厦门市通信管理局", "2024-04-18", "关于推进IPv6规模部署的通知",
         "各单位门户网站完成IPv6改造，支持TLS1.3与HTTP/2协议。"),
        ("厦门市人民政府办公厅", "2024-05-06", "关于推广ＡＰＰ办事的通知",
         "扫码下载“i厦门”ＡＰＰ，当前版本Ｖ３.２.１，可在线办理社保业务。"),
        ("厦门路桥建设集团", "2024-05-21", "关于ETC速通卡办理的公告",
         "ETC用户可通过XMETC公众号查询通行记录，客服电话0592-5670000。"),
        ("厦门市大数据有限公司", "2024-06-03", "公共数据开放目录更新公告",
         "新增接口get_bus_line_v2，数据集编号xm_open_data_0042，调用限额每日10000次。"),
        ("厦门市生态环境局", "2024-06-17", "关于发布排污许可证有效期的通告",
         "许可证有效期2024/05/01至2029/04/30，执行标准HJ/T 0101-2024及DB35/1311-2013。"),
    )
]

QUERIES = [
    "gov", "xm.gov", "fujian", "zwfw", "xm@xm", "zwfw_xm", "12345", "2345", "0315", "XJ2024", "a07", "2763",
    "GB2762", "2762—2022", "1268z", "TDT", "48V", "20ah", "ipv6", "IPV6改造", "tls1.3", "HTTP/2", "app", "ＡＰＰ",
    "Ｖ３", "3.2.1", "etc", "XMETC", "bus_line", "line_v2", "0042", "2024/05", "05/01", "HJ/T", "0101-2024",
    "DB35", "1311", "5670000", "0592", "kg", "v2 接口", "ETC 公告", "2024", "20", "zz9nothing", "IPv6 TLS",
    "get_bus", "数据集编号xm", "https", "fujian.gov.cn/xmzw",
]


def _answer(response) -> tuple:
    return (
        response.total,
        response.relaxed,
        tuple(response.dropped),
        tuple(response.did_you_mean),
        tuple(sorted((k, tuple(sorted(v.items()))) for k, v in response.facets.items())),
        tuple((h.id, round(h.score, 4), h.snippet_html, h.partial) for h in response.hits),
    )


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    listed = build_engine(tmp_path_factory.mktemp("listed") / "data", RECORDS)
    by_regex = build_engine(tmp_path_factory.mktemp("regex") / "data", RECORDS)
    by_regex.index._term_lists = lambda *args: None  # type: ignore[method-assign]  # the open regexes, as before
    yield listed, by_regex
    listed.close()
    by_regex.close()


@pytest.mark.parametrize("q", QUERIES)
def test_listed_terms_answer_as_the_open_regex(engines, q) -> None:
    listed, by_regex = engines
    request = SearchRequest(q=q, limit=20)
    assert _answer(listed.search(request)) == _answer(by_regex.search(request))


def test_held_out_runs_are_found(engines) -> None:
    listed, _ = engines

    def titles(q: str) -> set[str]:
        return {hit.title for hit in listed.search(SearchRequest(q=q, limit=20)).hits}

    assert titles("zwfw_xm") == {"关于启用新版政务服务网的公告"}
    assert titles("0315") == {"厦门市2024年第3批次食品安全监督抽检信息"}
    assert titles("XMETC") == {"关于ETC速通卡办理的公告"}
    assert titles("line_v2") == {"公共数据开放目录更新公告"}
    assert "关于推进IPv6规模部署的通知" in titles("ipv6")


class _PausingIndex:
    """A tantivy index whose reload() holds for a moment after reloading (another thread's reload_if_changed caught
    between the reload and the version bump): a search must not pair the searcher of the new state with the term
    list of the old one."""

    def __init__(self, index, reloaded: threading.Event) -> None:
        self._index = index
        self._reloaded = reloaded

    def reload(self) -> None:
        self._index.reload()
        self._reloaded.set()
        time.sleep(0.5)

    def __getattr__(self, name):
        return getattr(self._index, name)


def test_a_reload_landing_during_a_search_never_pairs_an_old_term_list_with_a_new_searcher(tmp_path) -> None:
    first = build_engine(tmp_path / "data", RECORDS[:1])
    try:
        assert first.search(SearchRequest(q="食品安全 0315")).total == 0  # the list of this state is read
        other = build_engine(tmp_path / "data", RECORDS[1:2])  # another process's ingest commits
        other.close()
        generation = first.index._generation
        reloaded = threading.Event()
        generation.index = _PausingIndex(generation.index, reloaded)
        thread = threading.Thread(target=first.index.reload_if_changed)
        thread.start()
        assert reloaded.wait(10)
        request = SearchRequest(q="监督抽检 0315")  # Han words found by the searcher, the run by the list (not cached)
        during = _answer(first.index.search(request))
        thread.join()
        after = first.search(request)
        assert [h.title for h in after.hits] == ["厦门市2024年第3批次食品安全监督抽检信息"] and not after.relaxed
        assert during[0] == 0 or during == _answer(after)  # the old state whole (nothing), or the new one whole
        generation.index = generation.index._index
    finally:
        first.close()


# ----- 3. the drop folder: a late sidecar is paired only with a document that went in without one ---------------------

_NOTICE_PAGE = ("<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>各镇（街）、各有关单位：</p>"
                "<p>{body}</p><p>厦门市同安区农业农村局</p><p>{day}</p></body></html>")


def _page(title: str, body: str, day: str) -> bytes:
    return _NOTICE_PAGE.format(title=title, body=body, day=day).encode()


def test_a_sidecar_sent_before_a_new_document_of_a_reused_name_is_not_given_the_old_one(tmp_path) -> None:
    """An agency names every day's page 通知.html and sends it with its 通知.html.json. Read together at 9:00; at 9:30
    the next day's pair comes sidecar first (the upload's order): that sidecar is the new document's, not a late one of
    the 9:00 page, which had its own. It waits for its document, and the two are read together; the 9:00 record keeps
    its 文号."""
    import json
    import os

    from gongkai.engine import Engine
    from gongkai.feeds.inbox import process_inbox
    from gongkai.settings import load_settings

    data = tmp_path / "data"
    folder = data / "inbox" / "厦门市同安区农业农村局"
    folder.mkdir(parents=True)
    old = time.time() - 600

    def put(name: str, content: bytes) -> None:
        (folder / name).write_bytes(content)
        os.utime(folder / name, (old, old))

    put("通知.html", _page("关于做好2027年春耕备耕工作的通知", "请各镇（街）抓好春耕备耕，落实种子化肥储备。", "2027年2月20日"))
    put("通知.html.json", json.dumps({"doc_number": "同农〔2027〕5号"}, ensure_ascii=False).encode())
    engine = Engine(load_settings(data_dir=data))
    try:
        first = process_inbox(engine, now=time.time() + 60)
        assert first.counts["new"] == 1, first
        put("通知.html.json", json.dumps({"doc_number": "同农〔2027〕6号"}, ensure_ascii=False).encode())
        early = process_inbox(engine, now=time.time() + 60)
        assert early.counts.get("new", 0) == early.counts.get("updated", 0) == 0 and early.waiting == 1, early
        put("通知.html", _page("关于开展2027年动物春季防疫工作的通知", "请各镇（街）做好春季重大动物疫病免疫工作。", "2027年2月21日"))
        second = process_inbox(engine, now=time.time() + 60)
        assert second.counts["new"] == 1 and second.counts["quarantined"] == 0, second
        live = sorted((r.title, r.doc_number) for r in engine.export() if not r.withdrawn)
        assert live == [("关于做好2027年春耕备耕工作的通知", "同农〔2027〕5号"), ("关于开展2027年动物春季防疫工作的通知", "同农〔2027〕6号")], live
    finally:
        engine.close()


def test_a_run_follows_withdrawals_and_a_reindex_by_another_process(tmp_path) -> None:
    """The term lists of one index state are never used for another: a record withdrawn here is no longer found by its
    run; a record ingested by another process which then switched generations (gongkai reindex) is found."""
    first = build_engine(tmp_path / "data", RECORDS[:2])
    try:
        assert [h.title for h in first.search(SearchRequest(q="0315")).hits] == ["厦门市2024年第3批次食品安全监督抽检信息"]
        [hit] = first.search(SearchRequest(q="0315")).hits
        assert first.withdraw(hit.id, "重复发布")
        assert first.search(SearchRequest(q="0315")).total == 0
        other = build_engine(tmp_path / "data", [
            {"kind": "notice", "notice_type": "other", "issuer": "厦门市市场监督管理局", "publish_date": "2024-07-01",
             "title": "厦门市2024年第7批次食品安全监督抽检信息", "body": "样品编号XJ2024-0702-B03，生产批号HX20240315。"}])
        try:
            other.reindex()
        finally:
            other.close()
        assert [h.title for h in first.search(SearchRequest(q="0315")).hits] == ["厦门市2024年第7批次食品安全监督抽检信息"]
        assert first.search(SearchRequest(q="zwfw")).total == 1
    finally:
        first.close()


# ----- 5. parsing: a 名称 label in the body is the body's, under a heading that is a title --------------------------

_TENDER = ["关于湖里区江头片区老旧小区改造工程施工招标的公告", "厦门市湖里区建设与交通局", "一、项目概况"]
_TENDER_CARD = [("名称", "江头片区老旧小区改造工程（一期）"), ("发布时间", "2024年5月6日")]
_TENDER_END = ["二、投标人资格要求：具有建筑工程施工总承包三级以上资质。", "厦门市湖里区建设与交通局", "2024年5月6日"]


def test_a_project_card_under_a_titled_heading_does_not_name_the_document() -> None:
    """A tender notice's project card (名称 | 江头片区… | 发布时间 | …), a DOCX table of label cells (read as label lines since
    302bcaf) or the same lines in a text: its 名称 is the project's, the document's title is its heading (it became the
    project's name). The card's 发布时间 still dates it. A card above the heading (a disclosure page's) still names it."""
    from gongkai.parsers import Capture, parse
    from gongkai.settings import load_settings
    from tests.test_fields9_heldout import _docx

    settings = load_settings().parsers
    docx = parse(Capture(_docx(_TENDER, _TENDER_CARD, _TENDER_END), filename="zb.docx"), settings)
    lines = [*_TENDER, *(f"{label}：{value}" for label, value in _TENDER_CARD), *_TENDER_END]
    text = parse(Capture("\n".join(lines).encode(), filename="zb.txt"), settings)
    for record in (docx, text):
        assert record.title == "关于湖里区江头片区老旧小区改造工程施工招标的公告", record.title
        assert str(record.publish_date) == "2024-05-06"
    card_first = ["信息名称：厦门市湖里区人民政府关于江头片区征收补偿方案的公告", "发布机构：厦门市湖里区人民政府",
                  "关于江头片区征收补偿方案", "各有关单位：", "现将补偿方案公告如下。"]
    first = parse(Capture("\n".join(card_first).encode(), filename="zs.txt"), settings)
    assert first.title == "厦门市湖里区人民政府关于江头片区征收补偿方案的公告", first.title
    whole_below = ["关于印发厦门市促进会展业发展若干措施的通知", "名称：厦门市人民政府办公厅关于印发厦门市促进会展业发展若干措施的通知",
                   "文号：厦府办规〔2024〕3号", "各区人民政府，市直各委、办、局：", "现将《厦门市促进会展业发展若干措施》印发给你们。"]
    below = parse(Capture("\n".join(whole_below).encode(), filename="hz.txt"), settings)
    assert below.title == "厦门市人民政府办公厅关于印发厦门市促进会展业发展若干措施的通知", below.title  # its name whole: kept


# ----- 2. a statement that a document's force was not …, is no question about it ----------------------------------


@pytest.mark.parametrize(("query", "asked"), [
    ("拆迁补偿没有执行", False),  # a statement (a complaint): 执行 is searched
    ("身份证没有失效", False),
    ("住房公积金管理条例废止了没有", True),  # the question after the status
    ("医疗广告管理办法有没有废止", True),
    ("物业管理条例还没有废止吗", True),
    ("暂行办法有效没有", True),
])
def test_a_negation_before_the_status_is_a_statement(query, asked) -> None:
    from gongkai.indexer.understand import Rules, understand
    from gongkai.indexer.vocabulary import build_vocabulary
    from gongkai.settings import SearchSettings

    settings = SearchSettings()
    understood = understand(query, build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms))
    status = [s for s in understood.segments if s.text in ("执行", "失效", "废止", "有效")]
    assert status and all(s.stop == asked for s in status), [(s.text, s.stop) for s in understood.segments]
