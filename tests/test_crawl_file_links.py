"""Attachments as government CMSs offer them (gongkai.parsers.file_links): a download servlet naming the file in a
parameter (Hanweb's downfile.jsp?filename=….pdf), a link whose URL names no type but whose text does (附件2：实施细则.docx),
a PDF shown in the page by pdf.js's viewer (viewer.html?file=…) or an <embed>. A crawl fetched none of them (it read
the type from the URL path alone, and only <a> links); a servlet's file was named after the servlet (downfile.jsp).
The files are real State Council documents from the corpus, served on 127.0.0.1 as such servers send them
(application/octet-stream, a GBK Content-Disposition)."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.engine import Engine
from gongkai.parsers.file_links import download_name, file_kind, viewer_target
from gongkai.settings import load_settings
from tests.support import local_http_server
from tests.test_ocr import GOVCN

FILES = {  # path -> (corpus file, the 文号 it prints)
    "/module/download/downfile.jsp": ("govcn-5344150.pdf", "国函〔2018〕145号"),
    "/attach/download": ("govcn-5344146.docx", "国办发〔2018〕109号"),
    "/upload/2024/scan.pdf": ("govcn-5345293.pdf", "国办发〔1997〕11号"),
    "/upload/2024/plan.pdf": ("govcn-5345397.pdf", "国发〔2004〕18号"),
}
DETAIL = """<html><head><meta charset="utf-8"><title>关于转发国务院文件的通知</title></head><body>
<table><tr><td>索引号：</td><td>XM00100-0100-2024-00031</td><td>发布机构：</td><td>厦门市人民政府办公厅</td></tr>
<tr><td>文号：</td><td>厦府办〔2024〕31号</td><td>发布日期：</td><td>2024-05-06</td></tr></table>
<div class="TRS_Editor"><p>现将国务院有关文件转发给你们，请认真贯彻执行。</p>
<p>附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=2305041621.pdf">附件1</a></p>
<p><a href="/attach/download?id=7">附件2：国务院办公厅关于调整国家教材委员会组成人员的通知.docx（35KB）</a></p>
<iframe src="/pdfjs/web/viewer.html?file=%2Fupload%2F2024%2Fscan.pdf" width="100%" height="800"></iframe>
<embed src="/upload/2024/plan.pdf" type="application/pdf" width="100%" height="600">
</div></body></html>"""


class _Site:
    def __init__(self) -> None:
        self.asked: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _answer(self, body: bytes, content_type: str, headers: dict[str, bytes] | None = None, status: int = 200) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value.decode("latin-1"))  # sent as these bytes: a GBK file name, as such servers do
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site.asked.append(self.path)
                if path == "/robots.txt":
                    return self._answer(b"User-agent: *\nDisallow:\n", "text/plain")
                if path == "/xxgk/index.htm":
                    return self._answer('<html><body><ul class="list"><li><a href="/xxgk/t1.htm">关于转发国务院文件的通知</a></li></ul></body></html>'.encode(),
                                        "text/html; charset=utf-8")
                if path == "/xxgk/t1.htm":
                    return self._answer(DETAIL.encode("utf-8"), "text/html; charset=utf-8")
                if path == "/pdfjs/web/viewer.html":
                    return self._answer(b"<html><body><div id='viewer'></div></body></html>", "text/html")
                if path in FILES:
                    data = (GOVCN / FILES[path][0]).read_bytes()
                    disposition = {"Content-Disposition": 'attachment; filename="教材委员会.docx"'.encode("gbk")} if path == "/attach/download" else None
                    return self._answer(data, "application/octet-stream", disposition)
                self._answer(b"<h1>404</h1>", "text/html", status=404)

        self.handler = Handler
        self.base_url = ""


@pytest.fixture
def site() -> Iterator[_Site]:
    served = _Site()
    with local_http_server(served.handler) as served.base_url:
        yield served


@pytest.mark.parametrize(("url", "text", "kind"), [
    ("http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=2305041621.pdf", "附件1", "pdf"),
    ("http://x.gov.cn/attach/download?id=7", "附件2：实施细则.docx（35KB）", "docx"),
    ("http://x.gov.cn/servlet/Download?fileName=%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.xlsx", "", "xlsx"),
    ("http://x.gov.cn/upload/a.PDF", "", "pdf"),
    ("http://x.gov.cn/art/2024/5/6/art_1_2.html", "关于印发实施细则的通知", "html"),  # a page, as before
    ("http://x.gov.cn/module/web/list.jsp?id=3", "更多", "jsp"),  # a script naming no file: no attachment type
])
def test_the_type_of_a_file_link(url: str, text: str, kind: str) -> None:
    assert file_kind(url, text) == kind


def test_the_file_a_viewer_shows_and_a_downloads_name() -> None:
    assert viewer_target("http://x.gov.cn/pdfjs/web/viewer.html?file=%2Fupload%2F2024%2Fscan.pdf") == "http://x.gov.cn/upload/2024/scan.pdf"
    assert viewer_target("http://x.gov.cn/upload/a.pdf") == "http://x.gov.cn/upload/a.pdf"
    assert download_name("http://x.gov.cn/module/download/downfile.jsp?classid=0&filename=2305041621.pdf") == "2305041621.pdf"
    assert download_name("http://x.gov.cn/attach/download?id=7", b"", "附件2：实施细则.docx（35KB）") == "实施细则.docx"
    for header in ('attachment; filename="实施细则.docx"'.encode(), 'attachment; filename="实施细则.docx"'.encode("gbk"),
                   b"attachment; filename*=UTF-8''%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.docx",
                   b"attachment; filename=%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.docx"):
        assert download_name("http://x.gov.cn/d", header) == "实施细则.docx"


@pytest.mark.slow
def test_a_crawl_fetches_every_file_a_page_offers_or_shows(tmp_path: Path, site: _Site) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "xm.toml").write_text(f"""
base_url = "{site.base_url}"
start_urls = ["/xxgk/index.htm"]
detail_links = "ul.list a"
[politeness]
delay_seconds = 0
""", encoding="utf-8")
    [result] = run_in_subprocess(["--sites-dir", str(defs), "xm"], tmp_path / "data")
    assert not any(path.startswith("/pdfjs/") for path in site.asked)  # the file the viewer shows, not the viewer
    assert result["counts"]["new"] == 1 + len(FILES)
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        records = {r.doc_number: r for r in engine.export()}
    finally:
        engine.close()
    assert sorted(records) == sorted(["厦府办〔2024〕31号", *(number for _, number in FILES.values())])
    page = records["厦府办〔2024〕31号"]  # its attachments name the files, not the viewer
    assert sorted(a.url.removeprefix(site.base_url) for a in page.attachments) == sorted([
        "/module/download/downfile.jsp?classid=0&filename=2305041621.pdf", "/attach/download?id=7", "/upload/2024/scan.pdf",
        "/upload/2024/plan.pdf"])
