"""OCR of scans (issue 21) with the real parts: real corpus pages rendered to images by pypdfium2, read
by Debian's Tesseract chi_sim, stored in a real SQLite store, found by the real Tantivy index, shown by
the web app over a real socket. OCR costs seconds a page, so the fixtures are a crop of one page (the
head of 国办函〔2018〕74号: title, 文号, first paragraphs) and each is read once per module."""

from __future__ import annotations

import io
import shutil
import subprocess
import time

import httpx
import pytest

from gongkai.parsers import Capture, detect_type, parse
from gongkai.parsers.formats.ocr import cache_file, check_available, clean_ocr_line, looks_unusable
from gongkai.settings import OcrSettings
from tests.conftest import CORPUS

GOVCN = CORPUS / "pdf_docx" / "govcn_as_files"
SCANNED = GOVCN / "govcn-5339579.pdf"  # 国办函〔2018〕74号, 国务院办公厅
TEXT_PAGE = GOVCN / "govcn-5344150.pdf"  # another notice, its text layer kept


def _tesseract_ready() -> bool:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in out.split()


needs_tesseract = pytest.mark.skipif(
    not _tesseract_ready(), reason="tesseract-ocr and tesseract-ocr-chi-sim are not installed (./dev test installs them as root)"
)


@pytest.fixture(scope="module")
def scan_images():
    """The head of a real notice rendered at 300 dpi: PNG bytes, and an image-only one-page PDF of it."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SCANNED))
    try:
        image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    head = image.crop((0, 0, image.width, int(image.height * 0.42)))
    png, scan_pdf = io.BytesIO(), io.BytesIO()
    head.save(png, format="PNG")
    head.save(scan_pdf, format="PDF", resolution=300)  # no text layer: a scanner's PDF
    return png.getvalue(), scan_pdf.getvalue()


@pytest.fixture(scope="module")
def mixed_pdf(scan_images):
    """Page 1: a real text page (its text layer); page 2: the scan."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    text_pdf = pypdfium2.PdfDocument(str(TEXT_PAGE))
    scan_pdf = pypdfium2.PdfDocument(scan_images[1])
    out.import_pages(text_pdf, [0])
    out.import_pages(scan_pdf, [0])
    buffer = io.BytesIO()
    out.save(buffer)
    for doc in (out, text_pdf, scan_pdf):
        doc.close()
    return buffer.getvalue()


# --- the text rules, no Tesseract needed ---------------------------------------------------------------


def test_spaces_tesseract_puts_between_han_characters_are_taken_out():
    assert clean_ocr_line("国务 院 办 公 厅 关于 调整") == "国务院办公厅关于调整"
    assert clean_ocr_line("各 省 、 自治 区 ， 国 务 院 : ok Word") == "各省、自治区，国务院: ok Word"


@pytest.mark.parametrize(
    "line, number",
    [("国办函 【2018] 74 号", "国办函〔2018〕74号"), ("国办函〈2O18〉74号", "国办函〔2018〕74号"),
     ("国办发 [2018] 1O8 号", "国办发〔2018〕108号"), ("国办函（２０１８）７４号", "国办函〔2018〕74号"),
     ("国发(2018)38号", "国发〔2018〕38号"), ("国办发【2018j 108号", "国办发〔2018〕108号"),
     ("国办发01997] 11号", "国办发〔1997〕11号"), ("国办发【2018]j 108号", "国办发〔2018〕108号")],  # both read so from real pages of the corpus
)
def test_ocr_confusions_in_a_doc_number_are_mended(line, number):
    from gongkai.identifiers import find_doc_numbers

    assert find_doc_numbers(clean_ocr_line(line)) == [number]


def test_a_text_layer_of_replacement_or_private_use_characters_is_no_text():
    assert looks_unusable("")
    assert looks_unusable("  - 3 -  ")
    assert looks_unusable("\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a\ue00b 国")
    assert looks_unusable("(cid:12)(cid:13)(cid:14)(cid:15)(cid:16)(cid:17)(cid:18)(cid:19)(cid:20)(cid:21)")
    assert not looks_unusable("国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知")


def test_images_are_recognised_by_their_bytes_not_their_name(scan_images):
    png = scan_images[0]
    assert detect_type(Capture(data=png, filename="notice.txt")) == "image"
    assert detect_type(Capture(data=b"\xff\xd8\xff\xe0" + b"\0" * 20, filename="x.bin")) == "image"
    assert detect_type(Capture(data=b"II*\x00" + b"\0" * 20)) == "image"


# --- OCR missing: nothing crashes, the file goes in with what it has ------------------------------------


