"""List layouts of other CMSs than TRS and Hanweb (crawl3, session 12), written before the crawler was run on them:
ASP.NET postback paging, pager functions (goPage(2), turnPage(2), nextPage()) whose URL a script builds, DedeCMS's
下一页 link with no class, a select box of pages, rows clicked (`<tr onclick="window.open('…')">`, `data-href`), `../`
links, a GBK page whose charset is only in <meta>. 8 of the 10 read one list page or no row at all; now a crawl stores
every document of each (tests/cms_list_layouts.py serves them on 127.0.0.1, each answering only what a browser sends)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from scrapy.selector import Selector

from gongkai.crawlers.check import check_site
from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.disclosure_spider import detail_hrefs
from gongkai.crawlers.list_links import PostBack, next_list_target
from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.engine import Engine
from gongkai.settings import Settings, load_settings
from tests import cms_list_layouts as cms
from tests.support import local_http_server


def _site(letter: str, base: str = "http://127.0.0.1:1", **extra: str) -> DisclosureSite:
    keys = dict(line.split(" = ", 1) for line in cms.DEFS[letter].splitlines())
    values = {k: v.strip('"') for k, v in keys.items()} | extra
    return DisclosureSite(name=f"p{letter}", base_url=base, start_urls=[cms.START[letter]], **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("letter", "html", "expected"), [
    ("f", cms.site_f(1), ["/zfxxgk/zfxxgkml/202405/t20240505_1.htm", "/zfxxgk/zfxxgkml/202405/t20240505_2.htm"]),
    ("g", cms.site_g(2), ["/xxgk/detail/3.html", "/xxgk/detail/4.html"]),
], ids=["tr onclick=window.open", "li data-href"])
def test_rows_clicked_to_their_page_are_detail_links(letter: str, html: str, expected: list[str]) -> None:
    assert [href for _, href in detail_hrefs(Selector(text=html), _site(letter))] == expected


URL = "http://127.0.0.1:1"


@pytest.mark.parametrize(("letter", "page_url", "html", "expected"), [
    ("b", f"{URL}/xxgk/list.shtml", cms.site_b(1), f"{URL}/xxgk/list_2.shtml"),  # goPage(n): the if/else's URL with n
    ("b", f"{URL}/xxgk/list_3.shtml", cms.site_b(3), None),  # <span>下一页</span> on the last page
    ("c", f"{URL}/a/xxgk/tzgg/list_12_1.html", cms.site_c(1), f"{URL}/a/xxgk/tzgg/list_12_2.html"),  # no next_page: 下一页 text
    ("c", f"{URL}/a/xxgk/tzgg/list_12_3.html", cms.site_c(3), None),
    ("d", f"{URL}/xxgk/list.jsp?channelId=5&pageIndex=1", cms.site_d(1), f"{URL}/xxgk/list.jsp?channelId=5&pageIndex=2"),
    ("e", f"{URL}/xxgk/index_1.html", cms.site_e(2), f"{URL}/xxgk/index_2.html"),  # the select box's next option
    ("e", f"{URL}/xxgk/index_2.html", cms.site_e(3), None),
    ("j", f"{URL}/xxgk/list_2.html", cms.site_j(2), f"{URL}/xxgk/list_3.html"),  # nextPage(): (currentPage+1) is the number
], ids=["goPage", "goPage last", "dede", "dede last", "turnPage pageIndex", "select", "select last", "nextPage()"])
def test_the_next_list_page_is_read_from_the_pager_as_a_browser_follows_it(letter: str, page_url: str, html: str, expected: str | None) -> None:
    site = _site(letter)
    page = 2 if letter == "j" else 1  # the list page this is, counted from 1 (nextPage() goes by it)
    assert next_list_target(Selector(text=html), page_url, html, site.next_page, site.page_url, page) == expected


def test_an_aspnet_pager_posts_the_form_back_with_its_viewstate() -> None:
    site = _site("a")
    found = next_list_target(Selector(text=cms.site_a(1)), f"{URL}/xxgk/List.aspx?ClassID=12", cms.site_a(1), site.next_page, "", 1)
    assert isinstance(found, PostBack) and found.url == f"{URL}/xxgk/List.aspx?ClassID=12"
    assert found.form["__EVENTTARGET"] == "AspNetPager1" and found.form["__EVENTARGUMENT"] == "2"
    assert found.form["__VIEWSTATE"].startswith("/wEPDw") and found.form["__EVENTVALIDATION"] and "btnSearch" not in found.form
    # the last page's pager is disabled: no further postback
    assert next_list_target(Selector(text=cms.site_a(3)), f"{URL}/xxgk/List.aspx?ClassID=12", cms.site_a(3), site.next_page, "", 3) is None


def test_a_declared_page_url_reads_a_pager_script_the_spider_cannot() -> None:
    html = cms.page_html('<a href="javascript:;" onclick="pageTo(\'listForm\', 2)">下一页</a><script src="/js/pager.js"></script>')
    assert next_list_target(Selector(text=html), f"{URL}/xxgk/list.html", html, "", "", 1) is None  # the function is elsewhere
    assert next_list_target(Selector(text=html), f"{URL}/xxgk/list.html", html, "", "list_{page}.html", 1) == f"{URL}/xxgk/list_2.html"


def test_sources_check_names_the_postback_and_the_clicked_rows() -> None:
    with local_http_server(type("Ha", (cms.Handler,), {"site": "a"})) as base_a, \
            local_http_server(type("Hf", (cms.Handler,), {"site": "f"})) as base_f:
        report_a = check_site(_site("a", base_a), Settings())
        report_f = check_site(_site("f", base_f), Settings())
    assert report_a.next_page.startswith(f"POST {base_a}/xxgk/List.aspx?ClassID=12 __EVENTTARGET=AspNetPager1 __EVENTARGUMENT=2")
    assert report_a.ok and report_a.fields.get("doc_number") == "福府〔2024〕1号"
    assert report_f.detail_links[:2] == [f"{base_f}/zfxxgk/zfxxgkml/202405/t20240505_1.htm", f"{base_f}/zfxxgk/zfxxgkml/202405/t20240505_2.htm"]
    assert report_f.next_page == f"{base_f}/zfxxgk/index_1.htm" and report_f.ok


@pytest.mark.slow  # one crawl child of ten sites on 127.0.0.1
def test_every_document_of_each_layout_is_crawled(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    with contextlib.ExitStack() as stack:
        for letter in cms.AGENCY:
            base = stack.enter_context(local_http_server(type(f"H{letter}", (cms.Handler,), {"site": letter})))
            (defs / f"p{letter}.toml").write_text(f'base_url = "{base}"\nstart_urls = ["{cms.START[letter]}"]\n{cms.DEFS[letter]}\n'
                                                  "[politeness]\ndelay_seconds = 0\n", encoding="utf-8")
        results = run_in_subprocess(["--sites-dir", str(defs), *(f"p{letter}" for letter in cms.AGENCY)], tmp_path / "data")
    for result in results:
        assert result["counts"]["list_pages"] == cms.PAGES, result["site"]
        assert result["counts"]["unexplained"] == 0, result["site"]
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        stored = {r.doc_number for r in engine.export()}
    finally:
        engine.close()
    for letter, (_, short) in cms.AGENCY.items():
        assert {f"{short}〔2024〕{n}号" for n in range(1, cms.PAGES * cms.PER + 1)} <= stored, letter


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'


LIST = "http://127.0.0.1:1/zwgk/tzgg/index.html"


@pytest.mark.parametrize(("html", "template", "expected"), [
    (_page('''<a href="javascript:void(0)" onclick="toPage(2);return false;">下一页</a><script>function toPage(page){ var url;
if(page==1){ url = "index.html"; } else { url = "index_" + (page-1) + ".html"; } window.location.href = url; }</script>'''), "",
     "http://127.0.0.1:1/zwgk/tzgg/index_1.html"),
    (_page('''<input type="button" value="下一页" onclick="location.href='index_1.html'">'''), "", "http://127.0.0.1:1/zwgk/tzgg/index_1.html"),
    (_page('<a href="index_1.html" title="下一页"><img src="/images/next.gif"></a>'), "", "http://127.0.0.1:1/zwgk/tzgg/index_1.html"),
    (_page('''<a href="javascript:goPage(2)">下一页</a><script>function goPage(pageNo){ window.location.href = "?pageNo=" + pageNo + "&columnId=88"; }</script>'''),
     "", "http://127.0.0.1:1/zwgk/tzgg/index.html?pageNo=2&columnId=88"),
    (_page('<a href="index.html">下一页</a>'), "", None),
    (_page('<a href="javascript:;" onclick="fy(2)">下一页</a><script src="fy.js"></script>'), "index_{page-1}.html",
     "http://127.0.0.1:1/zwgk/tzgg/index_1.html"),
    (_page('<base href="http://127.0.0.1:1/xxgk/"><a href="index_1.html">下一页</a>'), "", "http://127.0.0.1:1/xxgk/index_1.html"),
], ids=["function's url variable, (page-1)", "input button", "image link titled", "query of this page", "last page links itself",
        "page_url {page-1}", "base href"])
def test_more_pagers_written_before_running(html: str, template: str, expected: str | None) -> None:
    assert next_list_target(Selector(text=html), LIST, html, "", template, 1) == expected


def test_rows_opened_by_a_sites_own_function_and_links_under_a_base_href() -> None:
    rows = _page('''<ul class="list"><li onclick="openDetail('./202405/t1.html')">一</li>
<li onclick="javascript:showInfo('/xxgk/202405/t2.html','_blank')">二</li><li onclick="showDetail('123')">三</li></ul>''')
    site = DisclosureSite(name="x", base_url="http://127.0.0.1:1", start_urls=["/"], detail_links="ul.list li")
    assert [href for _, href in detail_hrefs(Selector(text=rows), site)] == ["./202405/t1.html", "/xxgk/202405/t2.html"]


def test_a_list_page_with_a_base_href_links_from_it() -> None:
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from gongkai.crawlers.disclosure_spider import DisclosureSpider

    body = _page('<base href="http://127.0.0.1:1/xxgk/"><ul class="list"><li><a href="202405/t3.html">三</a></li></ul>')
    response = HtmlResponse(LIST, request=Request(LIST), body=body.encode(), encoding="utf-8")
    spider = DisclosureSpider.__new__(DisclosureSpider)  # detail_links reads only the site definition
    spider.site = DisclosureSite(name="x", base_url="http://127.0.0.1:1", start_urls=["/"], detail_links="ul.list a")
    spider.since = None
    assert [url for url, _ in spider.detail_links(response)] == ["http://127.0.0.1:1/xxgk/202405/t3.html"]  # not /zwgk/tzgg/202405/


@pytest.mark.slow  # four crawl children on 127.0.0.1
@pytest.mark.parametrize("letter", ["a", "e", "f", "j"], ids=["ASP.NET postback", "select box", "tr onclick", "nextPage()"])
def test_a_start_url_crawl_reads_the_same_layouts(tmp_path: Path, letter: str) -> None:
    """A site with no definition (`gongkai crawl --start-url`): the next list page at the list's depth, clicked rows followed."""
    with local_http_server(type(f"H{letter}", (cms.Handler,), {"site": letter})) as base:
        [result] = run_in_subprocess(["--start-url", base + cms.START[letter], "--max-depth", "1"], tmp_path / "data")
    assert result["counts"]["urls"] == {"new": cms.PAGES * cms.PER, "listed": cms.PAGES} and result["counts"]["unexplained"] == 0
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        assert len({r.doc_number for r in engine.export()}) == cms.PAGES * cms.PER
    finally:
        engine.close()


