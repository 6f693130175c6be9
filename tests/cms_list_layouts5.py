"""Held-out list and detail layouts of session 14 (crawl5), each served on 127.0.0.1 by `Handler` (one server per site:
`type("H", (Handler,), {"site": "p"})`), answering only what a browser asks. Every site: 3 list pages of 2 rows; each row
a detail page with a 文号 of its own; a crawl stores all 6. DEFS are what an operator writes after looking in a browser.

p: a 政务公开 目录 tree (a left-hand menu of categories, other columns linked), the list a table of 序号/标题/文号/日期,
   a pager printing 上一页/下一页 beside a page-number box and GO button; every page GBK with no charset anywhere
   (neither the header nor a <meta>);
q: detail pages whose 信息索引 card (索引号, 文号, 发布机构) is a page of its own shown in an <iframe>, attachments
   linked through `download.jsp?id=…` (a PDF sent as octet-stream; one named only by the link's title), one downloaded by
   script (`downLoad('/u/cms/www/202406/1.pdf')`), dates in a <span> after each title, and one row on
   the first page whose page answers 200 with a "页面不存在" body;
r: redirect chains (the start URL 301s to the list; each row's `show.asp?id=N` 302s to `/gk/show/N.html` which 301s
   to the page; row 5 is a page whose script sends the browser to its `show.asp?id=5`), robots.txt disallowing /gk/print/ (page 1 holds a row into it), and a pager whose function builds its
   URL by `"index_{p}.html".replace("{p}", n - 1)`;
t: a JSON list API whose answer names its next page's URL (`{"data": […], "next": "/api/gk/list?cursor=p2"}`, null on
   the last);
u: newest first, each title naming an older day (关于2023年3月1日起…的通告) and the row's own date in a <span> after it
   (read with --since);
s: a pager and row openers kept in /js/pager.js, which the page does not load itself: its /js/common.js loads it
   (`document.write('<script src="/js/pager.js"></script>')`); the URL an array's join (`["list", n].join("_")`).
"""
from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

PAGES, PER = 3, 2
AGENCY = {"p": ("华安县人民政府", "华政"), "q": ("平和县人民政府", "平政"), "r": ("云霄县人民政府", "云政"), "s": ("南靖县人民政府", "南政"),
          "t": ("诏安县人民政府", "诏政"), "u": ("龙海区人民政府", "龙政")}
START = {"p": "/zwgk/ghjh/index.html", "q": "/xxgk/list.jsp?catId=21", "r": "/gk/", "s": "/xxgk/list_1.html", "t": "",
         "u": "/zwgk/tzgg/index.html"}
DEFS = {
    "p": 'detail_links = "table.zwgk-list td.bt a"',
    "q": 'detail_links = "ul.xxgk-list li > a"',
    "r": 'detail_links = "div.gk-list li a"',
    "s": 'detail_links = "div.news-list li"',
    "u": 'detail_links = "ul.tz-list li a"',
    "t": '[json_list]\nurl = "/api/gk/list"\nrows = "data"\nlink = "url"\ndate = "pubDate"\nnext = "next"',
}
PDF = Path(__file__).parent / "fixtures/sites/xm-fgw/pages/xxgk/zfxxgk/202402/P020240228409317726519.pdf"
SOFT_404 = 99  # q: a row whose page answers 200 with a 页面不存在 body


def serial(page: int, i: int) -> int:
    return (page - 1) * PER + i


def title(site: str, n: int) -> str:
    return f"{AGENCY[site][0]}关于第{n}批事项的公告"


def card(site: str, n: int) -> str:
    agency, short = AGENCY[site]
    return (f'<table class="xxgk_table"><tr><td>索引号：</td><td>00350{ord(site):03d}-2024-{n:05d}</td><td>发布机构：</td><td>{agency}</td></tr>'
            f"<tr><td>文号：</td><td>{short}〔2024〕{n}号</td><td>发布日期：</td><td>2024-06-{n:02d}</td></tr>"
            f"<tr><td>标题：</td><td>{title(site, n)}</td></tr></table>")


