"""Review of session 21's second wave (review21b): edge cases of the changed code, each found by reading the diffs.

A scripted download link (parsers.file_links.scripted_download, crawl8) is now read by the HTML parser for every
`javascript:`/`#` link with an onclick: its pattern backtracked quadratically over a long script (100 KB of inline
onclick code took 18 s, 1 MB would take half an hour), so one hostile page stalled a parse. The bound here is 400 times
what the linear reading takes, so load does not decide it; the subprocess is killed past it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from gongkai.parsers.file_links import scripted_download


def _runs_within(code: str, seconds: float = 60.0) -> bool:
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=seconds, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_scripted_download_still_reads_the_called_path() -> None:
    assert scripted_download("javascript:download('/attach/2024/05/名单.docx')") == "/attach/2024/05/名单.docx"
    assert scripted_download("#", "downLoad(\"/u/cms/www/202406/实施细则.pdf\")") == "/u/cms/www/202406/实施细则.pdf"
    assert scripted_download("javascript:void(0)", "window.open('/content/2024/15.html')") is None  # a page, not a file
    # a long handler whose call comes last is still read
    long_handler = "var a=1;" * 2000 + "downLoad('/attach/清单.xlsx')"
    assert scripted_download("#", long_handler) == "/attach/清单.xlsx"


def test_long_onclick_word_run_is_linear() -> None:
    assert _runs_within("from gongkai.parsers.file_links import scripted_download\n"
                        "scripted_download('javascript:void(0)', 'a' * 1_000_000)")


def test_long_unclosed_string_argument_is_linear() -> None:
    assert _runs_within("from gongkai.parsers.file_links import scripted_download\n"
                        "scripted_download('#', \"f('\" + 'x.' * 500_000)")


def test_long_javascript_href_is_linear() -> None:
    assert _runs_within("from gongkai.parsers.file_links import scripted_download\n"
                        "scripted_download('javascript:a(\\'' + 'x' * 1_000_000)")


# The redirect-loop stop (crawlers.middlewares.LoopStoppingRedirectMiddleware, crawl8) compared the chain's URLs by the
# crawl state's key, which drops the scheme and a path's trailing slash: the two most common redirects of a government
# site, http:// -> https:// and a directory's /xxgk -> /xxgk/, were stopped as loops (the page failed, redirect_loop).
# Real Scrapy middleware, requests and responses: nothing stands in for them.


def _redirect_middleware() -> Any:
    from scrapy.utils.test import get_crawler

    from gongkai.crawlers.middlewares import LoopStoppingRedirectMiddleware

    return LoopStoppingRedirectMiddleware.from_crawler(get_crawler())


def _follow(middleware: Any, request: Request, location: str, status: int = 302) -> Any:
    response = Response(request.url, status=status, headers={"Location": location}, request=request)
    return middleware.process_response(request, response)


def test_http_to_https_is_followed_not_a_loop() -> None:
    middleware = _redirect_middleware()
    followed = _follow(middleware, Request("http://www.xm.gov.cn/zwgk/flfg/"), "https://www.xm.gov.cn/zwgk/flfg/", 301)
    assert isinstance(followed, Request) and followed.url == "https://www.xm.gov.cn/zwgk/flfg/"


def test_directory_slash_is_followed_not_a_loop() -> None:
    middleware = _redirect_middleware()
    followed = _follow(middleware, Request("http://jyj.nanjing.gov.cn/gsgg"), "/gsgg/", 301)
    assert isinstance(followed, Request) and followed.url == "http://jyj.nanjing.gov.cn/gsgg/"


def test_a_real_loop_still_stops_at_the_url_passed() -> None:
    middleware = _redirect_middleware()
    first = _follow(middleware, Request("http://www.example.gov.cn/a.html"), "/a/")
    assert isinstance(first, Request)
    with pytest.raises(IgnoreRequest, match="redirect loop"):
        _follow(middleware, first, "/a.html")


# A day alone in Chinese numerals (parsers.notices.printed_numbers, outages16) was looked for with `日\s*(weekday)?\s*`:
# two blanks around an optional part, tried every way over a run of spaces or blank lines after 三日 (a scan's text, a
# page's layout): 三日 and 100,000 spaces took 140 s. Still read: 定于廿二日（星期三）8:30 and 二十六日 上午九时.


def test_day_alone_before_a_long_blank_run_is_linear() -> None:
    assert _runs_within(
        "from gongkai.parsers.notices.printed_numbers import arabic_dates\narabic_dates('三日' + ' ' * 100_000 + '停电')"
    )


def test_day_alone_still_read() -> None:
    from gongkai.parsers.notices.printed_numbers import arabic_dates

    assert arabic_dates("定于廿二日（星期三）8:30至17:30停电").startswith("定于22日（星期三）8:30")
    assert arabic_dates("定于二十六日 （周五） 上午九时至下午五时停水").startswith("定于26日 （周五） 上午9时")
    assert arabic_dates("定于三日\n上午八时停电").startswith("定于3日\n上午8时")
    assert "十五日内" in arabic_dates("请于十五日内办理")
