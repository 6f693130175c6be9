"""Formats are declared once (parsers/registry.py): a new format reaches the spiders, the site definitions,
the HTML parser's attachment links and the notice-column reader without an edit anywhere else; no other
module keeps its own list of extensions; zip-based formats share one archive guard."""

from __future__ import annotations

import ast
import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.crawlers.state import CrawlState
from gongkai.parsers import Capture, CorruptFile, FileTooLarge, ParseError, detect_type, parse, parse_notices, registry
from gongkai.parsers.archive import check_zip
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.formats import html as html_format
from gongkai.parsers.registry import FormatSpec, registered
from gongkai.settings import ParserSettings
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
REAL_DOCX = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx"

# A made-up format: "XYZ1" then zlib-compressed UTF-8 text. Without its spec the bytes read as nothing.
MAGIC = b"XYZ1"


def _xyz_extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    return ExtractedDocument(format="xyz", body=zlib.decompress(capture.data[len(MAGIC):]).decode("utf-8"))


XYZ = FormatSpec(
    "xyz", ("application/x-gongkai-xyz",), (".xyz",), lambda data: data.startswith(MAGIC), _xyz_extract,
    score=95, attachment=True, crawl_default=True, notice_column=True,
)
COLUMN = "\n".join([
    "便民公告", "停电通知", "因线路检修，定于2024年5月8日06:30—15:30对思明区莲前西路停电。", "国网厦门供电公司 2024年5月6日",
    "注销公告", "厦门蓝海湾文化传媒有限公司经股东会决议，拟申请注销登记，请债权人自本公告刊登之日起四十五日内申报债权。",
])
PAGE = """<html><body><div class="article"><h1>关于印发某某办法的通知</h1><p>正文。</p>
<a href="/files/a.xyz">附表.xyz</a> <a href="/files/b.pdf">办法.pdf</a> <a href="/files/c.docx">说明.docx</a>
<a href="/files/d.pptx">讲解.pptx</a> <a href="/next.htm">下一篇</a></div></body></html>"""


def _page(url: str = "http://127.0.0.1:9/xxgk/t20240506_1.htm") -> HtmlResponse:
    return HtmlResponse(url=url, body=PAGE.encode("utf-8"), encoding="utf-8", request=Request(url))


def _spider(kind: str, tmp_path: Path, **kwargs):
    """A real spider over a real (throw-away) crawl state, as the runner builds it."""
    from gongkai.crawlers.discovery_spider import DiscoverySpider
    from gongkai.crawlers.spider_base import GongkaiSpider
    from gongkai.crawlers.stats import RunStats

    state = CrawlState(f"sqlite:///{tmp_path / f'{kind}.sqlite3'}")
    cls = DiscoverySpider if kind == "discovery" else GongkaiSpider
    return cls(name=kind, crawl_state=state, run_stats=RunStats(kind), site_name=kind, **kwargs), state


def test_a_registered_format_reaches_spiders_sites_html_links_and_notice_columns(tmp_path):
    site_data = {"name": "t", "title": "t", "base_url": "http://127.0.0.1:9", "start_urls": ["/"]}
    data = MAGIC + zlib.compress(COLUMN.encode("utf-8"))
    capture = Capture(data=data, url="http://127.0.0.1:9/xmrb/2024-05/06/column.xyz")

    # Before: the bytes are nobody's, the defaults are pdf and docx, a .xyz link is not a file.
    assert detect_type(capture) == "unknown"
    assert DisclosureSite.model_validate(site_data).attachment_types == ["pdf", "docx"]
    assert "xyz" not in registry.attachment_extensions()

    with registered(XYZ):
        assert detect_type(capture) == "xyz"
        # the notice-column reader takes its extracted text, line by line: one record per notice
        power, cancel = parse_notices(capture)
        assert (power.title, power.issuer, cancel.title) == ("停电通知", "国网厦门供电公司", "注销公告")
        # a site definition without attachment_types fetches it (and the site TOML needs no edit)
        site = DisclosureSite.model_validate(site_data)
        assert sorted(site.attachment_types) == ["docx", "pdf", "xyz"]
        # the disclosure spiders' link filter: fetched among the site's types; outside them, noted as skipped
        spider, state = _spider("base", tmp_path)
        try:
            found = [url.rsplit("/", 1)[-1] for url, _ in spider.attachment_links(_page(), site.attachment_types)]
            assert found == ["a.xyz", "b.pdf", "c.docx"]
            assert [url.rsplit("/", 1)[-1] for url, _ in spider.attachment_links(_page(), registry.attachment_extensions())] == [
                "a.xyz", "b.pdf", "c.docx", "d.pptx"]
        finally:
            state.close()
        # a --start-url crawl requests it as an attachment from a list page, never as a page to read
        discovery, state = _spider("discovery", tmp_path, start_url="http://127.0.0.1:9/")
        try:
            assert "xyz" in discovery.attachment_types
            requests = list(discovery.follow_links(_page("http://127.0.0.1:9/list.htm"), depth=0, is_document=False))
            roles = {r.url.rsplit("/", 1)[-1]: r.meta["role"] for r in requests}
            assert roles == {"a.xyz": "attachment", "b.pdf": "attachment", "c.docx": "attachment", "next.htm": "page"}
        finally:
            state.close()
        # the HTML parser lists it as an attachment of the page
        names = [a.url.rsplit("/", 1)[-1] for a in html_format.extract(Capture(data=PAGE.encode(), url="http://127.0.0.1:9/x.htm"),
                                                                        ParserSettings()).attachments]
        assert "a.xyz" in names and "d.pptx" in names and "next.htm" not in names

    # After the block the registry is as it was.
    assert detect_type(capture) == "unknown" and "xyz" not in registry.attachment_extensions()
    assert registry.default_attachment_types() == ["pdf", "docx"]