@pytest.mark.parametrize(("body", "expected"), [
    ('''<a href="javascript:void(0)" onclick="gotoPage('2')">下一页</a><script>function gotoPage(p){ location.href = "/col/list_" + p + ".html" }</script>''',
     "http://127.0.0.1:1/col/list_2.html"),
    ('<a href="list_2.html"><span>下一页</span>&gt;&gt;</a>', "http://127.0.0.1:1/col/list_2.html"),
    ('''<a href="javascript:goPage(2, 'col88')">下一页</a><script>function goPage(n, col){ location.href = 'list.jsp?col=' + col + '&page=' + n; }</script>''',
     "http://127.0.0.1:1/col/list.jsp?col=col88&page=2"),
    # a pager that submits a search form: no URL to read (a known gap), not a wrong one
    ('''<a href="#" onclick="return pageClick(2)">下一页</a><script>function pageClick(p){ $('#pageNo').val(p); $('#searchForm').submit(); }</script>''',
     None),
], ids=["quoted number", "下一页>> in spans", "each parameter its argument", "form submit: none"])
def test_pager_functions_third_round(body: str, expected: str | None) -> None:
    html = _page(body)
    assert next_list_target(Selector(text=html), "http://127.0.0.1:1/col/index.html", html, "", "", 1) == expected