def detail(site: str, n: int, head: str = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">') -> str:
    return (f"<html><head>{head}<title>{title(site, n)}</title></head><body>{card(site, n)}"
            f'<div class="content"><p>各乡镇人民政府、县直各单位：现将第{n}批事项公告如下。</p></div></body></html>')


def shell(body: str, head: str = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>政务公开</title></head><body>{body}</body></html>"


MENU = ('<div class="left-menu"><h3>政府信息公开目录</h3><ul><li><a href="/zwgk/zcwj/index.html">政策文件</a><ul>'
        '<li><a href="/zwgk/zcwj/xzfwj/index.html">县政府文件</a></li><li><a href="/zwgk/zcwj/bmwj/index.html">部门文件</a></li></ul></li>'
        '<li class="on"><a href="/zwgk/ghjh/index.html">规划计划</a></li><li><a href="/zwgk/rsxx/index.html">人事信息</a></li></ul></div>')


def site_p(page: int) -> str:
    rows = "".join(f'<tr><td>{serial(page, i)}</td><td class="bt"><a href="./202406/t20240601_{serial(page, i)}.html" target="_blank">'
                   f'{title("p", serial(page, i))}</a></td><td>华政〔2024〕{serial(page, i)}号</td><td>2024-06-{serial(page, i):02d}</td></tr>'
                   for i in range(1, PER + 1))
    prev = f'<a href="{"index.html" if page == 2 else f"index_{page - 2}.html"}">上一页</a>' if page > 1 else "<span>上一页</span>"
    nxt = f'<a href="index_{page}.html">下一页</a>' if page < PAGES else "<span>下一页</span>"
    pager = (f'<div class="page">共{PAGES}页 当前第{page}/{PAGES}页 <a href="index.html">首页</a> {prev} {nxt} <a href="index_{PAGES - 1}.html">尾页</a>'
             ' 转到<input type="text" id="pageNum" size="2">页 <input type="button" value="GO" onclick="jumpTo()"></div>'
             '<script>function jumpTo(){ var n = document.getElementById("pageNum").value; '
             'location.href = n == 1 ? "index.html" : "index_" + (n - 1) + ".html"; }</script>')
    return shell(f'{MENU}<div class="main"><table class="zwgk-list"><tr><th>序号</th><th>标题</th><th>文号</th><th>日期</th></tr>{rows}</table>'
                 f"{pager}</div>", head="")


def site_q(page: int) -> str:
    rows = "".join(f'<li><a href="/xxgk/info.jsp?id={serial(page, i)}" title="{title("q", serial(page, i))}">{title("q", serial(page, i))}</a>'
                   f'<span class="date">2024-06-{serial(page, i):02d}</span></li>' for i in range(1, PER + 1))
    if page == 1:
        rows += f'<li><a href="/xxgk/info.jsp?id={SOFT_404}">平和县人民政府关于已撤回事项的公告</a><span class="date">2024-05-30</span></li>'
    nxt = f'<a href="list.jsp?catId=21&amp;pageNo={page + 1}">下一页</a>' if page < PAGES else ""
    return shell(f'<ul class="xxgk-list">{rows}</ul><div class="pagination"><a href="list.jsp?catId=21&amp;pageNo=1">首页</a>{nxt}'
                 f'<a href="list.jsp?catId=21&amp;pageNo={PAGES}">尾页</a></div>')


def detail_q(n: int) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title("q", n)}</title></head><body><div class="xxgk-card">'
            f'<iframe src="/xxgk/meta.jsp?id={n}" width="100%" height="120" frameborder="0" scrolling="no"></iframe></div>'
            f'<h1>{title("q", n)}</h1><div class="content"><p>各乡镇人民政府、县直各单位：现将第{n}批事项公告如下。</p>'
            f'<p>附件：<a href="/download.jsp?id={900 + n}">第{n}批事项清单.pdf</a></p>'
            f'<p><a href="/download.jsp?id={950 + n}" title="第{n}批事项说明.pdf">附件2</a></p>'
            f'<p><a href="javascript:void(0)" onclick="downLoad(\'/u/cms/www/202406/{n}.pdf\')">附件3：第{n}批事项图表</a></p></div></body></html>')


