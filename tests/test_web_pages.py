"""The server-rendered pages over a real socket: what a citizen's browser receives."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gongkai.record import Record
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine

REAL_DOC_NUMBER = "国办函〔2018〕71号"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = sample_records() + [Record(**r) for r in govcn_records()]
    with (served_engine(tmp_path_factory.mktemp("web") / "data", records) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client, records


@pytest.fixture
def client(site):
    return site[1]


class Links(HTMLParser):
    """Every <a href> with its text, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a":
            self._href, self._text = attrs.get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def page(client: httpx.Client, path: str, status: int = 200, **params) -> str:
    response = client.get(path, params=params) if params else client.get(path)  # params={} would drop the URL's query
    assert response.status_code == status, (path, params, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_page_lists_the_newest_records_and_is_accessible(client):
    html = page(client, "/")
    assert '<html lang="zh-CN">' in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert '<label for="q"' in html and 'id="q" name="q" type="search"' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "共 <strong>440</strong> 条结果" in html


def test_search_page_shows_highlighted_snippets_and_keeps_the_query_in_links(client):
    html = page(client, "/search", q="停电")
    assert "<em>停电</em>" in html
    assert 'value="停电"' in html  # the box keeps the query
    links = parse(html).links
    detail = [href for href, _ in links if href.startswith("/documents/")]
    assert len(detail) == 10 and all(parse_qs(urlsplit(h).query)["q"] == ["停电"] for h in detail)
    facet_links = [href for href, _ in links if "notice_type=outage" in href]
    assert facet_links and all(parse_qs(urlsplit(h).query)["q"] == ["停电"] for h in facet_links)


def test_facet_link_filters_and_shows_counts(client, site):
    html = page(client, "/search", q="厦门")
    match = re.search(r'<a href="([^"]*kind=notice[^"]*)"><span class="facet-label">便民公告</span> <span class="count">(\d+)</span>', html)
    assert match, "the 类别 facet lists 便民公告 with a count"
    href, count = match.group(1).replace("&amp;", "&"), int(match.group(2))
    filtered = page(client, href)
    assert f"共 <strong>{count}</strong> 条结果" in filtered
    assert 'aria-current="true"' in filtered and "取消此筛选" in filtered
    kinds = re.findall(r'<li class="hit">\s*<h3 class="hit-title">.*?<span class="tag tag-(\w+)">', filtered, flags=re.S)
    assert len(kinds) == 10 and set(kinds) == {"notice"}


def test_pagination_links_walk_all_results_without_repeats(client):
    first = page(client, "/search", q="厦门", sort="date")
    total = int(re.search(r"共 <strong>(\d+)</strong>", first).group(1))
    seen, html, pages = [], first, 0
    while True:
        pages += 1
        seen += re.findall(r'<h3 class="hit-title"><a href="/documents/([0-9a-f]+)\?', html)
        next_link = re.search(r'<a rel="next" href="([^"]+)"', html)
        if not next_link:
            break
        assert "sort=date" in next_link.group(1) and "q=%E5%8E%A6%E9%97%A8" in next_link.group(1)
        html = page(client, next_link.group(1).replace("&amp;", "&"))
    assert len(seen) == len(set(seen)) == total and pages == -(-total // 10)
    assert 'aria-current="page"' in html


def test_detail_page_has_the_metadata_table_body_and_source(client, site):
    engine = site[0]
    record = engine.lookup(doc_number=REAL_DOC_NUMBER)[0]
    html = page(client, f"/documents/{record.id}", q="集约化")
    for label, value in [("索引号", record.index_number), ("文号", REAL_DOC_NUMBER), ("发布机构", "国务院办公厅"),
                         ("成文日期", record.written_date.isoformat()), ("发布日期", record.publish_date.isoformat()),
                         ("主题分类", record.topic)]:  # fmt: skip
        assert re.search(rf'<th scope="row">{label}</th><td>(<a [^>]*>)?{re.escape(value)}', html), label
    assert "<mark>集约化</mark>" in html
    assert f'href="{record.url}"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert html.count("<p>") > 5  # the full text, paragraph by paragraph


def test_outage_notice_page_shows_windows_and_areas(client, site):
    record = next(r for r in site[2] if r.notice_type == "outage" and r.title == "国网厦门供电公司停电公告" and str(r.publish_date) == "2016-05-27")
    html = page(client, f"/documents/{record.id}")
    assert "停水停电通知要点" in html
    assert "2016-05-29 09:00 至 19:00" in html and "2016-05-31 13:00 至 17:00" in html and "<dd>停电</dd>" in html
    # Each window in its own row with its own streets: 仙岳路 in window 1's row only, 湖里大道 in window 2's.
    rows = [row.split("</tr>")[0] for row in html.split('<tr class="outage-event">')[1:]]
    assert len(rows) == 2
    assert "2016-05-29 09:00" in rows[0] and "<li>湖里区仙岳路</li>" in rows[0] and "湖里大道" not in rows[0]
    assert "2016-05-31 13:00" in rows[1] and "<li>湖里区湖里大道</li>" in rows[1] and "仙岳路" not in rows[1]
    assert "10kV莲坂5号线" in rows[0] and "<dt>原因</dt>" in html and "<dt>发布单位</dt>" in html
    for raw in ("utility", "events", "power", "type", "cut"):
        assert f">{raw}<" not in html and f">{raw}：" not in html  # no raw key or English value


def test_lost_notice_page_shows_what_was_lost(client, site):
    record = next(r for r in site[2] if r.notice_type == "lost")
    html = page(client, f"/documents/{record.id}")
    assert "遗失声明要点" in html and "<dt>遗失物品</dt>" in html
    for item in record.notice.items:
        assert f"<li>{item}</li>" in html
    assert "<dt>声明作废</dt>" in html


def test_withdrawn_record_page_is_410_and_says_so(tmp_path):
    records = [r for r in sample_records() if r.kind == "disclosure"][:3]
    with served_engine(tmp_path / "data", records) as (engine, base_url):
        engine.withdraw(records[0].id, "撤销")
        response = httpx.get(f"{base_url}/documents/{records[0].id}")
        assert response.status_code == 410
        assert "已撤销" in response.text and records[0].body[:30] not in response.text


def test_unknown_record_and_unknown_page_are_404_pages(client):
    assert "找不到这条信息" in page(client, "/documents/0000000000000000dead", 404)
    assert "找不到这个页面" in page(client, "/no/such/page", 404)


def test_over_long_query_is_a_400_page_with_the_reason(client):
    html = page(client, "/search", 400, q="字" * 501)
    assert "查询过长" in html and 'role="alert"' in html


@pytest.mark.parametrize("status", [200, 400])
def test_a_long_query_is_shortened_in_the_heading_and_title_and_kept_whole_in_the_box(client, status):
    # A 300-character query filled the heading and the tab title; the box keeps it to edit.
    query = "停电" + "很长的查询词" * (50 if status == 200 else 84)  # 400: over search.max_query_length (500)
    html = page(client, "/search", status, q=query)
    shown = query[:39] + "…"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert shown in title and query[:40] not in title
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert shown in h1 and query[:40] not in h1
    box = re.search(r'<input id="q"[^>]*value="([^"]*)"', html).group(1)
    if status == 200:
        assert box == query
        heading = re.search(r'<h2 id="results-heading"[^>]*>(.*?)</h2>', html, re.S).group(1)
        assert f"“{shown}”" in heading and query[:40] not in heading
    else:
        assert box == query[:500]  # refused: the box keeps what may be sent
    assert html.count(query[:40]) == 1  # the full text only in the box


def test_a_short_query_is_shown_whole(client):
    html = page(client, "/search", q="湖滨南路停水")
    assert "<title>湖滨南路停水 - 搜索" in html and "…" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_a_broken_filter_is_ignored_and_said(client):
    html = page(client, "/search", q="停电", year="abc", kind="nonsense")
    assert "已忽略无效的筛选条件" in html and "year" in html and "kind" in html
    assert "<em>停电</em>" in html


def test_query_text_is_escaped_everywhere(client):
    html = page(client, "/search", q='"><script>alert(1)</script>')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_feed_link_for_the_current_search(client):
    html = page(client, "/search", q="停电", kind="notice", page=2)
    match = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)"', html)
    assert match
    url = urlsplit(match.group(1).replace("&amp;", "&"))
    assert url.path == "/feeds/search.atom" and parse_qs(url.query) == {"q": ["停电"], "kind": ["notice"]}


def test_outage_page_answers_for_a_street_and_a_day(client):
    yes = page(client, "/outages", area="仙岳路", date="2016-05-29")
    assert "有 " in yes and "2016-05-29 09:00 至 19:00" in yes
    no = page(client, "/outages", area="仙岳路", date="2016-05-30")
    assert "2016-05-29 09:00" not in no and "2016-05-31 13:00" not in no
    bad = page(client, "/outages", 400, area="仙岳路", date="某天")  # 明天 is a day it reads (search box words)
    assert "无法识别" in bad


def test_page_has_a_strict_content_security_policy_and_no_inline_script(client):
    response = client.get("/search", params={"q": "停电"})
    # One script, our own file (the search box's completions); none inline, nothing from elsewhere.
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/suggest.js" defer>']
    assert "</script>" in response.text and "<script src=\"/static/suggest.js\" defer></script>" in response.text
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert client.get("/static/suggest.js").status_code == 200
    assert response.headers["content-encoding"] == "gzip"  # httpx asks for gzip, as browsers do
    css = client.get("/static/style.css")
    assert css.status_code == 200 and ":focus-visible" in css.text and "@media" in css.text


def beijing_records_with_attachments() -> list[Record]:
    """Real 北京市中医管理局 notices of the shared corpus that list attachments."""
    import json

    from tests.conftest import CORPUS

    records = []
    with (CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            if raw["attachments"] and raw.get("article_text"):
                records.append(Record(
                    kind="disclosure", title=raw["title"], issuer=raw.get("publisher") or "北京市中医管理局",
                    publish_date=raw["publish_date"], body=raw["article_text"], url=raw["source_url"], source="bjtcm",
                    attachments=[{"name": a["mark"], "url": a["link"]} for a in raw["attachments"]],
                ))  # fmt: skip
    return records


def test_attachments_of_a_real_notice_are_listed_as_links(tmp_path):
    records = beijing_records_with_attachments()[:3]
    assert records
    with served_engine(tmp_path / "data", records) as (_, base_url):
        html = httpx.get(f"{base_url}/documents/{records[0].id}").text
    links = dict((text, href) for href, text in parse(html).links)
    for attachment in records[0].attachments:
        assert links[attachment.name] == attachment.url
    assert "&amp;sort=date\">北京市中医管理局</a></td>" in html  # the issuer cell, its stray \u3000 cleaned


def test_hostile_record_content_is_shown_as_text_and_never_linked(tmp_path):
    hostile = Record(
        kind="notice", notice_type="lost", title="<script>alert('t')</script>遗失声明",
        body='正文<img src=x onerror="alert(1)">\n第二段', issuer="<b>某公司</b>",
        url="javascript:alert(document.cookie)", source="test",
        attachments=[{"name": "附件<svg onload=alert(1)>", "url": "javascript:alert(2)"}, {"name": "数据", "url": "data:text/html,<script>alert(3)</script>"}],
        notice={"holder": "<i>张三</i>", "items": ["<script>身份证</script>"]},
    )  # fmt: skip
    with served_engine(tmp_path / "data", [hostile]) as (_, base_url):
        html = httpx.get(f"{base_url}/documents/{hostile.id}").text
        results = httpx.get(f"{base_url}/search", params={"q": "遗失"}).text
    for text in (html, results):
        assert "<script>" not in text and "<img" not in text and "<svg" not in text and "<b>某" not in text
    assert "&lt;script&gt;alert" in html and "&lt;i&gt;张三&lt;/i&gt;" in html
    hrefs = [href for href, _ in parse(html).links]
    assert not any(href.lower().startswith(("javascript:", "data:")) for href in hrefs)
    assert "原文地址：javascript:alert(document.cookie)" in html  # shown, not linked


def test_the_feed_link_of_a_search_serves_atom(client):
    html = page(client, "/search", q="停电", kind="notice")
    href = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)"', html).group(1)
    response = client.get(href.replace("&amp;", "&"))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in response.text and "停电" in response.text


def test_active_filters_are_shown_above_the_results_and_removable(client):
    html = page(client, "/search", q="停电", notice_type="outage", date_from="2015-01-01")
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)', html)
    labels = [label.strip() for _, label in chips]
    assert labels == ["公告类型：停水停电通知", "发布日期：2015-01-01 至 …"]
    removed = parse_qs(urlsplit(chips[0][0].replace("&amp;", "&")).query)
    assert removed == {"q": ["停电"], "date_from": ["2015-01-01"]}


def test_head_requests_are_answered_for_pages_and_health(client, site):
    for path in ("/", "/search?q=停电", f"/documents/{site[2][0].id}", "/outages", "/healthz"):
        response = client.head(path)
        assert response.status_code == 200 and response.content == b"", path


def test_outage_page_reads_a_question_typed_in_its_place_box(client):
    # review20 (session 20): 仙岳路停电吗 in the place box answered 没有查到 where 仙岳路 answers; the question's day is the date's
    asked = page(client, "/outages", area="仙岳路停电吗", date="2016-05-29")
    assert "2016-05-29 09:00 至 19:00" in asked and 'value="仙岳路"' in asked
    with_its_day = page(client, "/outages", area="请问仙岳路2016年5月29日会停电吗")
    assert "2016-05-29 09:00 至 19:00" in with_its_day
    other_day = page(client, "/outages", area="仙岳路2016年5月30日停电吗")
    assert "2016-05-29 09:00" not in other_day