def test_without_tesseract_scans_are_ingested_marked_unavailable(settings, scan_images, mixed_pdf, tmp_path):
    from gongkai.engine import Engine

    settings.parsers.ocr.tesseract_cmd = str(tmp_path / "no-such-tesseract")
    with pytest.raises(Exception, match="tesseract not found"):
        check_available(settings.parsers.ocr)
    scan = parse(Capture(data=scan_images[1], filename="扫描通知.pdf"), settings.parsers)
    assert scan.ocr == "unavailable" and scan.title == "扫描通知" and scan.body == ""
    image = parse(Capture(data=scan_images[0], filename="photo.png"), settings.parsers)
    assert image.ocr == "unavailable" and image.title == "photo"
    mixed = parse(Capture(data=mixed_pdf, filename="mixed.pdf"), settings.parsers)
    assert mixed.ocr == "unavailable" and "国务院" in mixed.body  # page 1's text layer is kept
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(scan_images[1])
    (tmp_path / "in" / "b.png").write_bytes(scan_images[0])
    engine = Engine(settings)
    try:
        report = engine.ingest_paths([tmp_path / "in"])
        assert report.counts["new"] == 2 and report.counts["quarantined"] == 0
        assert {r.ocr for r in engine.store.iter_records()} == {"unavailable"}
    finally:
        engine.close()


# --- with Tesseract ---------------------------------------------------------------------------------------


@needs_tesseract
def test_an_image_is_read_with_its_fields_and_confidence_and_cached(settings, scan_images):
    started = time.monotonic()
    record = parse(Capture(data=scan_images[0], filename="scan.png"), settings.parsers)
    first = time.monotonic() - started
    assert record.title == "国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知"
    assert record.doc_number == "国办函〔2018〕74号"
    assert record.issuer == "国务院办公厅"
    assert "污染源普查" in record.body and "国务院各部委" in record.body
    assert [p.page for p in record.ocr.pages] == [1]
    assert 60 < record.ocr.mean_confidence <= 100 and record.ocr.low_confidence_pages == []
    # The second parse of the same bytes reads the cache: no Tesseract run.
    import hashlib

    assert cache_file(settings.parsers.ocr.cache_dir, hashlib.sha256(scan_images[0]).hexdigest()).is_file()
    started = time.monotonic()
    again = parse(Capture(data=scan_images[0], filename="scan.png"), settings.parsers)
    assert again.body == record.body and time.monotonic() - started < min(1.0, first / 2)


@needs_tesseract
def test_a_mixed_pdf_is_searchable_and_only_its_scanned_page_is_read(settings, mixed_pdf, scan_images, tmp_path):
    from gongkai.engine import Engine
    from gongkai.indexer.models import SearchRequest
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    path = tmp_path / "mixed.pdf"
    path.write_bytes(mixed_pdf)
    engine = Engine(settings)
    try:
        assert engine.ingest_paths([path]).counts["new"] == 1
        record = next(iter(engine.store.iter_records()))
        assert [p.page for p in record.ocr.pages] == [2]  # page 1 has a text layer: not OCR'd
        text_layer = parse(Capture(data=TEXT_PAGE.read_bytes(), filename="t.pdf"), settings.parsers)
        assert text_layer.ocr is None and text_layer.body.splitlines()[0] in record.body
        # A 4-character phrase of the scanned page's true text finds the record.
        hits = engine.search(SearchRequest(q="污染源普查", limit=5)).hits
        assert [hit.id for hit in hits] == [record.id]
        # Reparse reads the cache (unchanged, fast); reparse --ocr reads the scan again.
        started = time.monotonic()
        report, _ = engine.reparse([record.id])
        assert report.counts["unchanged"] == 1 and time.monotonic() - started < 3
        cached = cache_file(settings.parsers.ocr.cache_dir, __import__("hashlib").sha256(mixed_pdf).hexdigest())
        before = cached.stat().st_mtime_ns
        report, _ = engine.reparse([record.id], ocr=True)
        assert report.counts["unchanged"] == 1 and cached.stat().st_mtime_ns != before
        # The detail page says the text was read from a scan, with the confidence, and links the scan.
        with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url, timeout=10) as client:
            page = client.get(f"/documents/{record.id}")
            assert page.status_code == 200
            assert "本文由扫描件识别，可能有误" in page.text and f"{record.ocr.mean_confidence:.0f}%" in page.text
            assert f'href="/documents/{record.id}/original"' in page.text
            original = client.get(f"/documents/{record.id}/original")
            assert original.status_code == 200 and original.content == mixed_pdf
            assert original.headers["content-type"] == "application/pdf" and original.headers["x-content-type-options"] == "nosniff"
            assert client.get("/documents/nope/original").status_code == 404
            api = client.get(f"/api/documents/{record.id}").json()
            assert api["record"]["ocr"]["pages"][0]["page"] == 2
    finally:
        engine.close()


@needs_tesseract
def test_a_page_over_the_time_limit_is_quarantined_and_the_other_pages_go_in(settings, mixed_pdf, tmp_path):
    from gongkai.engine import Engine

    settings.parsers.ocr.page_timeout_seconds = 1.0  # the crop takes Tesseract several seconds
    settings.parsers.ocr.cache_dir = str(tmp_path / "fresh-cache")
    path = tmp_path / "slow.pdf"
    path.write_bytes(mixed_pdf)
    engine = Engine(settings)
    try:
        assert engine.ingest_paths([path]).counts["new"] == 1
        record = next(iter(engine.store.iter_records()))
        assert record.ocr.timed_out_pages == [2] and record.ocr.pages == []
        assert "国务院" in record.body  # page 1's text went in
        [entry] = engine.store.quarantine_list()
        assert entry["reason"] == f"OCR of record {record.id}: page(s) 2 not read: OCR over the time limit"
        assert entry["capture_sha256"]
    finally:
        engine.close()


