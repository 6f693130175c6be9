"""A web server's error page is no document: `502 Bad Gateway` saved as `目录.json` by a script's `curl -o` when the CMS
was down, IIS's `404 - 找不到文件或目录。` answered 200 to a feed's link, Tomcat's `HTTP Status 500`. Each was stored as a
record titled so (doors10). Told by the page's own words: a title or first heading naming an HTTP status (4xx/5xx) with
its phrase, and little else on the page (a real notice that quotes "404" has a body)."""

from __future__ import annotations

import re

#: the status and its phrase, as servers print them (nginx, Apache, IIS, Tomcat, Chinese CMSs and proxies)
_STATUS = re.compile(
    r"^\s*(?:HTTP\s*(?:Status|Error|错误)?\s*)?(?P<code>[45]\d\d)\b\s*[-–:：.]?\s*"
    r"(?P<phrase>Bad Request|Unauthori[sz]ed|Forbidden|Not Found|Method Not Allowed|Request Time-?out|Gone|Too Many Requests|"
    r"Internal Server Error|Not Implemented|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|"
    r"找不到|未找到|页面不存在|禁止访问|拒绝访问|服务器(?:内部)?错误|网关错误|服务不可用|请求超时|无法访问)",
    re.I,
)
#: a CMS's own "not found" page names no status (页面不存在, 抱歉，您访问的页面不存在或已被删除！, 您访问的页面不存在, Page Not
#: Found): the whole title or heading is that sentence, so a notice whose title mentions a missing page is not one (doors11:
#: such a page, dropped or pushed, was stored as a record titled 页面不存在)
_NOT_FOUND = re.compile(
    r"(?:(?:很|非常)?抱歉|对不起|sorry)?[，,！!:：\s]*(?:您|你)?(?:所|要)?(?:访问|查看|请求|浏览|查找|打开)?的?"
    r"(?:页面|网页|信息|文章|内容|资源|文件|链接)(?:不存在|未找到|找不到|没有找到|已被?删除|已被?撤销|已被?撤下|已下线|无法访问)"
    r"(?:[，,]?或(?:者)?已?被?(?:删除|撤销|撤下|移除|转移|更名|下线))?[。.！!\s]*"
    r"|(?:oops[!,.\s]*)?(?:the\s+)?(?:(?:page|file|document)\s+(?:was\s+|is\s+)?)?not\s+found[.!\s]*"
    # a status alone (`<title>404</title>`, `Error 404`): the page's text decides it is no more than that (_MOST_BODY)
    r"|(?:(?:http\s*)?(?:error|错误)\s*)?[45]\d\d",
    re.I,
)
#: an error page says its status and a line or two: more text than this is a page of its own that names a status
_MOST_BODY = 400


def error_page(titles: list[str], body: str) -> str | None:
    """The status line of an HTTP error page (`502 Bad Gateway`), or None when the page is not one."""
    if len(body) > _MOST_BODY:
        return None
    for title in titles:
        if _STATUS.match(title) or _NOT_FOUND.fullmatch(title.strip()):
            return " ".join(title.split())[:80]
    return None


_HEAD_TITLE = re.compile(rb"<title[^>]*>([^<]{1,120})</title>", re.I)
#: statuses a server answers while it is down or overloaded: the page is there once it is back
_PASSING = frozenset({408, 429, 500, 502, 503, 504})


def passing_error_page(data: bytes) -> str | None:
    """The status line of a page that is a server's "try again later" (`504 Gateway Time-out`, `503 Service Unavailable`)
    answered with HTTP 200 by a proxy or CMS, or None. Read from the `<title>` in the first 4 KiB, no parse: a feed's poll
    asks it before parsing, so that the entry is fetched again at the next poll instead of quarantined (doors10)."""
    found = _HEAD_TITLE.search(data[:4096])
    if found is None:
        return None
    title = found[1].decode("utf-8", "replace").strip()
    status = _STATUS.match(title)
    if status is None or int(status["code"]) not in _PASSING:
        return None
    return " ".join(title.split())
