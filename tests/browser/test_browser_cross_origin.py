"""Another site's page reads the public data in a real browser (CORS, web/cors.py): a portal's search widget served from
another origin fetches the JSON API, a feed with a conditional GET (a preflighted header, the ETag read back), OAI-PMH
by GET and by POST; the agencies' and operators' routes stay unreadable from there."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from tests.browser import BROWSER_MARKS, open_page
from tests.support import local_http_server

pytestmark = BROWSER_MARKS


class _Portal(BaseHTTPRequestHandler):
    """A page of another origin (another port of 127.0.0.1), holding nothing but a title."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        body = "<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><title>省级门户</title></head><body></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


READS = """async (base) => {
  const out = {};
  const search = await fetch(base + "/api/search?q=" + encodeURIComponent("停电"));
  out.search = [search.status, (await search.json()).total];
  const feed = await fetch(base + "/feeds/search.atom?q=" + encodeURIComponent("停电"), {headers: {"If-None-Match": '"nothing"'}});
  out.feed = [feed.status, feed.headers.get("ETag") !== null, (await feed.text()).includes("<feed")];
  const identify = await fetch(base + "/oai?verb=Identify");
  out.oai_get = [identify.status, (await identify.text()).includes("<Identify>")];
  const listed = await fetch(base + "/oai", {method: "POST", body: new URLSearchParams({verb: "ListMetadataFormats"})});
  out.oai_post = [listed.status, (await listed.text()).includes("oai_dc")];
  for (const [name, path, init] of [["sources", "/api/sources", {}], ["push", "/api/ingest", {method: "POST", body: "{}",
        headers: {"Content-Type": "application/json", "Authorization": "Bearer x"}}], ["admin", "/admin", {}]]) {
    try { const r = await fetch(base + path, init); out[name] = "read " + r.status; } catch (e) { out[name] = "blocked"; }
  }
  return out;
}"""


@pytest.mark.slow
def test_another_sites_page_reads_the_public_data_and_nothing_else(browser, base_url: str) -> None:
    with local_http_server(_Portal) as portal:
        assert portal != base_url  # another port: another origin
        context, page, _errors = open_page(browser)
        try:
            page.goto(portal + "/widget.html")
            got = page.evaluate(READS, base_url)
        finally:
            context.close()
    assert got["search"][0] == 200 and got["search"][1] > 0
    assert got["feed"] == [200, True, True]  # If-None-Match was allowed by the preflight, the ETag exposed
    assert got["oai_get"] == [200, True] and got["oai_post"] == [200, True]
    # the browser refused to hand these answers to the other site's page (no CORS headers on them)
    assert got["sources"] == got["push"] == got["admin"] == "blocked"