NOT_FOUND = ('<html><head><meta charset="utf-8"><title>提示信息</title></head><body><div class="err"><img src="/images/404.png">'
             '<p>对不起，您访问的页面不存在或已被删除！</p><p><a href="/">返回首页</a></p></div></body></html>')


def link_r(n: int) -> str:
    """Row 5 leads to a TRS 外链 page that sends the browser on by script (to the redirect chain); the others into the chain."""
    return "/gk/wl/5.html" if n == 5 else f"/gk/show.asp?id={n}"


JS_GO = ('<html><head><meta charset="utf-8"><title>云霄县人民政府</title></head><body>'
         '<script type="text/javascript">window.location.href = "/gk/show.asp?id=5";</script></body></html>')


def site_r(page: int) -> str:
    rows = "".join(f'<li><a href="{link_r(serial(page, i))}">{title("r", serial(page, i))}</a><i>2024-06-{serial(page, i):02d}</i></li>'
                   for i in range(1, PER + 1))
    if page == 1:
        rows += '<li><a href="/gk/print/7.html">云霄县人民政府关于第1批事项的公告（打印版）</a></li>'
    nxt = f'<a href="javascript:goPage({page + 1})">下一页</a>' if page < PAGES else "<span>下一页</span>"
    return shell(f'<div class="gk-list"><ul>{rows}</ul></div><div class="page">第{page}/{PAGES}页 {nxt}</div>'
                 '<script>var tpl = "index_{p}.html";\nfunction goPage(n) { if (n == 1) { location.href = "index.html"; return; }\n'
                 '  location.href = tpl.replace("{p}", n - 1); }</script>')


COMMON_JS = """/* 公共脚本 */
document.write('<script type="text/javascript" src="/js/pager.js"><\\/script>');
"""
PAGER_JS = """function goPage(n) {
    window.location.href = ["list", n].join("_") + ".html";
}
function openArticle(id) {
    window.open(["/xxgk/article", id].join("/") + ".html");
}
"""


def site_s(page: int) -> str:
    rows = "".join(f'<li onclick="openArticle({serial(page, i)})"><p>{title("s", serial(page, i))}</p><span>2024-06-{serial(page, i):02d}</span></li>'
                   for i in range(1, PER + 1))
    nxt = f'<a href="javascript:void(0)" onclick="goPage({page + 1})">下一页</a>' if page < PAGES else ""
    return shell(f'<div class="news-list"><ul>{rows}</ul></div><div class="page">{nxt}</div>',
                 head='<meta charset="utf-8"><script src="/js/jquery.min.js"></script><script src="/js/common.js"></script>')