def test_an_escaped_postback_and_script_hrefs_of_rows() -> None:
    html = _page('''<form action="index.html"><input type="hidden" name="__VIEWSTATE" value="v"/>
<a href="javascript:__doPostBack(&#39;Pager&#39;,&#39;2&#39;)">下一页</a></form>''')
    assert next_list_target(Selector(text=html), "http://127.0.0.1:1/col/index.html", html, "", "", 1) == PostBack(
        "http://127.0.0.1:1/col/index.html", {"__VIEWSTATE": "v", "__EVENTTARGET": "Pager", "__EVENTARGUMENT": "2"})
    rows = _page('''<ul class="list"><li><a href="javascript:void(0)" onclick="window.open('content.jsp?id=7&amp;cid=3')">七</a></li>
<li><a href="javascript:openUrl('/xxgk/2024/0505/8.html')">八</a></li></ul>''')
    site = DisclosureSite(name="x", base_url="http://127.0.0.1:1", start_urls=["/"], detail_links="ul.list a")
    assert [href for _, href in detail_hrefs(Selector(text=rows), site)] == ["content.jsp?id=7&cid=3", "/xxgk/2024/0505/8.html"]


@pytest.mark.parametrize(("body", "expected"), [
    ('''<form id="searchForm" action="list.jsp" method="get"><input type="hidden" name="channelId" value="7"><input type="text" name="title" value="">
<input type="hidden" id="pageNo" name="pageNo" value="1"><input type="submit" value="查询"></form>
<a href="#" onclick="return pageClick(2)">下一页</a><script>function pageClick(p){ $('#pageNo').val(p); $('#searchForm').submit(); return false; }</script>''',
     "http://127.0.0.1:1/xxgk/list.jsp?channelId=7&title=&pageNo=2"),
    ('''<form name="pageForm" action="/xxgk/list.jsp?channelId=7" method="post"><input type="hidden" id="curPage" name="currentPage" value="1"></form>
<a href="javascript:toPage(2)">下一页</a><script>function toPage(n){ document.getElementById("curPage").value = n; document.pageForm.submit(); }</script>''',
     "POST http://127.0.0.1:1/xxgk/list.jsp?channelId=7 currentPage=2"),
], ids=["GET search form, $('#pageNo').val(p)", "POST form, getElementById(...).value = n"])
def test_a_pager_that_submits_a_form_with_the_page_number(body: str, expected: str) -> None:
    html = _page(body)
    found = next_list_target(Selector(text=html), "http://127.0.0.1:1/xxgk/list.jsp?channelId=7", html, "", "", 1)
    assert (found.label if isinstance(found, PostBack) else found) == expected


