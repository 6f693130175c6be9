"""A record's page gives the reader the document as it was published (probe4).

- A PDF or Word file an agency pushed, dropped in its folder or handed to `gongkai ingest` has no source URL: its
  page showed the extracted text only, with no way to the file itself (the layout, the seal, the tables), and
  /documents/ID/original served scans only (a record read by OCR). Now a kept PDF, image or Office file is served
  (PDF and images inline, Office files as a download named after the record), never kept HTML or text.
- A page crawled with attachments listed them by their links on the agency's site only, though each attachment is
  a record here with its own page (its text, searchable): the list now links that page too, so the reader still
  reaches the file's text when the agency's site is down or has moved it."""

from __future__ import annotations

from urllib.parse import unquote

import httpx
import pytest

from gongkai.record import Attachment, Record
from tests.conftest import CORPUS
from tests.support import served_engine

FILES = ("pdf_docx", "govcn_as_files")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from gongkai.engine import Engine
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    data = tmp_path_factory.mktemp("originals")
    files = CORPUS.joinpath(*FILES)
    page = CORPUS / "govcn_state_council_policies" / "html" / "govcn-5342665.html"
    engine = Engine(load_settings(data_dir=data / "data"))
    results = []
    engine.ingest_paths([files / "govcn-5339579.pdf", files / "govcn-5338761.docx", page], on_item=results.append)
    ids = {r.input.rsplit("/", 1)[-1]: r.id for r in results}
    assert len(ids) == 3 and all(r.status == "new" for r in results)
    try:
        with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url, timeout=10) as client:
            yield client, ids, files
    finally:
        engine.close()


def test_a_pushed_pdf_is_linked_and_served_as_published(served):
    client, ids, files = served
    record_id = ids["govcn-5339579.pdf"]
    page = client.get(f"/documents/{record_id}")
    assert page.status_code == 200
    assert f'href="/documents/{record_id}/original"' in page.text and "原件（PDF" in page.text
    original = client.get(f"/documents/{record_id}/original")
    assert original.status_code == 200 and original.content == (files / "govcn-5339579.pdf").read_bytes()
    assert original.headers["content-type"] == "application/pdf"
    assert original.headers["x-content-type-options"] == "nosniff"
    assert original.headers["content-disposition"].startswith("inline")


def test_a_word_file_is_a_download_named_after_the_record(served):
    client, ids, files = served
    record_id = ids["govcn-5338761.docx"]
    page = client.get(f"/documents/{record_id}")
    assert f'href="/documents/{record_id}/original"' in page.text and "原件（Word" in page.text
    original = client.get(f"/documents/{record_id}/original")
    assert original.status_code == 200 and original.content == (files / "govcn-5338761.docx").read_bytes()
    assert original.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = original.headers["content-disposition"]
    assert disposition.startswith("attachment") and "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]).endswith(".docx")
    assert "政府网站集约化试点工作方案" in unquote(disposition)


def test_a_kept_web_page_is_not_served(served):
    client, ids, _ = served
    record_id = ids["govcn-5342665.html"]
    page = client.get(f"/documents/{record_id}")
    assert page.status_code == 200 and f"/documents/{record_id}/original" not in page.text
    original = client.get(f"/documents/{record_id}/original")
    assert original.status_code == 404 and "原件" in original.text
    assert client.get("/documents/nope/original").status_code == 404


def test_an_attachment_links_its_own_record_page(tmp_path):
    attachment = Record(title="附件1：试点方案", body="试点方案全文", url="https://www.example.gov.cn/xxgk/fj1.pdf",
                        issuer="厦门市测试局", source="site:test")
    missing = "https://www.example.gov.cn/xxgk/fj2.docx"  # linked from the page, never fetched
    page = Record(title="厦门市测试局关于试点工作的通知", body="请各单位认真执行。", url="https://www.example.gov.cn/xxgk/d0.htm",
                  issuer="厦门市测试局", source="site:test",
                  attachments=[Attachment(name="试点方案", url=attachment.url), Attachment(name="名单", url=missing)])
    with served_engine(tmp_path / "data", [page, attachment]) as (_, base_url):
        html = httpx.get(f"{base_url}/documents/{page.id}", timeout=10).text
    assert f'href="{attachment.url}"' in html and f'href="{missing}"' in html  # the agency's links stay
    assert f'href="/documents/{attachment.id}"' in html  # and the attachment's own page here
    assert html.count('class="attachment-record"') == 1  # none for the file that is not here