def test_detection_follows_the_scores_and_keeps_the_old_order():
    assert [spec.name for spec in registry.formats()] == ["pdf", "image", "docx", "xlsx", "mhtml", "doc", "wps", "xls", "html", "jsonl", "text"]
    assert [spec.name for spec in registry.formats() if spec.weak_sniff] == ["text"]
    assert registry.notice_column_formats() == {"pdf", "docx", "doc", "wps"}


# ---------------------------------------------------------------------- no list of extensions outside the registry
SCANNED = ("crawlers", "parsers", "feeds", "web", "cli", "gongkai", "ops", "indexer", "store")
# The one other list: record files (JSON Lines, JSON, XML) are read by gongkai/recordfiles.py, not by a format.
ALLOWED = {"parsers/registry.py", "gongkai/recordfiles.py"}


def _known_extensions() -> set[str]:
    return {e.lstrip(".") for spec in registry.formats() for e in spec.extensions} | {
        e.lstrip(".") for e in registry.LINKED_UNREAD_EXTENSIONS}


def _spec_arguments(tree: ast.AST) -> set[int]:
    """ids of the nodes inside FormatSpec(...) / _spec(...) calls: a format's own declaration."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("FormatSpec", "_spec"):
            inside.update(id(child) for child in ast.walk(node))
    return inside


def hard_coded_extension_lists(root: Path = ROOT) -> list[str]:
    known = _known_extensions()
    either = "|".join(known)
    alternation = re.compile(rf"(?<![a-z])(?:{either})\??\|(?:{either})(?![a-z])", re.I)
    found = []
    for folder in SCANNED:
        for path in sorted((root / folder).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            if name in ALLOWED:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            declared = _spec_arguments(tree)
            for node in ast.walk(tree):
                if id(node) in declared:
                    continue
                if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                    values = [e.value.lower().lstrip(".") for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                    hits = [value for value in values if value in known]
                    if len(hits) >= 2:
                        found.append(f"{name}:{node.lineno}: {hits}")
                elif isinstance(node, ast.Constant) and isinstance(node.value, str) and alternation.search(node.value):
                    found.append(f"{name}:{node.lineno}: regex {node.value[:60]!r}")
    return found


def test_no_module_keeps_its_own_list_of_file_extensions():
    assert hard_coded_extension_lists() == []


def test_the_scan_finds_a_planted_list(tmp_path):
    """The check can fail: the old lists of spider_base.py and html.py are found."""
    (tmp_path / "crawlers").mkdir()
    (tmp_path / "crawlers" / "old.py").write_text(
        'OFFICE = ("pdf", "doc", "docx")\nEXT = r"\\.(?:pdf|docx?|wps)$"\nfine = ("html", "a")\n', encoding="utf-8")
    assert hard_coded_extension_lists(tmp_path) == ["crawlers/old.py:1: ['pdf', 'doc', 'docx']", "crawlers/old.py:2: regex '\\\\.(?:pdf|docx?|wps)$'"]


# ---------------------------------------------------------------------- one archive guard
def _docx_with(extra: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive, zipfile.ZipFile(REAL_DOCX) as real:
        for item in real.infolist():
            archive.writestr(item, real.read(item))
        for name, payload in extra.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def test_a_real_docx_passes_the_archive_guard():
    record = parse(Capture(data=REAL_DOCX.read_bytes(), filename=REAL_DOCX.name))
    assert record.body


def test_a_zip_bomb_docx_is_refused_by_ratio_unread():
    bomb = _docx_with({"word/media/bomb.bin": bytes(40 * 1024 * 1024)})  # 40 MB of zeros in ~40 KB
    assert len(bomb) < 1024 * 1024
    with pytest.raises(CorruptFile, match="zip bomb refused") as caught:
        parse(Capture(data=bomb, filename="bomb.docx"))
    assert "word/media/bomb.bin" in caught.value.reason and "ratio over 200" in caught.value.reason


def test_a_docx_of_many_small_members_is_refused_by_count_and_by_total_ratio():
    many = _docx_with({f"extra/part{n}.xml": b"" for n in range(60)})
    settings = ParserSettings(max_zip_members=50)
    with pytest.raises(FileTooLarge, match=r"members, over settings\.parsers\.max_zip_members=50"):
        parse(Capture(data=many, filename="many.docx"), settings)
    # each member under the 1 MB floor, together 10.8 MB of zeros: the whole archive's ratio gives it away
    spread = _docx_with({f"word/media/part{n}.bin": bytes(900_000) for n in range(12)})
    with pytest.raises(CorruptFile, match="in all \\(ratio over 200\\): zip bomb refused"):
        parse(Capture(data=spread, filename="spread.docx"))


def test_the_total_size_limit_is_checked_from_the_declared_sizes():
    stored = _docx_with({"word/media/big.bin": bytes(2 * 1024 * 1024)}, compression=zipfile.ZIP_STORED)
    with (zipfile.ZipFile(io.BytesIO(stored)) as archive,
          pytest.raises(FileTooLarge, match=r"unzips to .* over settings\.parsers\.max_uncompressed_bytes=1048576")):
        check_zip(archive, ParserSettings(max_uncompressed_bytes=1024 * 1024), "big.docx", "docx")
    with pytest.raises(ParseError):
        parse(Capture(data=stored, filename="big.docx"), ParserSettings(max_uncompressed_bytes=1024 * 1024))