@needs_tesseract
def test_pages_below_the_confidence_setting_are_quarantined_for_a_person(settings, scan_images, tmp_path):
    from gongkai.engine import Engine

    settings.parsers.ocr.low_confidence = 99.5  # nothing Tesseract reads is that sure
    path = tmp_path / "scan.png"
    path.write_bytes(scan_images[0])
    engine = Engine(settings)
    try:
        assert engine.ingest_paths([path]).counts["new"] == 1
        record = next(iter(engine.store.iter_records()))
        assert record.ocr.low_confidence_pages == [1]
        [entry] = engine.store.quarantine_list()
        assert entry["reason"].startswith(f"OCR of record {record.id}: low OCR confidence on page(s) 1 (")
        # gongkai stats lists it, the CLI too.
        [review] = engine.stats()["ocr_review"]
        assert review["record_id"] == record.id and review["reason"].startswith("low OCR confidence on page(s) 1 (")
        from typer.testing import CliRunner

        from gongkai.cli.main import app

        out = CliRunner().invoke(app, ["--data-dir", str(settings.data_dir), "stats"]).output
        assert "ocr_review: 1" in out and record.id in out
        # Ingested again unchanged: no second entry.
        assert engine.ingest_paths([path]).counts["unchanged"] == 1
        assert len(engine.store.quarantine_list()) == 1
    finally:
        engine.close()


@needs_tesseract
def test_a_page_scanned_turned_is_read_upright(settings, scan_images):
    """A landscape or upside-down scan reads as noise (confidence ~20); Tesseract's orientation detection finds
    the turn and the page is read again upright: the same title and 文号 as the upright scan. With the setting
    off, the noise is what is kept (and the page goes to a person for review)."""
    from PIL import Image

    turned = io.BytesIO()
    Image.open(io.BytesIO(scan_images[0])).rotate(90, expand=True).save(turned, format="PNG")  # a quarter turn left
    record = parse(Capture(data=turned.getvalue(), filename="landscape.png"), settings.parsers)
    assert record.title == "国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知"
    assert record.doc_number == "国办函〔2018〕74号"
    assert record.ocr.mean_confidence > 60 and record.ocr.low_confidence_pages == []

    off = settings.parsers.model_copy(update={"ocr": settings.parsers.ocr.model_copy(update={"detect_orientation": False, "cache_dir": ""})})
    noise = parse(Capture(data=turned.getvalue(), filename="landscape.png"), off)
    assert noise.ocr.low_confidence_pages == [1] and "污染源普查" not in noise.body


def test_ocr_settings_defaults():
    ocr = OcrSettings()
    assert (ocr.languages, ocr.psm, ocr.dpi, ocr.low_confidence, ocr.detect_orientation) == ("chi_sim", 6, 300, 60.0, True)
    assert shutil.which("tesseract") is None or ocr.tesseract_cmd == "tesseract"


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_broken_and_oversized_images_are_parse_errors_never_crashes(settings, scan_images):
    from gongkai.parsers import CorruptFile, FileTooLarge

    with pytest.raises(FileTooLarge, match="too large to decode"):
        parse(Capture(data=_png_header(100_000, 100_000), filename="bomb.png"), settings.parsers)
    with pytest.raises(CorruptFile, match="image cannot be"):
        parse(Capture(data=scan_images[0][:5000], filename="cut.png"), settings.parsers)
    with pytest.raises(CorruptFile, match="image cannot be read"):
        parse(Capture(data=b"\xff\xd8\xff" + b"not a jpeg" * 10, filename="x.jpg"), settings.parsers)


def test_every_frame_of_a_tiff_is_a_page(settings, tmp_path):
    from PIL import Image

    from gongkai.parsers import extract

    frames = [Image.new("L", (200, 100), 255), Image.new("L", (200, 100), 255)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    settings.parsers.ocr.tesseract_cmd = str(tmp_path / "no-such-tesseract")  # counting pages needs no OCR
    document = extract(Capture(data=buffer.getvalue(), filename="two.tif"), settings.parsers)
    assert (document.format, document.page_count, document.ocr) == ("image", 2, "unavailable")


@pytest.mark.parametrize("ocr", [
    {"pages": [{"page": 2, "confidence": 86.3}], "mean_confidence": 86.3, "low_confidence_pages": [], "timed_out_pages": []},
    "unavailable",
])
def test_the_ocr_field_survives_the_native_oai_format_and_its_schema(ocr):
    from lxml import etree

    from gongkai.feeds.oai_native import gongkai_xml, record_from_gongkai_xml, schema
    from gongkai.record import Record

    record = Record(title="扫描件", body="国务院办公厅", ocr=ocr)
    element = gongkai_xml(record)
    assert schema().validate(element), schema().error_log
    back = record_from_gongkai_xml(etree.tostring(element))
    assert back.ocr == record.ocr and back.content_hash == record.content_hash
