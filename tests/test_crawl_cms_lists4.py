"""List layouts of session 13 (crawl4), written before the crawler was run on them (tests/cms_list_layouts4.py, and the
pages below): functions kept in a .js file the list page loads (a row's `showDetail('101')`, a `goPage(2)` pager), a
下一页 into another folder inside a pager, TRS's createPageHTML called with variables, layui's laypage, pager functions
written as expressions or template literals or reading the page's variables, a row opener given an id. Each read one
list page or no row before; now a crawl stores every document."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from scrapy.selector import Selector

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.disclosure_spider import detail_hrefs
from gongkai.crawlers.list_links import next_list_target
from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.engine import Engine
from gongkai.settings import load_settings
from tests import cms_list_layouts4 as cms
from tests.support import local_http_server

U = "http://127.0.0.1:1"
ROW = '<ul class="list"><li><a href="./202412/t20241201_1.html">关于2024年冬季供暖的通知</a><span>2024-12-01</span></li></ul>'


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>{body}</body></html>'


@pytest.mark.parametrize(("page_url", "body", "list_page", "expected"), [
    (f"{U}/zwgk/tzgg/index.shtml", ROW + '<script>var currentPage = 0;var countPage = 5;\ncreatePageHTML(countPage, currentPage, "index", "shtml");</script>',
     1, f"{U}/zwgk/tzgg/index_1.shtml"),
    (f"{U}/zwgk/tzgg/index_4.shtml", ROW + '<script>var currentPage = 4;var countPage = 5;\ncreatePageHTML(countPage, currentPage, "index", "shtml");</script>',
     5, None),
    (f"{U}/html/tzgg/index.html", ROW + '<div class="pages"><a href="/html/tzgg/index.html">首页</a><a href="/html/tzgglist/2.html">下一页</a>'
     '<a href="/html/tzgglist/9.html">尾页</a> 共9页</div>', 1, f"{U}/html/tzgglist/2.html"),
    (f"{U}/news/list.html", ROW + '<div id="pager"><span>1</span><a href="/newslist/2.html">2</a><a href="/newslist/3.html">3</a>'
     '<a href="/newslist/2.html">下一页</a></div>', 1, f"{U}/newslist/2.html"),
    (f"{U}/html/tzgg/index.html", ROW + '<div class="side"><h3>专题专栏</h3><a href="/ztzl/list/2.html">下一页</a></div>', 1, None),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:fnPage(2)">下一页</a><script>var fnPage = function(p){ window.location.href = "list_" + p + ".html"; };</script>',
     1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/list.jsp", ROW + '<a href="javascript:goPage(2)">下一页</a><script>var catId = "12";\nfunction goPage(n){ location.href = "list.jsp?page=" + n + "&catId=" + catId; }</script>',
     1, f"{U}/xxgk/list.jsp?page=2&catId=12"),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:void(0)" onclick="toPage(2)">下一页</a><script>function toPage(n){ location.href = `list_${n}.html`; }</script>',
     1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/list_1.html", ROW + '<div id="page"></div><script>layui.use("laypage", function(){ var laypage = layui.laypage; laypage.render({elem: "page", '
     'count: 58, limit: 15, curr: 1, jump: function(obj, first){ if(!first){ location.href = "list_" + obj.curr + ".html"; } }}); });</script>', 1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/list_4.html", ROW + '<script>laypage.render({elem: "page", count: 58, limit: 15, curr: 4, jump: function(obj, first){ '
     'if(!first){ location.href = "list_" + obj.curr + ".html"; } }});</script>', 4, None),
    (f"{U}/xxgk/index.html", ROW + '<div class="page"><a href="index_1.html" title="下一页">&gt;</a></div>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/index.html", ROW + """<a href="javascript:goPage(2)">下一页</a><script>function goPage(n){ location.href = n == 1 ? 'index.html' : 'index_' + (n - 1) + '.html'; }</script>""",
     1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/list_2.html", ROW + """<a href="javascript:goPage(3)">下一页</a><script>function goPage(n){ var url = (n > 1) ? ('list_' + n + '.html') : 'list.html'; location.href = url; }</script>""",
     2, f"{U}/xxgk/list_3.html"),
    (f"{U}/xxgk/index.html", ROW + '<p><a href="index_1.html">【下一页】</a></p>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/index.html", ROW + '<div class="page"><a href="index_1.html"><img src="/images/page_next.gif" alt="下一页" border="0"></a></div>', 1,
     f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/index.html", ROW + '<select onchange="goPage(this.value)"><option value="1" selected>1</option><option value="2">2</option></select>'
     "<script>function goPage(p){ location.href = p == 1 ? 'index.html' : 'index_' + (p - 1) + '.html'; }</script>", 1, f"{U}/xxgk/index_1.html"),
    # round 3
    (f"{U}/zwgk/index.html", ROW + '<script>var _nPageCount = 4;var _nCurrIndex = 0;var _sPageName = "index";var _sPageExt = "html";\n'
     'createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt);</script>', 1, f"{U}/zwgk/index_1.html"),
    (f"{U}/zwgk/list/", ROW + '<nav class="pagination"><a class="prev disabled">&lt;</a><span>1</span><a href="/zwgk/list/page/2/">2</a>'
     '<a rel="next" href="/zwgk/list/page/2/"><i class="icon-right"></i></a></nav>', 1, f"{U}/zwgk/list/page/2/"),
    (f"{U}/xxgk/index.html", ROW + '<div class="pages"><a href="index.html">首页</a><a class="page-next" href="index_1.html"><i class="iconfont"></i></a>'
     '<a href="index_5.html">尾页</a></div>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/index.html", ROW + '<div class="slide"><a class="next" href="/xwzx/tpxw/2.html"><i></i></a></div>', 1, None),
    (f"{U}/xxgk/index.html", ROW + '<div class="page"><a href="javascript:void(0)" data-page="1">首页</a><a href="javascript:void(0)" data-page="2">下一页</a></div>'
     '<script>$(".page a").click(function(){ var p = $(this).data("page"); location.href = p == 1 ? "index.html" : "index_" + (p - 1) + ".html"; });</script>',
     1, f"{U}/xxgk/index_1.html"),
], ids=["TRS createPageHTML(countPage, currentPage)", "… last page", "下一页 into another folder in a pager", "… beside page numbers",
        "… a box's, no pager", "function expression", "page's variable", "template literal", "layui laypage", "laypage last", "> titled 下一页",
        "conditional", "conditional in parentheses", "【下一页】", "an arrow image alt 下一页", "select calling goPage(this.value)",
        "TRS: every argument a variable", "a rel=next icon", "an icon classed page-next in the pager", "a slider's next: no pager",
        "a pager's handler bound in script, data-page"])
def test_next_list_pages_written_before_running(page_url: str, body: str, list_page: int, expected: str | None) -> None:
    html = _page(body)
    assert next_list_target(Selector(text=html), page_url, html, "", "", list_page) == expected


@pytest.mark.parametrize(("body", "selector", "expected"), [
    ('<ul class="list"><li onclick="showDetail(\'8a81f3\')">一</li><li onclick="showDetail(\'8a81f4\')">二</li></ul>'
     '<script>function showDetail(id){ window.open("/xxgk/detail.jsp?id=" + id); }</script>', "ul.list li",
     ["/xxgk/detail.jsp?id=8a81f3", "/xxgk/detail.jsp?id=8a81f4"]),
    ('<table class="gk"><tr><td><a href="javascript:void(0)" onclick="openInfo(\'35\',\'1201\')">一</a></td></tr></table>'
     '<script>function openInfo(cid, id){ window.location.href = "content_" + cid + "_" + id + ".html"; }</script>', "table.gk a", ["content_35_1201.html"]),
    ('<ul class="list"><li><a href="javascript:detail(\'1203\')">三</a></li></ul>'
     "<script>function detail(infoid){ var url = '/zwgk/info.jsp?infoid=' + infoid; window.open(url); }</script>", "ul.list a", ["/zwgk/info.jsp?infoid=1203"]),
    # the function is in a .js file the page loads: nothing here (the crawl reads the file: test below), not a wrong URL
    ('<ul class="list"><li onclick="showDetail(\'77\')">一</li></ul><script src="/js/list.js"></script>', "ul.list li", []),
    # the row passes itself: its function reads its attributes (jQuery templates)
    ('<ul class="list"><li><a href="javascript:void(0)" onclick="goDetail(this)" data-id="5521">一</a></li></ul>'
     '<script>function goDetail(obj){ var id = $(obj).attr("data-id"); window.open("/xxgk/detail.html?id=" + id); }</script>', "ul.list a",
     ["/xxgk/detail.html?id=5521"]),
    ('<table class="gk"><tr onclick="view(this)" data-info-id="77" id="r77"><td>一</td></tr></table>'
     '<script>function view(row){ location.href = "content.jsp?infoId=" + row.dataset.infoId + "&rid=" + row.id; }</script>', "table.gk tr",
     ["content.jsp?infoId=77&rid=r77"]),
    ('<ul class="list"><li><a href="javascript:;" onclick="goDetail(this)">一</a></li></ul>'
     '<script>function goDetail(obj){ window.open("/xxgk/detail.html?id=" + $(obj).attr("data-id")); }</script>', "ul.list a", []),
    ('<ul class="list"><li><a href="javascript:void(0)" onclick="openUrl(\'art_1229_5521.html\')">一</a></li></ul>', "ul.list a", ["art_1229_5521.html"]),
    ('<ul class="list"><li data-id="5521">一</li><li data-id="5522">二</li></ul><script>$(function(){ $(".list li").click(function(){ '
     'window.open("/xxgk/detail.html?id=" + $(this).data("id")); }); });</script>', "ul.list li", ["/xxgk/detail.html?id=5521", "/xxgk/detail.html?id=5522"]),
    ('<ul class="list"><li class="item" data-infoid="9">一</li></ul><script>$(document).on("click", ".item", function (e) { '
     'var id = $(this).attr("data-infoid"); location.href = "content.jsp?infoId=" + id; });</script>', "ul.list li", ["content.jsp?infoId=9"]),
    ('<ul class="list"><li class="item">一</li></ul><script>$(".list li").click(function(){ window.open("/d.html?id=" + $(this).data("id")); });</script>',
     "ul.list li", []),
], ids=["showDetail(id) → window.open", "two arguments", "javascript: href, var url", "function elsewhere", "goDetail(this), attr",
        "view(this), dataset and id", "goDetail(this), no such attribute", "a bare file name",
        "handler bound by .click", "handler bound by .on('click')", "bound handler, row without the attribute"])
def test_rows_opened_by_a_function_given_their_id(body: str, selector: str, expected: list[str]) -> None:
    site = DisclosureSite(name="x", base_url=U, start_urls=["/"], detail_links=selector)
    assert [href for _, href in detail_hrefs(Selector(text=_page(body)), site)] == expected


@pytest.mark.slow  # one crawl child of five sites on 127.0.0.1
def test_every_document_of_each_layout_is_crawled(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    cms.Handler.log.clear()
    with contextlib.ExitStack() as stack:
        for letter in cms.AGENCY:
            base = stack.enter_context(local_http_server(type(f"H{letter}", (cms.Handler,), {"site": letter})))
            (defs / f"q{letter}.toml").write_text(f'base_url = "{base}"\nstart_urls = ["{cms.START[letter]}"]\n{cms.DEFS[letter]}\n'
                                                  "[politeness]\ndelay_seconds = 0\n", encoding="utf-8")
        results = run_in_subprocess(["--sites-dir", str(defs), *(f"q{letter}" for letter in cms.AGENCY)], tmp_path / "data")
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
    # the site's own script read once a crawl; jQuery and the box's 下一页 (another column) never asked
    assert cms.Handler.log.count("k /js/list.js") == 1
    assert "k /js/jquery-1.8.3.min.js" not in cms.Handler.log and "l /ztzl/list/2.html" not in cms.Handler.log
    assert cms.Handler.log.count("o /js/main.js") == 1 and "o /js/jquery.min.js" not in cms.Handler.log


@pytest.mark.slow  # two crawl children on 127.0.0.1
@pytest.mark.parametrize("letter", ["l", "k"], ids=["尾页 at the list's depth", "functions in a .js file"])
def test_a_start_url_crawl_reads_the_same_layouts(tmp_path: Path, letter: str) -> None:
    """`--max-depth 1`: 尾页 (and 首页, the page numbers) of a paged list are its siblings, as its 下一页 is (the rows of
    the page reached through 尾页 were one level too deep); rows and a pager whose functions are in the page's .js file."""
    cms.Handler.log.clear()
    with local_http_server(type(f"H{letter}", (cms.Handler,), {"site": letter})) as base:
        [result] = run_in_subprocess(["--start-url", base + cms.START[letter], "--max-depth", "1"], tmp_path / "data")
    assert result["counts"]["urls"].get("new") == cms.PAGES * cms.PER and result["counts"]["unexplained"] == 0
    assert "k /js/jquery-1.8.3.min.js" not in cms.Handler.log


