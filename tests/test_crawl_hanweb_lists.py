"""List pages of Hanweb 大汉 JCMS sites (the CMS of many provincial and city governments: /col/colNNN/index.html,
/art/2024/5/4/art_NNN_NNN.html): the rows are CDATA records of an XML datastore inside <script type="text/xml">, and
the rows after the first group come from a proxy (dataproxy.jsp) the page's jpage script POSTs to. A crawl read no
row at all (the selector finds no <a> inside a script) and `gongkai sources check` said the selector found nothing.
Served here by a small Hanweb-like server on 127.0.0.1 that answers the proxy only as the script asks (POST, with the
column's parameters), so a crawl that guesses otherwise reads nothing past the first group."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy.selector import Selector

from gongkai.crawlers.check import check_site
from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.disclosure_spider import detail_hrefs
from gongkai.crawlers.list_scripts import datastore_rows, jpage_first_group, jpage_next_group, rendered_list
from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.engine import Engine
from gongkai.settings import Settings, load_settings
from tests.support import local_http_server

COLUMN, UNIT = "1229019364", "4892867"
TOTAL, PER_PAGE, GROUP = 14, 2, 3  # the page holds rows 1-6; the proxy answers 7-12, then 13-14
PROXY = "/module/web/jpage/dataproxy.jsp"


def _row(n: int, escaped: bool = False) -> str:
    li = (f'<li><a href="/art/2024/5/{n % 28 + 1}/art_{COLUMN}_{n}.html" target="_blank" title="关于第{n}批项目的通知">'
          f"浙江省发展和改革委员会关于第{n}批项目的通知</a><span>2024-05-{n % 28 + 1:02d}</span></li>")
    if escaped:  # older versions escape the row instead of a CDATA section
        return "<record>" + li.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</record>"
    return f"<record><![CDATA[\n{li}\n]]></record>"


def _list_page(escaped: bool = False) -> str:
    rows = "\n".join(_row(n, escaped) for n in range(1, PER_PAGE * GROUP + 1))
    nextgroup = (f'<a href="{PROXY}?page=1&appid=1&webid=3496&path=/&columnid={COLUMN}&unitid={UNIT}'
                 f'&webname=%E6%B5%99%E6%B1%9F&permissiontype=0"></a>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
<div class="main"><div class="list" id="{UNIT}">
<script type="text/xml"><datastore>
<nextgroup><![CDATA[{nextgroup}]]></nextgroup>
<recordset>
{rows}
</recordset>
</datastore></script>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>
$(document).ready(function() {{
    $('#{UNIT}').jpage({{ dataStore: dataStore, proxyUrl: '{PROXY}', perPage: {PER_PAGE}, totalRecord: {TOTAL},
        groupSize: {GROUP}, barPosition: 'bottom', ajaxParam: {{ col: 1, appid: 1 }} }});
}});
</script></div></div></body></html>"""


def _proxy_answer(start: int, end: int) -> str:
    rows = "\n".join(_row(n) for n in range(start, min(end, TOTAL) + 1))
    return f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{TOTAL}</totalrecord><recordset>{rows}</recordset></datastore>'


def _detail(n: int) -> str:
    return (f'<html><head><meta charset="utf-8"><title>通知</title></head><body><table class="xxgk">'
            f"<tr><th>索引号</th><td>002482365/2024-{n:05d}</td><th>发布机构</th><td>浙江省发展和改革委员会</td></tr>"
            f"<tr><th>文号</th><td>浙发改〔2024〕{n}号</td><th>发布日期</th><td>2024-05-{n % 28 + 1:02d}</td></tr>"
            f"<tr><th>信息名称</th><td>浙江省发展和改革委员会关于第{n}批项目的通知</td></tr></table>"
            f'<div id="zoom"><p>现将第{n}批项目有关事项通知如下。</p></div></body></html>')


