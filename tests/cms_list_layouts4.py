"""Held-out list layouts of session 13 (crawl4), each served on 127.0.0.1 by `Handler` (one server per site:
`type("H", (Handler,), {"site": "k"})`), answering only what a browser asks. Every site: 3 list pages of 2 rows; each row
a detail page with a 文号 of its own; a crawl stores all 6. DEFS are what an operator writes after looking in a browser.

k: a county 政务公开 site whose rows (`<li onclick="showDetail('101')">`) and 下一页 (`goPage(2)`) call functions kept
   in /js/list.js (the URL patterns are in no page), beside a jQuery the crawl need not read;
l: a 下一页 into another folder (/html/tzgg/index.html -> /html/tzgglist/2.html) in a pager with 首页/尾页;
m: a GBK county site: table rows opened by `openInfo('35', n)` written in the page, TRS's createPageHTML called with the
   template's variables (`createPageHTML(countPage, currentPage, "index", "htm")`);
o: rows with a data-id and no link, opened by a click handler bound in /js/main.js ($(document).on("click", ".item", …));
n: a layui laypage pager (`laypage.render({count, limit, curr, jump: … location.href = 'list_' + obj.curr + '.html'})`).
"""
from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

PAGES, PER = 3, 2
AGENCY = {"k": ("漳浦县人民政府", "漳浦政"), "l": ("长泰区人民政府", "长政"), "m": ("永春县人民政府", "永政"), "n": ("德化县人民政府", "德政"),
          "o": ("东山县人民政府", "东政")}
START = {"k": "/zwgk/tzgg/index.html", "l": "/html/tzgg/index.html", "m": "/xxgk/gsgg/index.htm", "n": "/xxgk/list_1.html", "o": "/xxgk/list_1.html"}
DEFS = {
    "k": 'detail_links = "ul.infolist li"',
    "l": 'detail_links = "div.list a"',
    "m": 'detail_links = "table.gk tr[onclick]"',
    "n": 'detail_links = "ul.news a"',
    "o": 'detail_links = "ul.gk-list li.item"',
}


def serial(page: int, i: int) -> int:
    return (page - 1) * PER + i


def detail(site: str, n: int) -> str:
    agency, short = AGENCY[site]
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>{agency}关于第{n}批事项的公告</title></head><body>'
            f'<table class="xxgk_table"><tr><td>索引号：</td><td>00350{ord(site):03d}-2024-{n:05d}</td><td>发布机构：</td><td>{agency}</td></tr>'
            f"<tr><td>文号：</td><td>{short}〔2024〕{n}号</td><td>发布日期：</td><td>2024-06-{n:02d}</td></tr>"
            f"<tr><td>标题：</td><td>{agency}关于第{n}批事项的公告</td></tr></table>"
            f'<div class="content"><p>各乡镇人民政府、县直各单位：现将第{n}批事项公告如下。</p></div></body></html>')


def rows(site: str, page: int, fmt: str) -> str:
    return "".join(fmt.format(n=serial(page, i), title=f"{AGENCY[site][0]}关于第{serial(page, i)}批事项的公告",
                              day=f"2024-06-{serial(page, i):02d}") for i in range(1, PER + 1))


def shell(body: str, charset: str = "utf-8", head: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>通知公告</title>{head}'
            f"</head><body>{body}</body></html>")


LIST_JS = """/* 列表页公共脚本 */
function showDetail(id) {
    var url = "/zwgk/content.jsp?id=" + id;
    window.open(url);
}
function goPage(n) {
    if (n == 1) { window.location.href = "index.html"; }
    else { window.location.href = "index_" + (n - 1) + ".html"; }
}
"""


def site_k(page: int) -> str:
    r = rows("k", page, "<li onclick=\"showDetail('{n}')\" style=\"cursor:pointer\"><span class=\"t\">{title}</span><span class=\"d\">{day}</span></li>")
    nxt = f'<a href="javascript:void(0)" onclick="goPage({page + 1})">下一页</a>' if page < PAGES else "<span>下一页</span>"
    return shell(f'<ul class="infolist">{r}</ul><div class="page">共{PAGES}页 {nxt}</div>',
                 head='<script src="/js/jquery-1.8.3.min.js"></script><script type="text/javascript" src="/js/list.js"></script>')