def test_sources_check_reads_the_functions_kept_in_a_js_file() -> None:
    from gongkai.crawlers.check import check_site
    from gongkai.settings import Settings

    cms.Handler.log.clear()
    with local_http_server(type("Hk", (cms.Handler,), {"site": "k"})) as base:
        site = DisclosureSite(name="qk", base_url=base, start_urls=[cms.START["k"]], detail_links="ul.infolist li")
        report = check_site(site, Settings())
    assert report.detail_links == [f"{base}/zwgk/content.jsp?id=1", f"{base}/zwgk/content.jsp?id=2"]
    assert report.next_page == f"{base}/zwgk/tzgg/index_1.html" and report.ok, report.problems
    assert "k /js/jquery-1.8.3.min.js" not in cms.Handler.log


@pytest.mark.parametrize(("head_title", "expected"), [
    ("安溪县人民政府", "安溪县人民政府关于划定禁止燃放烟花爆竹区域的通告"),  # the site's name alone: the page's own heading
    ("关于划定禁止燃放烟花爆竹区域的通告_安溪县人民政府", "关于划定禁止燃放烟花爆竹区域的通告"),  # a <title> of its own still wins
], ids=["site name only", "title of its own"])
def test_a_county_detail_page_titled_by_its_heading_when_the_head_names_only_the_site(head_title: str, expected: str) -> None:
    from gongkai.parsers import Capture, parse

    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{head_title}</title></head><body>'
            '<div class="side"><h2>通知公告</h2></div><dl class="info"><dt>文号</dt><dd>安政文〔2024〕15号</dd><dt>发布单位</dt>'
            '<dd>安溪县人民政府</dd><dt>发布时间</dt><dd>2024-05-10</dd></dl><h2 class="title">安溪县人民政府关于划定禁止燃放烟花爆竹区域的通告</h2>'
            '<div class="con"><p>为保障公共安全，现就有关事项通告如下。</p></div></body></html>')
    record = parse(Capture(data=html.encode("gbk"), url=f"{U}/xxgk/202405/t1.html", content_type="text/html", source="site:probe"))
    assert (record.title, record.doc_number) == (expected, "安政文〔2024〕15号")


def test_a_list_page_naming_its_next_page_in_the_head() -> None:
    html = _page(ROW).replace("</head>", '<link rel="next" href="/zwgk/tzgg/index_1.html"></head>')
    assert next_list_target(Selector(text=html), f"{U}/zwgk/tzgg/index.html", html, "", "", 1) == f"{U}/zwgk/tzgg/index_1.html"
