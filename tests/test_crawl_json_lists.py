"""List pages that are a JSON API, declared in a site definition (`[json_list]`, crawlers/json_lists.py): newer 政务公开
platforms fill their list by JavaScript from an API, so the HTML a crawler reads holds no row; a site needed a spider
subclass in code. Served here by an API on 127.0.0.1 in the two common shapes: GET with the page in the query and a
total, rows linking by id and dated in milliseconds; POST of a JSON body, rows linking by URL, no total (the last page
is short); rows as an HTML fragment inside the JSON (a "load more" endpoint); pages chained by a cursor token, not a
number. The API answers only requests shaped as the site's script sends them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from gongkai.crawlers.check import check_site
from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.sitedef import load_sites
from gongkai.engine import Engine
from gongkai.settings import Settings, load_settings
from tests.support import local_http_server

TOTAL, SIZE = 7, 3


def _published(n: int) -> int:
    """Milliseconds since 1970 of 2024-05-n 09:00 Beijing time (01:00 UTC)."""
    return int(datetime(2024, 5, n, 1, 0, tzinfo=UTC).timestamp() * 1000)


def _detail(n: int) -> str:
    return (f'<html><head><meta charset="utf-8"><title>通知</title></head><body><table class="xxgk">'
            f"<tr><th>索引号</th><td>11350200MB0000000X/2024-{n:05d}</td><th>发布机构</th><td>厦门市数据管理局</td></tr>"
            f"<tr><th>文号</th><td>厦数据〔2024〕{n}号</td><th>发布日期</th><td>2024-05-{n:02d}</td></tr>"
            f"<tr><th>标题</th><td>厦门市数据管理局关于第{n}批数据开放目录的通知</td></tr></table>"
            f'<div class="content"><p>现将第{n}批数据开放目录印发给你们。</p></div></body></html>')


class _Api:
    def __init__(self) -> None:
        self.log: list[tuple[str, str, object]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _answer(self, status: int, body: str, content_type: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _rows(self, page: int, size: int, by_url: bool) -> list[dict]:
                # newest first, as lists are
                numbers = range(TOTAL - (page - 1) * size, max(TOTAL - page * size, 0), -1)
                if by_url:
                    return [{"title": f"第{n}批", "linkUrl": f"/art/2024/{n}.html", "pubDate": f"2024年5月{n}日"} for n in numbers]
                return [{"id": n, "title": f"第{n}批", "publishTime": _published(n)} for n in numbers]

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                api.log.append(("GET", self.path, None))
                if parts.path == "/robots.txt":
                    return self._answer(200, "User-agent: *\nDisallow:\n", "text/plain")
                if parts.path.startswith("/art/"):
                    return self._answer(200, _detail(int(parts.path.rsplit("/", 1)[1].split(".")[0])), "text/html; charset=utf-8")
                if parts.path == "/api/xxgk/list":
                    query = parse_qs(parts.query)
                    page, size = int(query["pageNo"][0]), int(query["pageSize"][0])
                    answer = {"code": 200, "data": {"list": self._rows(page, size, False), "total": TOTAL}}
                    return self._answer(200, json.dumps(answer, ensure_ascii=False), "application/json;charset=UTF-8")
                if parts.path == "/api/more":  # rows as HTML inside the JSON, pages by number, "hasMore"
                    query = parse_qs(parts.query)
                    page = int(query["page"][0])
                    items = "".join(f'<li><a href="/art/2024/{n}.html" title="第{n}批">第{n}批数据开放目录</a><span>2024-05-{n:02d}</span></li>'
                                    for n in range(TOTAL - (page - 1) * SIZE, max(TOTAL - page * SIZE, 0), -1))
                    answer = {"code": 0, "data": {"html": f'<ul class="xxgk-list">{items}</ul>' if items else "", "hasMore": page * SIZE < TOTAL}}
                    return self._answer(200, json.dumps(answer, ensure_ascii=False), "application/json")
                if parts.path == "/api/down":  # a gateway's error page in place of the answer, with a 200
                    return self._answer(200, "<html><body>系统维护中，请稍后访问</body></html>", "text/html; charset=utf-8")
                self._answer(404, "<h1>404</h1>", "text/html")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                api.log.append(("POST", self.path, body))
                if self.path == "/api/feed":  # pages chained by a token: a form with after=<the last token>, no page number
                    form = parse_qs(body.decode("ascii"), keep_blank_values=True)
                    after = form.get("after", [""])[0]
                    start = TOTAL if after == "" else int(after.removeprefix("tok/").removesuffix("=")) - 1
                    numbers = list(range(start, max(start - SIZE, 0), -1))
                    token = f"tok/{numbers[-1]}=" if numbers and numbers[-1] > 1 else None  # '/' and '=': sent encoded
                    rows = [{"id": n, "title": f"第{n}批", "publishTime": _published(n)} for n in numbers]
                    return self._answer(200, json.dumps({"result": {"items": rows, "next": token}}), "application/json")
                if self.path != "/api/list" or "json" not in (self.headers.get("Content-Type") or ""):
                    return self._answer(415, '{"code":415}', "application/json")
                asked = json.loads(body)
                if asked.get("channelId") != "5521" or not isinstance(asked.get("pageNo"), int):
                    return self._answer(200, '{"code":400,"rows":[]}', "application/json")
                rows = self._rows(asked["pageNo"], asked["pageSize"], True)
                self._answer(200, json.dumps({"code": 200, "rows": rows}, ensure_ascii=False), "application/json")

        self.handler = Handler
        self.base_url = ""


@pytest.fixture
def api() -> Iterator[_Api]:
    served = _Api()
    with local_http_server(served.handler) as served.base_url:
        yield served


GET_LIST = f"""
[json_list]
url = "/api/xxgk/list?pageNo={{page}}&pageSize={{size}}"
page_size = {SIZE}
rows = "data.list"
link = "/art/2024/{{id}}.html"
date = "publishTime"
total = "data.total"
"""
POST_LIST = f"""
[json_list]
url = "/api/list"
method = "POST"
body_format = "json"
body = {{pageNo = "{{page}}", pageSize = "{{size}}", channelId = "5521"}}
page_size = {SIZE}
rows = "rows"
link = "linkUrl"
date = "pubDate"
"""


HTML_SELECTOR = 'detail_links = "ul.xxgk-list li a"'  # the site's list selector, read in the fragment
HTML_LIST = """
[json_list]
url = "/api/more?page={page}&channel=xxgk"
html = "data.html"
"""
CURSOR_LIST = """
[json_list]
url = "/api/feed"
method = "POST"
body = {after = "{cursor}", channel = "xxgk"}
rows = "result.items"
link = "/art/2024/{id}.html"
date = "publishTime"
next = "result.next"
"""


def _definitions(tmp_path: Path, base_url: str, listing: str, extra: str = "") -> Path:
    defs = tmp_path / "defs"
    defs.mkdir(parents=True, exist_ok=True)
    (defs / "api.toml").write_text(f'base_url = "{base_url}"\n{extra}\n[politeness]\ndelay_seconds = 0\n{listing}', encoding="utf-8")
    return defs


def _doc_numbers(data: Path) -> list[str]:
    engine = Engine(load_settings(data_dir=data))
    try:
        return sorted(r.doc_number for r in engine.export())
    finally:
        engine.close()


@pytest.mark.slow
@pytest.mark.parametrize(("listing", "method", "pages"), [(GET_LIST, "GET", 3), (POST_LIST, "POST", 3)], ids=["GET with total", "POST JSON"])
def test_a_crawl_reads_every_page_of_a_json_list(tmp_path: Path, api: _Api, listing: str, method: str, pages: int) -> None:
    [result] = run_in_subprocess(["--sites-dir", str(_definitions(tmp_path, api.base_url, listing)), "api"], tmp_path / "data")
    asked = [(m, path, body) for m, path, body in api.log if path.startswith("/api/")]
    if method == "GET":
        assert [path for _, path, _ in asked] == [f"/api/xxgk/list?pageNo={n}&pageSize={SIZE}" for n in range(1, pages + 1)]
    else:  # the page as a number in the JSON body, as the site's script sends it
        assert [json.loads(body)["pageNo"] for _, _, body in asked] == list(range(1, pages + 1))  # type: ignore[arg-type]
    assert result["counts"]["new"] == TOTAL and result["counts"]["list_pages"] == pages
    assert _doc_numbers(tmp_path / "data") == sorted(f"厦数据〔2024〕{n}号" for n in range(1, TOTAL + 1))


@pytest.mark.slow
@pytest.mark.parametrize(("listing", "asked"), [
    (HTML_LIST, [f"/api/more?page={n}&channel=xxgk" for n in (1, 2, 3, 4)]),  # no total: until a page holds no row
    (CURSOR_LIST, ["after=&channel=xxgk", "after=tok%2F5%3D&channel=xxgk", "after=tok%2F2%3D&channel=xxgk"]),
], ids=["rows as HTML in JSON", "pages by a cursor token"])
def test_a_crawl_reads_html_rows_and_cursor_pages(tmp_path: Path, api: _Api, listing: str, asked: list[str]) -> None:
    defs = _definitions(tmp_path, api.base_url, listing, HTML_SELECTOR if listing is HTML_LIST else "")
    [result] = run_in_subprocess(["--sites-dir", str(defs), "api"], tmp_path / "data")
    sent = [path if method == "GET" else body.decode() for method, path, body in api.log if path.startswith("/api/")]  # type: ignore[union-attr]
    assert sent == asked
    assert result["counts"]["new"] == TOTAL
    assert _doc_numbers(tmp_path / "data") == sorted(f"厦数据〔2024〕{n}号" for n in range(1, TOTAL + 1))


@pytest.mark.slow
def test_since_reads_the_dates_printed_in_html_rows(tmp_path: Path, api: _Api) -> None:
    defs = _definitions(tmp_path, api.base_url, HTML_LIST, HTML_SELECTOR)
    [result] = run_in_subprocess(["--sites-dir", str(defs), "api", "--since", "2024-05-05"], tmp_path / "data")
    assert result["counts"]["new"] == 3
    assert _doc_numbers(tmp_path / "data") == sorted(f"厦数据〔2024〕{n}号" for n in (5, 6, 7))
    assert [path for _, path, _ in api.log if path.startswith("/api/")] == [f"/api/more?page={n}&channel=xxgk" for n in (1, 2)]


def test_sources_check_reads_html_rows_and_cursor_pages(tmp_path: Path, api: _Api) -> None:
    html_site = load_sites([_definitions(tmp_path, api.base_url, HTML_LIST, HTML_SELECTOR)])["api"]
    report = check_site(html_site, Settings())
    assert report.ok, report.problems
    assert report.detail_links == [f"{api.base_url}/art/2024/{n}.html" for n in (7, 6, 5)]
    assert report.next_page == f"GET {api.base_url}/api/more?page=2&channel=xxgk"
    cursor_site = load_sites([_definitions(tmp_path / "c", api.base_url, CURSOR_LIST)])["api"]
    report = check_site(cursor_site, Settings())
    assert report.ok, report.problems
    assert report.next_page == f"POST {api.base_url}/api/feed after=tok%2F5%3D&channel=xxgk"
    # a selector that finds nothing in the fragment is said so, naming both
    wrong = load_sites([_definitions(tmp_path / "w", api.base_url, HTML_LIST, 'detail_links = "div.list a"')])["api"]
    assert "json_list.html 'data.html' found no link of detail_links 'div.list a' in the answer" in check_site(wrong, Settings()).problems


@pytest.mark.slow
def test_since_reads_the_rows_dates_in_milliseconds(tmp_path: Path, api: _Api) -> None:
    defs = _definitions(tmp_path, api.base_url, GET_LIST)
    [result] = run_in_subprocess(["--sites-dir", str(defs), "api", "--since", "2024-05-05"], tmp_path / "data")
    assert _doc_numbers(tmp_path / "data") == sorted(f"厦数据〔2024〕{n}号" for n in (5, 6, 7))
    assert result["counts"]["new"] == 3
    # page 2's rows are all older: page 3 is not asked
    assert [path for _, path, _ in api.log if path.startswith("/api/")] == [f"/api/xxgk/list?pageNo={n}&pageSize={SIZE}" for n in (1, 2)]


def test_sources_check_reads_a_json_list(tmp_path: Path, api: _Api) -> None:
    site = load_sites([_definitions(tmp_path, api.base_url, POST_LIST)])["api"]
    report = check_site(site, Settings())
    assert report.ok, report.problems
    assert report.detail_links == [f"{api.base_url}/art/2024/{n}.html" for n in (7, 6, 5)]
    assert report.next_page.startswith(f"POST {api.base_url}/api/list ") and '"pageNo": 2' in report.next_page
    assert report.fields["doc_number"] == "厦数据〔2024〕7号"


@pytest.mark.parametrize(("text", "problem"), [
    ('start_urls = ["/xxgk/"]\n' + GET_LIST, "not both"),
    ("", "at least 1 item"),
    ('[json_list]\nurl = "/api"\nlink = ""\n', "json_list.link"),
    ('[json_list]\nurl = "/api"\nlink = "url"\nhtml = "data.html"\n', "not both"),
    ('[json_list]\nurl = "/api"\nlink = "url"\nmethod = "PUT"\n', "json_list.method"),
])
def test_a_json_list_definition_is_checked_when_loaded(tmp_path: Path, text: str, problem: str) -> None:
    from gongkai.errors import SiteDefinitionError

    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "api.toml").write_text('base_url = "http://127.0.0.1:1"\n' + text, encoding="utf-8")
    with pytest.raises(SiteDefinitionError, match=problem):
        load_sites([defs])


@pytest.mark.slow
def test_an_api_answering_no_json_is_a_failed_list_said_so(tmp_path: Path, api: _Api) -> None:
    """Bad input at the door: the list API answers an HTML page. The run ends, reads nothing, stores nothing and names
    the list page as failed with its reason; `gongkai sources check` says the same."""
    listing = GET_LIST.replace("/api/xxgk/list?pageNo={page}&pageSize={size}", "/api/down?p={page}")
    defs = _definitions(tmp_path, api.base_url, listing)
    [result] = run_in_subprocess(["--sites-dir", str(defs), "api"], tmp_path / "data")
    assert result["counts"]["new"] == 0 and result["counts"]["errors"] == {"bad_list_json": 1}
    assert [path for _, path, _ in api.log if path.startswith("/api/")] == ["/api/down?p=1"]  # no second page guessed
    assert _doc_numbers(tmp_path / "data") == []
    report = check_site(load_sites([defs])["api"], Settings())
    assert report.problems == ["the list API answered no JSON"]