def site_l(page: int) -> str:
    r = rows("l", page, '<p><a href="/html/tzgg/2024/0601/{n}.html" target="_blank">{title}</a><em>{day}</em></p>')
    nxt = f'<a href="/html/tzgglist/{page + 1}.html">下一页</a>' if page < PAGES else ""
    return shell(f'<div class="list">{r}</div><div class="pages"><a href="/html/tzgg/index.html">首页</a>{nxt}'
                 f'<a href="/html/tzgglist/{PAGES}.html">尾页</a> 共{PAGES}页</div>'
                 '<div class="side"><h3>专题专栏</h3><a href="/ztzl/list/2.html">下一页</a></div>')


def site_m(page: int) -> str:
    r = rows("m", page, "<tr onclick=\"openInfo('35','{n}')\"><td>{title}</td><td>{day}</td></tr>")
    return shell(f'<table class="gk">{r}</table><div class="page"><script>var currentPage = {page - 1};var countPage = {PAGES};\n'
                 'createPageHTML(countPage, currentPage, "index", "htm");</script></div>'
                 "<script>function openInfo(cid, id){ window.location.href = '/xxgk/content_' + cid + '_' + id + '.htm'; }</script>", "gbk")


def site_n(page: int) -> str:
    r = rows("n", page, '<li><a href="/xxgk/2024/06/{n}.html">{title}</a><span>{day}</span></li>')
    return shell(f'<ul class="news">{r}</ul><div id="pager"></div><script>layui.use(["laypage"], function () {{ var laypage = layui.laypage;\n'
                 f'laypage.render({{ elem: "pager", count: {PAGES * PER}, limit: {PER}, curr: {page}, layout: ["prev", "page", "next"],\n'
                 '  jump: function (obj, first) { if (!first) { location.href = "list_" + obj.curr + ".html"; } } }); });</script>')


MAIN_JS = """$(function () {
    $(document).on("click", ".gk-list .item", function () {
        window.open("/xxgk/view.html?id=" + $(this).data("id"));
    });
});
"""


def site_o(page: int) -> str:
    r = rows("o", page, '<li class="item" data-id="{n}"><p>{title}</p><span>{day}</span></li>')
    nxt = f'<a href="list_{page + 1}.html">下一页</a>' if page < PAGES else ""
    return shell(f'<ul class="gk-list">{r}</ul><div class="page">{nxt}</div>', head='<script src="/js/jquery.min.js"></script><script src="/js/main.js"></script>')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log: ClassVar[list[str]] = []
    site: ClassVar[str] = ""

    def log_message(self, format: str, *args: object) -> None:
        return

    def _answer(self, status: int, body: str, charset: str = "utf-8", ctype: str = "text/html") -> None:
        data = body.encode(charset)
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset={charset}" if charset == "utf-8" else ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _page(self, path: str, query: dict) -> tuple[str, str] | None:
        site = self.site
        lists = {"k": r"/zwgk/tzgg/index(?:_(\d+))?\.html", "l": r"/html/(?:tzgg/index|tzgglist/(\d+))\.html",
                 "m": r"/xxgk/gsgg/index(?:_(\d+))?\.htm", "n": r"/xxgk/list_(\d+)\.html", "o": r"/xxgk/list_(\d+)\.html"}
        found = re.fullmatch(lists[site], path)
        if found:
            n = (int(found[1]) + (1 if site in "km" else 0)) if found[1] else 1
            if 1 <= n <= PAGES and not (site == "l" and n == 1 and found[1]):
                return globals()[f"site_{site}"](n), "gbk" if site == "m" else "utf-8"
            return None
        if site == "k" and path == "/js/list.js":
            return LIST_JS, "utf-8"
        if site == "o" and path == "/js/main.js":
            return MAIN_JS, "utf-8"
        details = {"k": r"/zwgk/content\.jsp", "l": r"/html/tzgg/2024/0601/(\d+)\.html", "m": r"/xxgk/content_35_(\d+)\.htm", "n": r"/xxgk/2024/06/(\d+)\.html",
                   "o": r"/xxgk/view\.html"}
        found = re.fullmatch(details[site], path)
        if found:
            n = int(found[1]) if found.groups() else int(query.get("id", ["0"])[0])
            if 1 <= n <= PAGES * PER:
                return detail(site, n), "gbk"
        return None

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        Handler.log.append(f"{self.site} {parts.path}")
        if parts.path == "/robots.txt":
            return self._answer(200, "User-agent: *\nDisallow:\n", ctype="text/plain")
        got = self._page(parts.path, parse_qs(parts.query))
        if got is None:
            return self._answer(404, "<h1>404</h1>")
        body, charset = got
        self._answer(200, body, charset, "application/javascript" if parts.path.endswith(".js") else "text/html")
