"""List and detail layouts of session 14 (crawl5), written before the crawler was run on them (tests/cms_list_layouts5.py,
and the pages below): a 政务公开 目录 tree whose list is a table of 序号/标题/文号/日期 in GBK with no charset anywhere, a
pager printing 上一页/下一页 beside a page-number box; a detail page whose 信息索引 card is an <iframe>, attachments
through download.jsp?id=…, a row whose page answers 200 with "页面不存在"; redirect chains and robots.txt; pager URLs
built by `replace('{p}', n)` or an array's `join`; attachments named only by a link's title or downloaded by script; a pager kept in a .js file another .js file loads; a JSON list whose
answer names the next page's URL. Of 16 pager
layouts 4 read one list page; of the 4 sites one read one list page and no row, one stored its 信息索引 card nowhere (no
文号, no 索引号) and a "页面不存在" page as a record titled 提示信息."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from scrapy.selector import Selector

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.list_links import next_list_target
from gongkai.crawlers.loaded_scripts import loaded_script_urls
from gongkai.crawlers.pagetext import says_not_found
from gongkai.engine import Engine
from gongkai.settings import load_settings
from tests import cms_list_layouts5 as cms
from tests.support import local_http_server

U = "http://127.0.0.1:1"
ROW = ('<table class="zwgk"><tr><th>序号</th><th>标题</th><th>文号</th><th>日期</th></tr><tr><td>1</td><td><a href="./202412/t20241201_1.html">'
       "关于2024年冬季供暖的通知</a></td><td>华政办〔2024〕1号</td><td>2024-12-01</td></tr></table>")


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"><title>政务公开</title></head><body>{cms.MENU}{body}</body></html>'


JUMP = ' 转到<input type="text" id="pageNum" size="2">页 <input type="button" value="GO" onclick="jumpTo()">'


@pytest.mark.parametrize(("page_url", "body", "list_page", "expected"), [
    (f"{U}/zwgk/ghjh/index.html", ROW + f'<div class="page">共5页 当前第1/5页 <a href="index.html">首页</a> <span>上一页</span> <a href="index_1.html">下一页</a>'
     f'<a href="index_4.html">尾页</a>{JUMP}</div><script>function jumpTo(){{ var n = document.getElementById("pageNum").value; '
     'location.href = n == 1 ? "index.html" : "index_" + (n - 1) + ".html"; }</script>', 1, f"{U}/zwgk/ghjh/index_1.html"),
    (f"{U}/zwgk/ghjh/list.jsp", ROW + '<div class="page"><a href="javascript:void(0)" onclick="gotoPage(0)">上一页</a><a href="javascript:void(0)" '
     'onclick="gotoPage(2)">下一页</a> 跳转到<input id="jumpNo" value="1"><a href="javascript:gotoPage(document.getElementById(\'jumpNo\').value)">GO</a></div>'
     '<script>function gotoPage(p){ if(p < 1 || p > 5) return; location.href = "list.jsp?columnId=88&pageNo=" + p; }</script>', 1,
     f"{U}/zwgk/ghjh/list.jsp?columnId=88&pageNo=2"),
    (f"{U}/zwgk/ghjh/index_4.html", ROW + f'<div class="page">共5页 <a href="index.html">首页</a> <a href="index_3.html">上一页</a> <span>下一页</span>{JUMP}</div>',
     5, None),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:goPage(2)">下一页</a><script>var tpl = "list_{p}.html"; function goPage(n){ location.href = tpl.replace("{p}", n); }</script>',
     1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:goPage(2)">下一页</a><script>function goPage(n){ window.location.href = "/xxgk/list_{page}.html".replace("{page}", n); }</script>',
     1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/index.html", ROW + '<a href="javascript:goPage(2)">下一页</a><script>function goPage(n){ location.href = "index_{p}.html".replace(/\\{p\\}/g, n - 1); }</script>',
     1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:goPage(2)">下一页</a><script>function goPage(n){ location.href = ["list", n].join("_") + ".html"; }</script>',
     1, f"{U}/xxgk/list_2.html"),
    (f"{U}/xxgk/list.html", ROW + '<a href="javascript:goPage(2)">下一页</a><script>function goPage(n){ var url = ["/xxgk/list.jsp?cid=12", "page=" + n].join("&"); '
     "window.location.href = url; }</script>", 1, f"{U}/xxgk/list.jsp?cid=12&page=2"),
    (f"{U}/xxgk/index.html", ROW + '<div class="pg"><a href="index_1.html">下一页 &gt;&gt;</a></div>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/list.aspx?cid=3", ROW + '<div class="pg">第1页/共3页 <a href="?cid=3&page=2">下页</a> <a href="?cid=3&page=3">末页</a></div>', 1,
     f"{U}/xxgk/list.aspx?cid=3&page=2"),
    (f"{U}/xxgk/index.html", ROW + '<div class="pg"><input type="button" value="下一页" onclick="location.href=\'index_1.html\'"></div>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/zwgk/ghjh/index.html", ROW, 1, None),
    (f"{U}/zwgk/ghjh/index.html", ROW + '<ul class="pagination"><li class="disabled"><span>上一页</span></li><li class="active"><span>1</span></li>'
     '<li><a href="index_1.html">2</a></li><li><a href="index_1.html">下一页</a></li><li>共 2 页</li></ul>', 1, f"{U}/zwgk/ghjh/index_1.html"),
    (f"{U}/zwgk/ghjh/index.html", ROW + '<div class="page"><script>createPageHTML(5, 0, "index", "html");</script> 跳转到第<input id="num">页'
     '<button onclick="jump()">确定</button></div>', 1, f"{U}/zwgk/ghjh/index_1.html"),
    (f"{U}/xxgk/index.html", ROW + '<div class="pg"><a href="index.html">首頁</a><a href="index_1.html">下一頁</a></div>', 1, f"{U}/xxgk/index_1.html"),
    (f"{U}/xxgk/list.jsp", ROW + '<form id="pf" action="list.jsp" method="get"><input type="hidden" name="catId" value="7"><input type="hidden" name="pageNo" '
     'id="pageNo" value="1"><a href="javascript:goPage(2)">下一页</a> 第<input type="text" name="jump" size="2">页</form><script>function goPage(p){ '
     'document.getElementById("pageNo").value = p; document.getElementById("pf").submit(); }</script>', 1, f"{U}/xxgk/list.jsp?catId=7&pageNo=2&jump="),
], ids=["上一页/下一页 beside a page box", "… 下一页 by a function, GO reading the box", "… last page", "a variable's replace('{p}', n)",
        "a literal's replace('{page}', n)", "replace(/\\{p\\}/g, n - 1)", "array join", "array join of query parts", "下一页 >>", "下页, a query alone",
        "a button", "a category menu, no pager", "a pager of <li>", "TRS script beside a jump box", "下一頁", "a form's page field"])
def test_next_list_pages_written_before_running(page_url: str, body: str, list_page: int, expected: str | None) -> None:
    html = _page(body)
    assert next_list_target(Selector(text=html), page_url, html, "", "", list_page) == expected


def test_a_script_that_loads_another() -> None:
    assert loaded_script_urls(cms.COMMON_JS, f"{U}/js/common.js") == [f"{U}/js/pager.js"]
    assert loaded_script_urls('$.getScript("/js/page.js"); var s = document.createElement("script"); s.src = "list.js";', f"{U}/js/a.js") == [
        f"{U}/js/page.js", f"{U}/js/list.js"]
    # another host's and the libraries' files are not read
    assert loaded_script_urls('document.write(\'<script src="https://hm.baidu.com/hm.js"><\\/script><script src="/js/jquery.min.js"><\\/script>\');',
                              f"{U}/js/a.js") == []


@pytest.mark.parametrize(("html", "expected"), [
    (cms.NOT_FOUND, True),
    ("<html><head><title>404</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>", True),
    ('<html><head><title>提示</title></head><body><div class="top"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div><p>该信息已删除</p></body></html>', True),
    ("<html><head><title>关于删除部分行政许可事项的通知</title></head><body><h1>关于删除部分行政许可事项的通知</h1><p>各单位：经研究，决定删除下列事项。</p></body></html>", False),
    ("<html><head><title>注销部分信息已过期企业的公告</title></head><body><h1>注销部分信息已过期企业的公告</h1><p>现予公告。</p></body></html>", False),
    (cms.detail("q", 1), False),
    # a long page (a document) that says 页面不存在 in its text is none
    ("<html><head><title>网站常见问题解答</title></head><body><p>问：为什么提示页面不存在？</p><p>" + "答：请检查链接是否正确。" * 80 + "</p></body></html>", False),
], ids=["您访问的页面不存在或已被删除", "nginx 404", "该信息已删除 under a menu", "a notice about 删除", "a notice naming 已过期", "a document", "a long page"])
def test_a_page_not_found_answered_200(html: str, expected: bool) -> None:
    assert says_not_found(html.encode("utf-8"), "text/html; charset=utf-8") is expected


def _crawl(defs: Path, data: Path, letters: str, *options: str) -> dict[str, dict]:
    return {result["site"]: result["counts"] for result in run_in_subprocess(["--sites-dir", str(defs), *(f"q{letter}" for letter in letters), *options],
                                                                             data)}


def _define(stack: contextlib.ExitStack, defs: Path, letter: str) -> None:
    base = stack.enter_context(local_http_server(type(f"H{letter}", (cms.Handler,), {"site": letter})))
    start = f'start_urls = ["{cms.START[letter]}"]\n' if cms.START[letter] else ""
    (defs / f"q{letter}.toml").write_text(f'base_url = "{base}"\n{start}politeness = {{delay_seconds = 0}}\n{cms.DEFS[letter]}\n', encoding="utf-8")


@pytest.mark.slow  # crawl children of six sites on 127.0.0.1
def test_every_document_of_each_layout_is_crawled(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    cms.Handler.log.clear()
    cms.Handler.gone = set()
    with contextlib.ExitStack() as stack:
        for letter in cms.AGENCY:
            _define(stack, defs, letter)
        counts = _crawl(defs, tmp_path / "data", "pqrstu")
        for site, count in counts.items():
            assert count["list_pages"] == cms.PAGES and count["unexplained"] == 0, site
        engine = Engine(load_settings(data_dir=tmp_path / "data"))
        try:
            records = list(engine.export())
        finally:
            engine.close()
        for letter, (agency, short) in cms.AGENCY.items():
            pages = {r.doc_number: r for r in records if r.source == f"site:q{letter}" and r.doc_number}
            assert set(pages) == {f"{short}〔2024〕{n}号" for n in range(1, cms.PAGES * cms.PER + 1)}, letter
            assert {r.issuer for r in pages.values()} == {agency}, letter
        framed = [r for r in records if r.source == "site:qq" and r.doc_number]
        assert all(r.index_number.startswith("00350113-2024-") for r in framed)  # the card in its frame
        # the three files of each page: named by its text, by its title alone, downloaded by script
        files = [r.url.split("/", 3)[-1] for r in records if r.source == "site:qq" and not r.doc_number]
        assert sorted(files) == sorted([f"download.jsp?id={900 + n}" for n in range(1, 7)] + [f"download.jsp?id={950 + n}" for n in range(1, 7)]
                                       + [f"u/cms/www/202406/{n}.pdf" for n in range(1, 7)])
        assert not [r for r in records if r.title == "提示信息"] and counts["qq"]["urls"]["missing"] == 1  # the 页面不存在 page
        assert "r /gk/print/7.html" not in cms.Handler.log and counts["qr"]["urls"]["skipped"] == 1  # robots.txt
        assert not [r for r in records if r.source == "site:qr" and not r.doc_number]  # the page sending on by script: no record
        assert cms.Handler.log.count("s /js/pager.js") == 1 and "s /js/jquery.min.js" not in cms.Handler.log
        assert cms.Handler.log.count("t /api/gk/list") == cms.PAGES  # the pages the answers name, then none

        # again: the pages are unchanged (their frames not asked again); a document whose page now says 页面不存在 is gone
        cms.Handler.log.clear()
        cms.Handler.gone = {1}
        try:
            again = _crawl(defs, tmp_path / "data", "q")["qq"]
        finally:
            cms.Handler.gone = set()
    assert again["urls"].get("gone") == 1 and again["urls"].get("new", 0) == 0, again["urls"]
    assert "q /xxgk/meta.jsp" not in cms.Handler.log
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        withdrawn = {r.doc_number for r in engine.export() if r.withdrawn}
    finally:
        engine.close()
    assert withdrawn == {"平政〔2024〕1号"}


@pytest.mark.parametrize(("row", "selector", "expected"), [
    ('<ul><li><a href="a.html">关于2024年5月1日起调整公交线路的通告</a><span class="date">2024-04-20</span></li></ul>', "li a", "2024-04-20"),
    ('<ul><li><span class="date">2024-06-03</span><a href="a.html">关于2024年5月1日起调整公交线路的通告</a></li></ul>', "li a", "2024-06-03"),
    ('<table><tr><td><a href="a.html">关于印发2024年3月8日会议纪要的通知</a></td><td>[2024年06月05日]</td></tr></table>', "td a", "2024-06-05"),
    ('<ul><li><a href="a.html">关于印发2024年3月8日会议纪要的通知</a> 发布时间：2024-06-05 来源：县政府办</li></ul>', "li a", "2024-06-05"),
    ('<ul><li onclick="x(1)"><p>关于2024年3月8日会议的通知</p><span>2024-06-09</span></li></ul>', "li", "2024-06-09"),
    ('<ul><li><a href="a.html">通知</a><span>发布时间：2024-06-05 10:32</span></li></ul>', "li a", "2024-06-05"),
    ('<table><tr><td>1</td><td><a href="a.html">通知</a></td><td>华政〔2024〕1号</td><td>2024-06-01</td></tr></table>', "td a", "2024-06-01"),
    ('<ul><li><a href="a.html">关于2024年3月8日会议的通知</a></li></ul>', "li a", "2024-03-08"),  # the title's day is all there is
], ids=["span after a title naming a day", "span before", "a cell in brackets", "after the title, labelled", "a clicked row", "with a clock",
        "a table of 序号/标题/文号/日期", "only the title's"])
def test_a_rows_date_is_its_own_not_its_titles(row: str, selector: str, expected: str) -> None:
    from gongkai.crawlers.disclosure_spider import DisclosureSpider

    assert str(DisclosureSpider._row_date(Selector(text=row).css(selector)[0])) == expected


@pytest.mark.slow  # one crawl child on 127.0.0.1
def test_since_reads_each_rows_own_date(tmp_path: Path) -> None:
    """--since on a list whose titles name older days (关于2023年3月1日起…): the rows of June 3 and after are read, and
    the pages up to the first whose rows are all older (it read none, and stopped at the first page)."""
    defs = tmp_path / "defs"
    defs.mkdir()
    with contextlib.ExitStack() as stack:
        _define(stack, defs, "u")
        counts = _crawl(defs, tmp_path / "data", "u", "--since", "2024-06-03")["qu"]
    assert counts["list_pages"] == cms.PAGES and counts["urls"].get("new") == 4, counts["urls"]


def test_files_named_by_a_links_title_or_downloaded_by_script() -> None:
    from scrapy.http import HtmlResponse

    from gongkai.parsers.file_links import file_links

    page = ('<html><body><div class="fj"><a href="/download.jsp?id=5" title="华安县防汛应急预案.docx">附件1</a>'
            '<a href="/download.jsp?id=6" download="物资清单.xlsx">附件2</a>'
            '<a href="javascript:void(0)" onclick="downLoad(\'/u/cms/www/202406/实施细则.pdf\')">实施细则</a>'
            '<a href="#" onclick="openPage(\'/xxgk/list.jsp\')">更多</a>'
            '<a href="/download.jsp?id=8" title="点击下载">点击下载</a></div></body></html>')
    response = HtmlResponse(url=f"{U}/xxgk/1.html", body=page.encode(), encoding="utf-8")
    assert list(file_links(response, response.url)) == [
        (f"{U}/download.jsp?id=5", "华安县防汛应急预案.docx", "docx"), (f"{U}/download.jsp?id=6", "物资清单.xlsx", "xlsx"),
        (f"{U}/u/cms/www/202406/实施细则.pdf", "实施细则", "pdf"),
        (f"{U}/download.jsp?id=8", "点击下载", "jsp")]  # nothing names its type: not fetched (a servlet is no file type)


@pytest.mark.parametrize(("html", "expected"), [
    (cms.JS_GO, "/gk/show.asp?id=5"),
    ('<html><head><title>x</title><script>location.replace("https://www.gov.cn/zhengce/1.htm")</script></head><body></body></html>',
     "https://www.gov.cn/zhengce/1.htm"),
    # a page with text of its own, or a script choosing between places, is no such page
    ('<html><body><h1>华安县人民政府关于第1批事项的公告</h1><p>现将有关事项公告如下。</p><script>if(m){ location.href = "/m/1.html"; }</script></body></html>', None),
    ('<html><body><script>location.href = a ? "/a.html" : "/b.html";</script></body></html>', None),
], ids=["window.location.href", "location.replace to another host", "a page of its own with a mobile redirect", "two places"])
def test_a_page_sending_the_browser_on_by_script(html: str, expected: str | None) -> None:
    from gongkai.crawlers.pagetext import script_redirect

    assert script_redirect(html.encode("utf-8"), "text/html") == expected


def test_sources_check_reads_the_card_in_a_frame() -> None:
    from gongkai.crawlers.check import check_site
    from gongkai.crawlers.sitedef import DisclosureSite
    from gongkai.settings import Settings

    with local_http_server(type("Hq", (cms.Handler,), {"site": "q"})) as base:
        site = DisclosureSite(name="qq", base_url=base, start_urls=[cms.START["q"]], detail_links="ul.xxgk-list li > a")
        report = check_site(site, Settings())
    assert report.ok, report.problems
    assert (report.fields["doc_number"], report.fields["index_number"]) == ("平政〔2024〕1号", "00350113-2024-00001")
    assert report.next_page == f"{base}/xxgk/list.jsp?catId=21&pageNo=2"
