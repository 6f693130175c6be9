"""A routine `gongkai quarantine retry` leaves the OCR review entries alone (probe3: a retry parsed the scan again,
`unchanged`, and closed its entry, so retrying every open item after a parser fix emptied the review queue, `gongkai
stats` ocr_review 0, with nobody having looked at a scan read with low confidence). The person who checked the record
closes it with `gongkai quarantine resolve ID`. Real Tesseract, SQLite, Tantivy and CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.conftest import CORPUS
from tests.test_ocr import needs_tesseract

pytestmark = [pytest.mark.usefixtures("fresh_cli_state"), needs_tesseract]


def scan(tmp_path: Path) -> Path:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"))
    try:
        image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    png = io.BytesIO()
    image.crop((0, 0, image.width, int(image.height * 0.42))).save(png, format="PNG")
    path = tmp_path / "scan.png"
    path.write_bytes(png.getvalue())
    return path


def test_retry_leaves_the_ocr_review_queue_to_a_person(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_PARSERS__OCR__LOW_CONFIDENCE", "99.5")  # nothing Tesseract reads is that sure
    data = tmp_path / "data"
    assert run(data, "ingest", str(scan(tmp_path))).exit_code == 0
    [entry] = [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]
    assert entry["reason"].startswith("OCR of record ")
    everything = run(data, "quarantine", "retry")
    assert "1 OCR review entries left for a person" in everything.stdout and "nothing to retry" in everything.stdout
    by_id = run(data, "quarantine", "retry", "--json", str(entry["id"]))
    assert by_id.exit_code == 1 and json.loads(by_id.stdout)["status"] == "ocr_review"
    stats = run(data, "stats").stdout
    assert "ocr_review: 1" in stats  # still waiting for a person
    # said Chinese first, the pages named (doors3, session 12: English only), the English after
    said = " ".join(stats.split())  # as one line: the terminal's 80 columns fold it
    assert "扫描件第 1 (" in said and "页识别可信度低" in said and "low OCR confidence on page(s) 1" in said, stats
    assert run(data, "quarantine", "resolve", str(entry["id"])).exit_code == 0  # the person checked it
    assert "ocr_review: 0" in run(data, "stats").stdout