def test_a_select_box_that_builds_the_url_from_its_choice() -> None:
    html = _page('''<select onchange="window.location.href='index_'+this.value+'.html'"><option value="1" selected>1</option>
<option value="2">2</option></select>''')
    assert next_list_target(Selector(text=html), LIST, html, "", "", 1) == "http://127.0.0.1:1/zwgk/tzgg/index_2.html"  # not .../2


# review2 (session 12): ordinary list pages where crawl3's fallbacks must not find a next page (written before running;
# 9 of 15 read wrong: another block's 下一页, a 栏目 jump menu, analytics in the onclick, a last page calling itself, a
# postback with no WebForms form), and pagers they must still find.
_ROW = '<ul class="list"><li><a href="./202412/t20241201_1.html">关于2024年冬季供暖的通知</a><span>2024-12-01</span></li></ul>'
_GOPAGE = "<script>function goPage(n){ location.href = 'list_' + n + '.shtml'; }</script>"


@pytest.mark.parametrize(("page_url", "body", "next_page", "list_page", "expected"), [
    (f"{URL}/zwgk/tzgg/index.html", _ROW + '<div class="side"><h3>图片新闻</h3><a href="/xwzx/tpxw/index_1.html">下一页</a></div>', "", 1, None),
    (f"{URL}/zwgk/tzgg/index_4.html", _ROW + '<div class="pager"><span>下一页</span></div><div class="rank"><a href="/hdjl/zxft/index_1.html">下一页</a></div>',
     "div.pager a.next", 4, None),
    (f"{URL}/zwgk/tzgg/index.html", '<div class="side"><a href="/xwzx/tpxw/index_1.html">下一页</a></div>' + _ROW
     + '<div class="page"><a href="index_1.html">下一页</a></div>', "", 1, f"{URL}/zwgk/tzgg/index_1.html"),
    (f"{URL}/zwgk/tzgg/index.html", _ROW + '<select onchange="window.location.href=this.value"><option value="/zwgk/tzgg/" selected>通知公告</option>'
     '<option value="/zwgk/zcwj/">政策文件</option></select>', "", 1, None),
    (f"{URL}/zwgk/tzgg/index.html", _ROW + '<select onchange="window.open(this.options[this.selectedIndex].value)"><option selected>--政府部门网站--</option>'
     '<option value="http://fgw.xm.gov.cn/">市发改委</option></select>', "", 1, None),
    (f"{URL}/zwgk/tzgg/index.html", _ROW + '<select onchange="location.href=this.value"><option value="index.html" selected>第1页</option>'
     '<option value="index_1.html">第2页</option></select>', "", 1, f"{URL}/zwgk/tzgg/index_1.html"),
    (f"{URL}/xxgk/list_1.shtml", _ROW + """<a href="javascript:void(0)" onclick="_hmt.push(['_trackEvent','list','next']);goPage(2)">下一页</a>""" + _GOPAGE,
     "", 1, f"{URL}/xxgk/list_2.shtml"),
    (f"{URL}/xxgk/list_1.shtml", _ROW + """<a href="javascript:;" onclick="trackEvent('next')">下一页</a>"""
     "<script>function trackEvent(e){ var img = new Image(); img.src = '/stat.gif?e=' + e; }</script>", "", 1, None),
    (f"{URL}/xxgk/list_3.shtml", _ROW + '<a href="javascript:goPage(3)">下一页</a>' + _GOPAGE, "", 3, None),
    (f"{URL}/xxgk/list.aspx", _ROW + """<form action="/search.aspx" method="post"><input name="kw" value=""></form>"""
     """<a href="javascript:__doPostBack('Pager1','2')">下一页</a>""", "", 1, None),
], ids=["news block's 下一页", "last page, another box's 下一页", "the list's 下一页 after a box's", "栏目 jump menu", "sites menu",
        "第N页 select", "analytics before goPage", "analytics only", "last page calls itself", "postback, only a search form"])
def test_ordinary_list_pages_give_no_false_next_page(page_url: str, body: str, next_page: str, list_page: int, expected: str | None) -> None:
    html = f"<html><head><title>通知公告</title></head><body>{body}</body></html>"
    found = next_list_target(Selector(text=html), page_url, html, next_page, "", list_page)
    assert (found.label if isinstance(found, PostBack) else found) == expected