def test_an_attachment_named_in_chinese_links_its_own_record_page(tmp_path):
    # A page links 附件/实施方案 2018.pdf as its HTML writes it; the crawler fetched (and the attachment's record keeps)
    # the percent-encoded URL, so the two never matched and most Chinese sites' attachments had no 本站全文.
    raw = "http://www.example.gov.cn/xxgk/附件/实施方案 2018.pdf"
    fetched = "http://www.example.gov.cn/xxgk/%E9%99%84%E4%BB%B6/%E5%AE%9E%E6%96%BD%E6%96%B9%E6%A1%88%202018.pdf"
    attachment = Record(title="实施方案（2018年）", body="实施方案全文", url=fetched, issuer="厦门市测试局", source="site:test")
    page = Record(title="厦门市测试局关于印发实施方案的通知", body="请认真执行。", url="http://www.example.gov.cn/xxgk/d5.htm",
                  issuer="厦门市测试局", source="site:test", attachments=[Attachment(name="实施方案（2018年）", url=raw)])
    with served_engine(tmp_path / "data", [page, attachment]) as (_, base_url):
        html = httpx.get(f"{base_url}/documents/{page.id}", timeout=10).text
    assert f'href="/documents/{attachment.id}"' in html


def test_a_crawled_file_links_the_copy_kept_here(tmp_path):
    """A PDF or Word file crawled from an agency's site links its source and, as agencies move and delete files, the copy
    kept here (本站保存的原件); a crawled web page does not (its page is its text)."""
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    pdf = CORPUS.joinpath(*FILES, "govcn-5345397.pdf").read_bytes()
    page = (CORPUS / "govcn_state_council_policies" / "html" / "govcn-5342665.html").read_bytes()
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    results = []
    engine.ingest_captures([Capture(data=pdf, url="https://www.example.gov.cn/xxgk/P020181203.pdf", source="site:test"),
                            Capture(data=page, url="https://www.example.gov.cn/xxgk/t20181203.htm", source="site:test")],
                           on_item=results.append, parallel=False)
    ids = {r.input.rsplit(".", 1)[-1]: r.id for r in results}
    try:
        with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url, timeout=10) as client:
            html = client.get(f"/documents/{ids['pdf']}").text
            assert 'href="https://www.example.gov.cn/xxgk/P020181203.pdf"' in html
            assert f'href="/documents/{ids["pdf"]}/original"' in html and "本站保存的原件（PDF" in html
            assert client.get(f"/documents/{ids['pdf']}/original").content == pdf
            html = client.get(f"/documents/{ids['htm']}").text
            assert f"/documents/{ids['htm']}/original" not in html
    finally:
        engine.close()


def test_a_download_resumes_with_curl(served, tmp_path):
    """`curl -C -` (a download cut off and resumed) stopped: "HTTP server doesn't seem to support byte ranges. Cannot
    resume." The original now answers one byte range (206, RFC 9110 §14) and curl completes the file (clients6)."""
    import shutil
    import subprocess

    client, ids, files = served
    data = (files / "govcn-5339579.pdf").read_bytes()
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    part = tmp_path / "cut.pdf"
    part.write_bytes(data[:1000])
    url = f"{client.base_url}/documents/{ids['govcn-5339579.pdf']}/original"
    done = subprocess.run(["curl", "-sS", "--compressed", "-C", "-", "-o", str(part), url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert part.read_bytes() == data


def test_an_original_answers_byte_ranges_of_its_stored_bytes(served):
    """One range is a 206 of those bytes; past the end a 416 naming the length; several ranges, an unreadable one or an
    If-Range naming another version get the whole file. The whole answer is the stored bytes even to a client that takes
    gzip (a 206 counts stored bytes, so the 200 may not be a gzip of them), with a strong ETag a 304 and If-Range use."""
    client, ids, files = served
    data = (files / "govcn-5339579.pdf").read_bytes()
    url = f"/documents/{ids['govcn-5339579.pdf']}/original"
    whole = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert whole.status_code == 200 and "content-encoding" not in whole.headers and whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-length"] == str(len(data)) and not whole.headers["etag"].startswith("W/")
    end = len(data) - 1
    for asked, first, last in (("bytes=0-99", 0, 99), ("bytes=-50", end - 49, end), (f"bytes={end - 9}-", end - 9, end),
                               ("bytes=100-99999999", 100, end)):
        part = client.get(url, headers={"Range": asked, "Accept-Encoding": "gzip"})
        assert part.status_code == 206 and part.content == data[first : last + 1], asked
        assert part.headers["content-range"] == f"bytes {first}-{last}/{len(data)}"
    past = client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(data)}"
    for ignored in ("bytes=0-1,4-5", "bytes=9-2", "lines=1-2", "bytes=abc"):
        assert client.get(url, headers={"Range": ignored}).content == data, ignored
    etag = whole.headers["etag"]
    assert client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"another"'}).content == data
    assert client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag}).content == data[:10]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    # a client assembling parts asks for this version only (If-Match, §13.1.1): another is 412, a weak tag never matches
    assert client.get(url, headers={"Range": "bytes=0-9", "If-Match": '"another"'}).status_code == 412
    assert client.get(url, headers={"Range": "bytes=0-9", "If-Match": "W/" + etag}).status_code == 412
    assert client.get(url, headers={"Range": "bytes=0-9", "If-Match": f'"another", {etag}'}).content == data[:10]