class _HanwebSite:
    """The list page, the proxy (POST with the column's parameters only, as jpage sends it) and the articles."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str, dict[str, list[str]]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _answer(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site.log.append(("GET", self.path, {}))
                if path == "/robots.txt":
                    return self._answer(200, "User-agent: *\nDisallow:\n", "text/plain")
                if path == f"/col/col{COLUMN}/index.html":
                    return self._answer(200, _list_page())
                if path.startswith("/art/") and path.endswith(".html"):
                    return self._answer(200, _detail(int(path.rsplit("_", 1)[1].split(".")[0])))
                self._answer(404, "<h1>404</h1>")  # the proxy asked by GET: not found, as on the real sites

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                query = parse_qs(urlsplit(self.path).query)
                site.log.append(("POST", self.path, form))
                if urlsplit(self.path).path != PROXY or form.get("columnid") != [COLUMN] or form.get("unitid") != [UNIT]:
                    return self._answer(200, '<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>0</totalrecord></datastore>',
                                        "text/xml; charset=utf-8")
                start, end = int(query["startrecord"][0]), int(query["endrecord"][0])
                self._answer(200, _proxy_answer(start, end), "text/xml; charset=utf-8")

        self.handler = Handler
        self.base_url = ""


@pytest.fixture
def hanweb() -> Iterator[_HanwebSite]:
    served = _HanwebSite()
    with local_http_server(served.handler) as served.base_url:
        yield served


def _site(selector: str) -> DisclosureSite:
    return DisclosureSite(name="zj", base_url="http://127.0.0.1:1", start_urls=[f"/col/col{COLUMN}/index.html"], detail_links=selector)


@pytest.mark.parametrize("escaped", [False, True], ids=["CDATA rows", "escaped rows"])
def test_the_rows_of_a_datastore_are_found_by_the_selector_written_for_the_browser(escaped: bool) -> None:
    page = _list_page(escaped)
    assert not list(detail_hrefs(Selector(text=page), _site(f"#{UNIT} li a")))  # what a crawl saw before
    hrefs = [href for _, href in detail_hrefs(Selector(text=rendered_list(page)), _site(f"#{UNIT} li a"))]
    assert hrefs == [f"/art/2024/5/{n % 28 + 1}/art_{COLUMN}_{n}.html" for n in range(1, 7)]


def test_the_proxy_requests_follow_the_page_and_stop_at_the_total() -> None:
    group = jpage_first_group(f"http://x.gov.cn/col/col{COLUMN}/index.html", _list_page())
    assert group is not None
    assert group.url == f"http://x.gov.cn{PROXY}?startrecord=7&endrecord=12&perpage=2"
    assert group.form == {"appid": "1", "webid": "3496", "path": "/", "columnid": COLUMN, "unitid": UNIT, "webname": "浙江",
                          "permissiontype": "0"}
    answer = _proxy_answer(7, 12)
    assert len(datastore_rows(answer)) == 6
    last = jpage_next_group(group, 6, answer)
    assert last is not None and (last.start, last.end) == (13, 14)
    assert jpage_next_group(last, 2, _proxy_answer(13, 14)) is None
    # a page holding every row asks nothing more
    whole = _list_page().replace(f"totalRecord: {TOTAL}", "totalRecord: 6")
    assert jpage_first_group("http://x.gov.cn/", whole) is None


def _sidebar() -> str:
    """A sidebar's 最新信息 datastore printed before the column's list: every row of it in the page."""
    rows = "".join(f'<record><![CDATA[<li><a href="/art/2024/1/1/art_1_{n}.html">最新{n}</a></li>]]></record>' for n in (1, 2))
    return (f'<div id="side"><script type="text/xml"><datastore><recordset>{rows}</recordset></datastore></script>'
            f"<script>$('#side').jpage({{ proxyUrl: '/side/dataproxy.jsp', perPage: 2, totalRecord: 2 }});</script></div>")


def test_a_page_with_a_sidebar_datastore_pages_the_columns_list() -> None:
    # review (session 11): the first datastore alone was read: a sidebar printed first, whole, asked no proxy at all,
    # and a proxy's rows were written into the sidebar's place, where the column's selector does not look
    page = _list_page().replace('<div class="main">', '<div class="main">' + _sidebar())
    group = jpage_first_group(f"http://x.gov.cn/col/col{COLUMN}/index.html", page)
    assert group is not None and group.url == f"http://x.gov.cn{PROXY}?startrecord=7&endrecord=12&perpage=2"
    answer = Selector(text=rendered_list(page, datastore_rows(_proxy_answer(7, 12))))
    assert [href for _, href in detail_hrefs(answer, _site(f"#{UNIT} li a"))] == [
        f"/art/2024/5/{n % 28 + 1}/art_{COLUMN}_{n}.html" for n in range(7, 13)]
    assert not answer.css("#side li")


def test_a_proxy_answering_the_same_rows_again_is_asked_no_more() -> None:
    # a proxy ignoring the paging (or a gateway answering the first group whatever is asked) was asked up to --max-pages
    page = _list_page().replace(f"totalRecord: {TOTAL},", "")
    group = jpage_first_group("http://x.gov.cn/", page)
    assert group is not None and group.total == 0
    first_rows = _proxy_answer(1, 6).replace(f"<totalrecord>{TOTAL}</totalrecord>", "")
    assert jpage_next_group(group, 6, first_rows) is None  # the page's own rows again
    later = jpage_next_group(group, 6, _proxy_answer(7, 12).replace(f"<totalrecord>{TOTAL}</totalrecord>", ""))
    assert later is not None and (later.start, later.end) == (13, 18)
    assert jpage_next_group(later, 6, _proxy_answer(7, 12).replace(f"<totalrecord>{TOTAL}</totalrecord>", "")) is None


@pytest.mark.slow
def test_a_crawl_reads_every_row_of_a_hanweb_list(tmp_path: Path, hanweb: _HanwebSite) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "zj.toml").write_text(f"""
base_url = "{hanweb.base_url}"
start_urls = ["/col/col{COLUMN}/index.html"]
detail_links = "#{UNIT} li a"
detail_url_pattern = "/art/"
[politeness]
delay_seconds = 0
""", encoding="utf-8")
    [result] = run_in_subprocess(["--sites-dir", str(defs), "zj"], tmp_path / "data")
    proxy_calls = [(method, path) for method, path, _ in hanweb.log if PROXY in path]
    assert proxy_calls == [("POST", f"{PROXY}?startrecord=7&endrecord=12&perpage=2"),
                           ("POST", f"{PROXY}?startrecord=13&endrecord=14&perpage=2")]
    assert result["counts"]["new"] == TOTAL and result["counts"]["list_pages"] == 3
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert sorted(r.doc_number for r in engine.export()) == sorted(f"浙发改〔2024〕{n}号" for n in range(1, TOTAL + 1))
    finally:
        engine.close()


def test_sources_check_sees_the_rows_and_the_proxy(hanweb: _HanwebSite) -> None:
    site = DisclosureSite(name="zj", base_url=hanweb.base_url, start_urls=[f"/col/col{COLUMN}/index.html"], detail_links=f"#{UNIT} li a")
    report = check_site(site, Settings())
    assert report.ok, report.problems
    assert len(report.detail_links) == PER_PAGE * GROUP
    assert report.next_page == f"POST {hanweb.base_url}{PROXY}?startrecord=7&endrecord=12&perpage=2"
    assert report.fields["doc_number"] == "浙发改〔2024〕1号"


@pytest.mark.slow
def test_a_start_url_crawl_reads_every_group_too(tmp_path: Path, hanweb: _HanwebSite) -> None:
    start = f"{hanweb.base_url}/col/col{COLUMN}/index.html"
    [result] = run_in_subprocess(["--start-url", start, "--max-depth", "1", "--fast"], tmp_path / "data")
    assert [path for method, path, _ in hanweb.log if method == "POST"] == [
        f"{PROXY}?startrecord=7&endrecord=12&perpage=2", f"{PROXY}?startrecord=13&endrecord=14&perpage=2"]
    assert result["counts"]["new"] == TOTAL
