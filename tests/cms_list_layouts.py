"""Held-out list layouts of other Chinese government CMSs (crawl3, session 12), each served on 127.0.0.1 by `Handler`
(one server per site: `type("H", (Handler,), {"site": "a"})`). Every site: 3 list pages of 2 rows; each row a detail
page with a 文号 of its own; a crawl stores all 6 per site. DEFS are the definitions an operator writes in a browser."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

PAGES, PER = 3, 2
AGENCY = {"a": ("深圳市福田区人民政府", "福府"), "b": ("广州市天河区人民政府", "天府"), "c": ("泉州市丰泽区人民政府", "丰政"),
          "d": ("南宁市青秀区人民政府", "青政"), "e": ("赣州市章贡区人民政府", "章府"), "f": ("漳州市龙文区人民政府", "龙政"),
          "g": ("莆田市城厢区人民政府", "城政"), "h": ("宁德市蕉城区人民政府", "蕉政"), "i": ("三明市三元区人民政府", "元政"),
          "j": ("龙岩市新罗区人民政府", "新政")}


def serial(site: str, page: int, i: int) -> int:
    return (page - 1) * PER + i


def detail(site: str, n: int) -> str:
    agency, short = AGENCY[site]
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{agency}关于第{n}批事项的通知</title></head><body>'
            f'<table class="xxgk_table"><tr><td>索引号：</td><td>11350{ord(site):03d}-2024-{n:05d}</td><td>发布机构：</td><td>{agency}</td></tr>'
            f"<tr><td>文号：</td><td>{short}〔2024〕{n}号</td><td>发布日期：</td><td>2024-05-{n:02d}</td></tr>"
            f"<tr><td>标题：</td><td>{agency}关于第{n}批事项的通知</td></tr></table>"
            f'<div class="content"><p>各街道办事处、区直各单位：现将第{n}批事项通知如下，请遵照执行。</p></div></body></html>')


def rows(site: str, page: int, fmt: str) -> str:
    return "".join(fmt.format(n=serial(site, page, i), title=f"{AGENCY[site][0]}关于第{serial(site, page, i)}批事项的通知",
                              day=f"2024-05-{serial(site, page, i):02d}") for i in range(1, PER + 1))


def page_html(body: str, charset: str = "utf-8") -> str:
    return f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>政府信息公开目录</title></head><body>{body}</body></html>'


def site_a(page: int) -> str:  # ASP.NET WebForms, AspNetPager: postback paging
    r = rows("a", page, '<tr><td><a href="/xxgk/Detail.aspx?id={n}" target="_blank">{title}</a></td><td>{day}</td></tr>')
    nxt = (f"<a href=\"javascript:__doPostBack('AspNetPager1','{page + 1}')\">下一页</a>" if page < PAGES else '<a disabled="disabled">下一页</a>')
    return page_html(f'''<form name="form1" method="post" action="./List.aspx?ClassID=12" id="form1">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIBD2QWAgIDDxYCHgtfIUl0ZW1Db3VudAIBZGRk{page}" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEWAgKM54rGBgLs0bLrBg{page}" />
<input name="txtKey" type="text" id="txtKey" /><input type="submit" name="btnSearch" value="搜索" id="btnSearch" />
<table class="gkml">{r}</table>
<div id="AspNetPager1"><a href="javascript:__doPostBack('AspNetPager1','1')">首页</a> {nxt} 共{PAGES}页</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
function __doPostBack(eventTarget, eventArgument) {{ if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
 theForm.__EVENTTARGET.value = eventTarget; theForm.__EVENTARGUMENT.value = eventArgument; theForm.submit(); }} }}
//]]>
</script></form>''')


def site_b(page: int) -> str:  # goPage(n) pager, URL pattern printed in the script: list.shtml, list_2.shtml
    r = rows("b", page, '<li><a href="/gkmlpt/content/2024/05/post_{n}.html">{title}</a><span>{day}</span></li>')
    nxt = f'<a href="javascript:goPage({page + 1})">下一页</a>' if page < PAGES else "<span>下一页</span>"
    return page_html(f'''<ul class="news_list">{r}</ul><div class="page">共{PAGES}页 当前第{page}页 {nxt}</div>
<script>function goPage(n){{ if(n==1){{location.href='list.shtml';}}else{{location.href='list_'+n+'.shtml';}} }}</script>''')


def site_c(page: int) -> str:  # DedeCMS list_12_2.html, 下一页 as a plain link with no class
    r = rows("c", page, "<li><a href='/a/xxgk/tzgg/2024/0505/{n}.html'>{title}</a><span>{day}</span></li>")
    nxt = f"<li><a href='list_12_{page + 1}.html'>下一页</a></li>" if page < PAGES else "<li><span>下一页</span></li>"
    return page_html(f"<div class='listbox'><ul class='e2'>{r}</ul></div><div class='dede_pages'><ul class='pagelist'>"
                     f"<li><a href='list_12_1.html'>首页</a></li>{nxt}<li><a href='list_12_{PAGES}.html'>末页</a></li>"
                     f"<span class='pageinfo'>共 <strong>{PAGES}</strong>页<strong>{PAGES * PER}</strong>条</span></ul></div>")


def site_d(page: int) -> str:  # turnPage(p) with ?pageIndex=p printed in the script
    r = rows("d", page, '<tr><td><a href="detail.jsp?channelId=5&amp;infoId={n}">{title}</a></td><td>{day}</td></tr>')
    nxt = f'<a href="javascript:void(0);" onclick="turnPage({page + 1})">下一页</a>' if page < PAGES else ""
    return page_html(f'''<table id="infoList">{r}</table><div class="pager">第{page}/{PAGES}页 {nxt}</div>
<script>function turnPage(p){{ window.location.href = 'list.jsp?channelId=5&pageIndex=' + p; }}</script>''')


def site_e(page: int) -> str:  # a select box of pages (TRS older template)
    r = rows("e", page, '<li><a href="./202405/t20240505_{n}.html">{title}</a><span>{day}</span></li>')
    opts = "".join(f'<option value="{"index.html" if p == 1 else f"index_{p - 1}.html"}"{" selected" if p == page else ""}>第{p}页</option>'
                   for p in range(1, PAGES + 1))
    return page_html(f'<ul class="list">{r}</ul><div class="page">跳转到 <select name="page" onchange="window.location.href=this.value">{opts}</select></div>')


def site_f(page: int) -> str:  # 信息公开目录, rows clicked: <tr onclick="window.open('...')">
    r = rows("f", page, "<tr onclick=\"window.open('/zfxxgk/zfxxgkml/202405/t20240505_{n}.htm')\" style=\"cursor:pointer\"><td>{n}</td><td>{title}</td><td>{day}</td></tr>")
    nxt = f'<a class="next" href="index_{page}.htm">下一页</a>' if page < PAGES else ""
    return page_html(f'<table class="gkml_list"><tr><th>序号</th><th>名称</th><th>日期</th></tr>{r}</table>{nxt}')


def site_g(page: int) -> str:  # rows with data-href (a Vue/jQuery template)
    r = rows("g", page, '<li class="item" data-href="/xxgk/detail/{n}.html"><p class="tit">{title}</p><span>{day}</span></li>')
    nxt = f'<a class="next" href="index_{page}.html">下一页</a>' if page < PAGES else ""
    return page_html(f'<ul class="gk-list">{r}</ul>{nxt}')


def site_h(page: int) -> str:  # relative links with ../
    r = rows("h", page, '<li><a href="../202405/t20240505_{n}.html">{title}</a><span>{day}</span></li>')
    nxt = f'<a class="next" href="index_{page}.html">下一页</a>' if page < PAGES else ""
    return page_html(f'<ul class="list">{r}</ul>{nxt}')


def site_i(page: int) -> str:  # GBK, charset only in <meta http-equiv>
    r = rows("i", page, '<li><a href="/xxgk/{n}.htm">{title}</a><span>{day}</span></li>')
    nxt = f'<a href="list{page + 1}.htm">下一页</a>' if page < PAGES else ""
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>政府信息公开</title></head>'
            f'<body><ul class="list">{r}</ul><p>{nxt}</p></body></html>')


def site_j(page: int) -> str:  # a.next with javascript:nextPage() and the pattern in a script variable (list_{n}.html)
    r = rows("j", page, '<li><a href="/xxgk/{n}.html" title="{title}">{title}</a><span>{day}</span></li>')
    nxt = '<a href="javascript:nextPage();" class="next">下一页</a>' if page < PAGES else ""
    return page_html(f'''<ul class="list">{r}</ul>{nxt}
<script>var currentPage = {page}; var countPage = {PAGES};
function nextPage(){{ if(currentPage<countPage) location.href = "list_" + (currentPage+1) + ".html"; }}</script>''')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log: ClassVar[list[tuple[str, str, dict]]] = []
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

    def _list(self, site: str, path: str, query: dict, form: dict | None) -> tuple[int, str] | None:
        import re
        if site == "a" and path == "/a/xxgk/List.aspx":
            if query.get("ClassID") != ["12"]:
                return None
            if form is None:
                return 1, site_a(1)
            n = int(form.get("__EVENTARGUMENT", ["0"])[0] or 0)
            vs = form.get("__VIEWSTATE", [""])[0]
            if form.get("__EVENTTARGET") != ["AspNetPager1"] or not vs.startswith("/wEPDw") or not form.get("__EVENTVALIDATION"):
                return None
            return n, site_a(n)
        pats = {"b": r"/b/xxgk/list(?:_(\d+))?\.shtml", "c": r"/c/a/xxgk/tzgg/list_12_(\d+)\.html", "e": r"/e/xxgk/index(?:_(\d+))?\.html",
                "f": r"/f/zfxxgk/index(?:_(\d+))?\.htm", "g": r"/g/xxgk/index(?:_(\d+))?\.html", "h": r"/h/zwgk/tzgg/list/index(?:_(\d+))?\.html",
                "i": r"/i/xxgk/list(\d*)\.htm", "j": r"/j/xxgk/list(?:_(\d+))?\.html"}
        if site == "d" and path == "/d/xxgk/list.jsp" and query.get("channelId") == ["5"]:
            n = int(query.get("pageIndex", ["1"])[0])
            return n, site_d(n)
        m = re.fullmatch(pats.get(site, "^$"), path)
        if not m:
            return None
        raw = m[1]
        if site in "egfh":
            n = int(raw) + 1 if raw else 1
        else:
            n = int(raw) if raw else 1
        return n, globals()[f"site_{site}"](n)

    def _serve(self, form: dict | None) -> None:
        import re
        parts = urlsplit(self.path)
        path, query = f"/{self.site}" + parts.path, parse_qs(parts.query)
        Handler.log.append(("POST" if form is not None else "GET", self.path, form or {}))
        if path == "/robots.txt":
            return self._answer(200, "User-agent: *\nDisallow:\n", ctype="text/plain")
        site = path.split("/")[1] if path.count("/") > 1 else ""
        got = self._list(site, path, query, form) if site in AGENCY else None
        if got is not None:
            n, body = got
            if not 1 <= n <= PAGES:
                return self._answer(404, "<h1>404</h1>")
            return self._answer(200, body, "gbk" if site == "i" else "utf-8", "text/html")
        details = {"a": r"/a/xxgk/Detail\.aspx", "b": r"/b/gkmlpt/content/2024/05/post_(\d+)\.html", "c": r"/c/a/xxgk/tzgg/2024/0505/(\d+)\.html",
                   "d": r"/d/xxgk/detail\.jsp", "e": r"/e/xxgk/202405/t20240505_(\d+)\.html", "f": r"/f/zfxxgk/zfxxgkml/202405/t20240505_(\d+)\.htm",
                   "g": r"/g/xxgk/detail/(\d+)\.html", "h": r"/h/zwgk/tzgg/202405/t20240505_(\d+)\.html", "i": r"/i/xxgk/(\d+)\.htm",
                   "j": r"/j/xxgk/(\d+)\.html"}
        if site in details and form is None:
            m = re.fullmatch(details[site], path)
            if m:
                n = int(m[1]) if m.groups() else int(query.get("id", query.get("infoId", ["0"]))[0])
                if 1 <= n <= PAGES * PER:
                    return self._answer(200, detail(site, n), "gbk", "text/html")
        self._answer(404, "<h1>404</h1>")

    def do_GET(self) -> None:
        self._serve(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._serve(parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))


START = {"a": "/xxgk/List.aspx?ClassID=12", "b": "/xxgk/list.shtml", "c": "/a/xxgk/tzgg/list_12_1.html", "d": "/xxgk/list.jsp?channelId=5&pageIndex=1",
         "e": "/xxgk/index.html", "f": "/zfxxgk/index.htm", "g": "/xxgk/index.html", "h": "/zwgk/tzgg/list/index.html", "i": "/xxgk/list1.htm",
         "j": "/xxgk/list.html"}
# The definitions an operator would write, looking at the page in a browser (expectation: 6 records each).
DEFS = {
    "a": 'detail_links = "table.gkml a"\nnext_page = "#AspNetPager1 a:contains(\'下一页\')"',
    "b": 'detail_links = "ul.news_list a"\nnext_page = "div.page a:contains(\'下一页\')"',
    "c": 'detail_links = "ul.e2 li a"',  # 下一页 link by its text, no next_page written
    "d": 'detail_links = "#infoList a"\nnext_page = "div.pager a:contains(\'下一页\')"',
    "e": 'detail_links = "ul.list a"\nnext_page = "select[name=page] option[selected] + option"',
    "f": 'detail_links = "table.gkml_list tr[onclick]"\nnext_page = "a.next"',
    "g": 'detail_links = "ul.gk-list li.item"\nnext_page = "a.next"',
    "h": 'detail_links = "ul.list a"\nnext_page = "a.next"',
    "i": 'detail_links = "ul.list a"\nnext_page = "p a"',
    "j": 'detail_links = "ul.list a"\nnext_page = "a.next"',
}
