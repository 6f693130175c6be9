"""`gongkai sources check` fetches and parses with the loaded settings (crawl.user_agent, parsers.*), as a crawl does."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.crawlers.check import check_site
from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.settings import Settings

LIST = '<html><body><ul class="list"><li><a href="/xxgk/t20240506_1.htm">关于印发某某办法的通知</a></li></ul></body></html>'
DETAIL = ("<html><head><title>关于印发某某办法的通知</title></head><body><table>"
          "<tr><td>索引号：</td><td>XM00100-0200-2024-00012</td><td>发布机构：</td><td>厦门市人民政府</td></tr>"
          "<tr><td>发布日期：</td><td>2024-05-06</td><td>文号：</td><td>厦府〔2024〕12号</td></tr></table>"
          "<div class=\"TRS_Editor\"><p>" + "各区人民政府，市直各委、办、局：现将某某办法印发给你们，请认真贯彻执行。" * 20 + "</p></div></body></html>")


@pytest.fixture
def agency():
    """A small agency site on 127.0.0.1 that notes each request's User-Agent."""
    agents: Counter[str] = Counter()
    pages = {"/robots.txt": "User-agent: *\nAllow: /\n", "/xxgk/index.htm": LIST, "/xxgk/t20240506_1.htm": DETAIL}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args):
            pass

        def do_GET(self):
            agents[self.headers.get("User-Agent", "")] += 1
            body = pages.get(self.path, "not found").encode("utf-8")
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = DisclosureSite.model_validate({"name": "xm-test", "title": "测试", "base_url": f"http://127.0.0.1:{server.server_address[1]}",
                                          "start_urls": ["/xxgk/index.htm"], "detail_links": "ul.list a"})
    yield site, agents
    server.shutdown()
    server.server_close()


def test_sources_check_sends_the_configured_user_agent_and_parses_with_the_loaded_parser_settings(agency):
    site, agents = agency
    settings = Settings(crawl={"user_agent": "xmlib-gongkai/1.0 (+https://www.xmlib.net/)"})
    report = check_site(site, settings)
    assert report.ok, report.problems
    assert report.fields["index_number"] == "XM00100-0200-2024-00012" and report.fields["doc_number"] == "厦府〔2024〕12号"
    assert dict(agents) == {"xmlib-gongkai/1.0 (+https://www.xmlib.net/)": 3}  # robots.txt, list page, detail page

    # The loaded parser limits apply: a detail page over parsers.max_file_bytes is refused, as the crawl would.
    small = Settings(parsers={"max_file_bytes": 1024})
    refused = check_site(site, small)
    assert [p for p in refused.problems if "does not parse" in p and "max_file_bytes" in p], refused.problems


@pytest.mark.parametrize("machine_zone", ["Etc/GMT+12", "Etc/GMT-14"])  # POSIX signs: UTC-12 and UTC+14
def test_a_newspaper_is_checked_for_beijings_edition_whatever_the_machines_zone(machine_zone, monkeypatch):
    """厦门日报's edition of the day is Beijing's day; the default day was date.today(), the machine's. Between
    the two zones one is always a day off Beijing (UTC-12 unless 12:00-16:00 UTC; UTC+14 from 10:00 to 16:00 UTC)."""
    import time

    from gongkai.crawlers.sitedef import load_sites
    from gongkai.dates import beijing_today

    site = load_sites(base_urls={"xmrb": "http://127.0.0.1:9"})["xmrb"]  # port 9: nothing answers, nothing fetched
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        report = check_site(site, Settings())
        assert report.list_url == site.issue_url_for(beijing_today())
    finally:
        monkeypatch.undo()
        time.tzset()
