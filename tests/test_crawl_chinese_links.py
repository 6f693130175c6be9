"""A crawl of a site whose attachment links are written in Chinese (附件/实施方案 2018.pdf, as most Chinese government
sites write them) explains every URL it requested (probe4): the request went out under the link as written and its
outcome was noted under the percent-encoded URL the server answered, so every run reported `unexplained 1` for each
such attachment (the count that must stay 0), hiding a real one. A real Scrapy crawl in a child process of a site
served by http.server on 127.0.0.1, with the corpus's own PDF and page."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow

PAGE = """<html><head><meta charset="utf-8"><title>国务院关于印发《国务院工作规则》的通知</title></head><body>
<div class="content">{fragment}<p>附件：<a href="附件/实施方案 2018.pdf">实施方案（2018年）</a></p></div></body></html>"""
LIST = """<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="d0.htm">通知</a></li></ul></body></html>"""


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "www"
    (root / "xxgk" / "附件").mkdir(parents=True)
    fragment = (CORPUS / "govcn_state_council_policies" / "html" / "govcn-5342665.html").read_text(encoding="utf-8")
    (root / "xxgk" / "d0.htm").write_text(PAGE.format(fragment=fragment), encoding="utf-8")
    (root / "xxgk" / "index.htm").write_text(LIST, encoding="utf-8")
    shutil.copy(CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5345397.pdf", root / "xxgk" / "附件" / "实施方案 2018.pdf")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "xm-cn.toml").write_text(
        f'title = "中文链接站"\nbase_url = "http://127.0.0.1:{server.server_address[1]}"\nstart_urls = ["/xxgk/index.htm"]\n'
        'detail_links = "ul.list li a"\nattachment_types = ["pdf"]\n', encoding="utf-8")
    yield sites
    server.shutdown()


def test_every_url_of_a_site_with_chinese_links_is_explained(site, tmp_path):
    for run in ("first", "second"):
        [result] = run_in_subprocess(["xm-cn", "--sites-dir", str(site), "--fast", "--timeout", "10", "--backoff", "0.1"],
                                     tmp_path / "data")
        counts = result.get("counts", result)
        assert counts.get("unexplained", 0) == 0, (run, counts.get("unexplained_urls"))
        if run == "first":
            assert counts["new"] == 2, counts  # the page and its attachment