def site_u(page: int) -> str:
    newest = PAGES * PER + 1
    rows = "".join(f'<li><a href="/zwgk/tzgg/2024/{newest - serial(page, i)}.html">关于2023年{serial(page, i)}月1日起第{newest - serial(page, i)}批事项的通告'
                   f'</a><span class="time">2024-06-{newest - serial(page, i):02d}</span></li>' for i in range(1, PER + 1))
    nxt = f'<a href="index_{page}.html">下一页</a>' if page < PAGES else ""
    return shell(f'<ul class="tz-list">{rows}</ul><div class="page"><a href="index.html">首页</a>{nxt}</div>')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log: ClassVar[list[str]] = []
    site: ClassVar[str] = ""
    gone: ClassVar[set[int]] = set()  # q: documents whose page now answers 200 with the 页面不存在 body

    def log_message(self, format: str, *args: object) -> None:
        return

    def _answer(self, status: int, body: str | bytes, charset: str = "utf-8", ctype: str = "text/html", headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else body.encode(charset)
        self.send_response(status)
        # GBK pages go without a charset (site p: none anywhere)
        self.send_header("Content-Type", f"{ctype}; charset={charset}" if charset == "utf-8" and ctype.startswith("text") else ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        site = self.site
        Handler.log.append(f"{site} {path}")
        if path == "/robots.txt":
            return self._answer(200, "User-agent: *\nDisallow: /gk/print/\nDisallow: /search/\n", ctype="text/plain")
        if site == "p":
            found = re.fullmatch(r"/zwgk/ghjh/index(?:_(\d+))?\.html", path)
            if found and 1 <= (n := int(found[1] or 0) + 1) <= PAGES:
                return self._answer(200, site_p(n), "gbk")
            found = re.fullmatch(r"/zwgk/ghjh/202406/t20240601_(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER:
                return self._answer(200, detail("p", int(found[1]), head=""), "gbk")
        if site == "q":
            n = int(query.get("pageNo", ["1"])[0]) if path == "/xxgk/list.jsp" else int(query.get("id", ["0"])[0])
            if path == "/xxgk/list.jsp" and query.get("catId") == ["21"] and 1 <= n <= PAGES:
                return self._answer(200, site_q(n))
            if path == "/xxgk/info.jsp" and (n == SOFT_404 or n in self.gone):
                return self._answer(200, NOT_FOUND)
            if path == "/xxgk/info.jsp" and 1 <= n <= PAGES * PER:
                return self._answer(200, detail_q(n))
            if path == "/xxgk/meta.jsp" and 1 <= n <= PAGES * PER:
                return self._answer(200, f'<html><head><meta charset="utf-8"></head><body>{card("q", n)}</body></html>')
            if (path == "/download.jsp" and (901 <= n <= 900 + PAGES * PER or 951 <= n <= 950 + PAGES * PER)) or \
                    re.fullmatch(r"/u/cms/www/202406/[1-6]\.pdf", path):
                return self._answer(200, PDF.read_bytes(), ctype="application/octet-stream",
                                    headers={"Content-Disposition": f'attachment; filename="{n}.pdf"'})
        if site == "r":
            if path == "/gk/":
                return self._redirect(301, "/gk/index.html")
            found = re.fullmatch(r"/gk/index(?:_(\d+))?\.html", path)
            if found and 1 <= (n := int(found[1] or 0) + 1) <= PAGES:
                return self._answer(200, site_r(n))
            if path == "/gk/wl/5.html":
                return self._answer(200, JS_GO)
            if path == "/gk/show.asp" and 1 <= (n := int(query.get("id", ["0"])[0])) <= PAGES * PER:
                return self._redirect(302, f"/gk/show/{n}.html")
            found = re.fullmatch(r"/gk/show/(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER:
                return self._redirect(301, f"/gk/2024/{found[1]}.html")
            found = re.fullmatch(r"/gk/(?:2024|print)/(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER + 1:
                return self._answer(200, detail("r", int(found[1])), "gbk")
        if site == "s":
            found = re.fullmatch(r"/xxgk/list_(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES:
                return self._answer(200, site_s(int(found[1])))
            if path in ("/js/common.js", "/js/pager.js"):
                return self._answer(200, COMMON_JS if path == "/js/common.js" else PAGER_JS, ctype="application/javascript")
            found = re.fullmatch(r"/xxgk/article/(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER:
                return self._answer(200, detail("s", int(found[1])), "gbk")
        if site == "u":
            found = re.fullmatch(r"/zwgk/tzgg/index(?:_(\d+))?\.html", path)
            if found and 1 <= (n := int(found[1] or 0) + 1) <= PAGES:
                return self._answer(200, site_u(n))
            found = re.fullmatch(r"/zwgk/tzgg/2024/(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER:
                return self._answer(200, detail("u", int(found[1])), "gbk")
        if site == "t":
            if path == "/api/gk/list" and (n := {"": 1, "p2": 2, "p3": 3}.get(query.get("cursor", [""])[0])):
                rows = [{"title": title("t", serial(n, i)), "url": f"/gk/2024/{serial(n, i)}.html", "pubDate": f"2024-06-{serial(n, i):02d}"}
                        for i in range(1, PER + 1)]
                return self._answer(200, json.dumps({"code": 0, "data": rows, "next": f"/api/gk/list?cursor=p{n + 1}" if n < PAGES else None},
                                                    ensure_ascii=False), ctype="application/json")
            found = re.fullmatch(r"/gk/2024/(\d+)\.html", path)
            if found and 1 <= int(found[1]) <= PAGES * PER:
                return self._answer(200, detail("t", int(found[1])), "gbk")
        return self._answer(404, "<h1>404</h1>")
