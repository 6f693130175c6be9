"""Pages photographed or scanned badly. A page scanned or photographed at an angle is straightened before OCR (parsers.formats.ocr.straighten, deskew's
Hough-line estimate). The real head of 国办函〔2018〕74号 rendered at 300 dpi and turned 7 degrees: read as it was, its
title and 文号 were lost (国办函(20181 74号, title "scan", confidence 67); at 9 degrees the other way the 文号 read
国办亢[2018)]4号. Straightened, both read as on the straight page. A page photographed in uneven light (darker at one side, noisy) read as
noise until it was read again with a local threshold (parsers.formats.ocr.even_lighting)."""

from __future__ import annotations

import io
from difflib import SequenceMatcher

import pytest
from PIL import Image

from gongkai.parsers import Capture, parse
from gongkai.parsers.formats.ocr import straighten, uneven_lighting
from gongkai.settings import load_settings
from tests.test_ocr import SCANNED, needs_tesseract

TITLE = "国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知"


@pytest.fixture(scope="module")
def page_head() -> Image.Image:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SCANNED))
    try:
        image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    return image.crop((0, 0, image.width, int(image.height * 0.42)))


def _turned(image: Image.Image, degrees: float) -> Image.Image:
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


@pytest.mark.parametrize("degrees", [-12, -5, 3, 7, 14])
def test_the_lean_of_the_lines_is_measured_and_undone(page_head: Image.Image, degrees: int) -> None:
    straight, angle = straighten(_turned(page_head, degrees), max_degrees=15)
    assert abs(angle + degrees) <= 1.0  # turned back by the angle it was turned
    again, left = straighten(straight, max_degrees=15)
    assert left == 0.0 and again is straight  # nothing left to undo


def test_a_straight_page_and_a_page_beyond_the_limit_are_left_as_they_are(page_head: Image.Image) -> None:
    assert straighten(page_head, max_degrees=15) == (page_head, 0.0)
    leaning = _turned(page_head, 7)
    assert straighten(leaning, max_degrees=0) == (leaning, 0.0)  # switched off
    assert straighten(leaning, max_degrees=5) == (leaning, 0.0)  # leans more than allowed: not guessed at


@needs_tesseract
@pytest.mark.parametrize(("degrees", "form"), [(7, "PNG"), (-9, "PDF")])
def test_a_leaning_scan_reads_like_a_straight_one(page_head: Image.Image, tmp_path, degrees: int, form: str) -> None:
    buffer = io.BytesIO()
    _turned(page_head, degrees).save(buffer, format=form, resolution=300)
    name = f"scan.{form.lower()}"
    settings = load_settings(data_dir=tmp_path)
    record = parse(Capture(data=buffer.getvalue(), filename=name), settings)
    assert record.doc_number == "国办函〔2018〕74号"
    assert record.title == TITLE
    assert record.ocr is not None and record.ocr.pages[0].confidence >= 75
    unstraightened = load_settings(data_dir=tmp_path / "off", parsers={"ocr": {"max_skew_degrees": 0}})
    before = parse(Capture(data=buffer.getvalue(), filename=name), unstraightened)
    assert before.doc_number != "国办函〔2018〕74号" or before.title != TITLE  # what straightening mends


@pytest.mark.parametrize(("read", "mended"), [
    ("国办发2018j 108号", "国办发〔2018〕 108号"),  # the opening bracket not read, the closing one read as j
    ("国办发[01997] 11号", "国办发〔1997〕 11号"),  # the opening bracket read as itself and a 0
    ("国办发01997] 11号", "国办发〔1997〕 11号"),  # read as a 0 alone (as before)
])
def test_the_bracket_misreadings_of_a_straightened_page_are_mended(read: str, mended: str) -> None:
    from gongkai.parsers.formats.ocr import clean_ocr_line

    assert clean_ocr_line(read) == mended


@pytest.mark.parametrize("text", ["于2018年12月1日", "国办发2018年第3号", "第2018号", "厦府〔2014〕12号"])
def test_text_that_is_no_misread_bracket_is_left_alone(text: str) -> None:
    from gongkai.parsers.formats.ocr import clean_ocr_line

    assert clean_ocr_line(text) == text


def _photographed(image: Image.Image) -> Image.Image:
    """The page as a phone photographs it on a desk: light falling off towards one corner, sensor noise, soft focus."""
    import numpy as np
    from PIL import ImageFilter

    pixels = np.asarray(image.convert("L")).astype(float)
    height, width = pixels.shape
    rows, columns = np.mgrid[0:height, 0:width]
    light = np.clip(0.35 + 0.39 * columns / width + 0.4 * rows / height, 0.3, 1.0)
    noise = np.random.default_rng(7).normal(0, 12, pixels.shape)
    darkened = np.clip(pixels * light * 0.85 + 30 * light + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(darkened).filter(ImageFilter.GaussianBlur(0.8))


@needs_tesseract
def test_a_page_photographed_in_uneven_light_reads_like_a_scan(page_head: Image.Image, tmp_path) -> None:
    buffer = io.BytesIO()
    _photographed(_turned(page_head, 4)).save(buffer, format="JPEG", quality=85)
    record = parse(Capture(data=buffer.getvalue(), filename="photo.jpg"), load_settings(data_dir=tmp_path))
    assert record.doc_number == "国办函〔2018〕74号"
    assert SequenceMatcher(None, record.title, TITLE).ratio() >= 0.9  # a character or two may be misread (源 as 产)
    assert record.ocr is not None and record.ocr.pages[0].confidence >= 75
    as_lit = load_settings(data_dir=tmp_path / "off", parsers={"ocr": {"even_out_lighting": False}})
    before = parse(Capture(data=buffer.getvalue(), filename="photo.jpg"), as_lit)
    assert before.doc_number == "" and SequenceMatcher(None, before.title, TITLE).ratio() < 0.5  # noise without it


def test_a_thin_tall_image_is_judged_for_its_lighting_without_being_blown_up() -> None:
    # A strip 2 pixels wide (a divider, a broken scan) was stretched to 256 pixels wide at its aspect ratio before any
    # OCR budget applied: 256 x 3,840,000 pixels, 3 GB and 15 s for this 60 KB image.
    import time

    strip = Image.new("L", (2, 30_000), 255)
    started = time.monotonic()
    assert uneven_lighting(strip) is False
    assert time.monotonic() - started < 3.0


# -- a page photographed on a desk from the side (parsers.formats.page_outline) ---------------------------------------
def _on_a_desk(page: Image.Image, corners: list[tuple[float, float]], size: tuple[int, int], ground: int = 70) -> Image.Image:
    """The page as a phone sees it lying on a desk of grey level `ground`: mapped onto the four-sided shape `corners`
    (narrower at the far edge), on a noisy ground, its paper a little greyer than the scan's."""
    import numpy as np
    from skimage.transform import ProjectiveTransform, warp

    from gongkai.parsers.formats.page_outline import _homography

    w, h = page.size
    matrix = _homography(corners, [(0.0, 0.0), (w - 1.0, 0.0), (w - 1.0, h - 1.0), (0.0, h - 1.0)])
    sheet = warp(np.asarray(page, np.float32) / 255, ProjectiveTransform(matrix=matrix), output_shape=(size[1], size[0]),
                 order=1, cval=-1)
    desk = (ground + np.random.default_rng(1).normal(0, 8, sheet.shape)) / 255
    photo = np.where(sheet < 0, desk, sheet * 0.92 + 0.03)
    return Image.fromarray(np.clip(photo * 255, 0, 255).astype(np.uint8))


def _corners(size: tuple[int, int], shares: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x * size[0], y * size[1]) for x, y in shares]


FAR_EDGE_NARROWER = [(0.16, 0.12), (0.86, 0.10), (0.97, 0.90), (0.04, 0.93)]
TURNED_AND_TILTED = [(0.10, 0.20), (0.90, 0.06), (0.95, 0.80), (0.08, 0.95)]


@pytest.mark.parametrize("shares", [FAR_EDGE_NARROWER, TURNED_AND_TILTED], ids=["far edge narrower", "turned and tilted"])
def test_the_corners_of_a_photographed_sheet_are_found(page_head: Image.Image, shares: list[tuple[float, float]]) -> None:
    from gongkai.parsers.formats.page_outline import flatten_page, page_corners

    size = (int(page_head.width * 1.15), int(page_head.height * 1.35))
    true = _corners(size, shares)
    found = page_corners(_on_a_desk(page_head, true, size))
    assert found is not None
    assert all(abs(x - tx) <= 0.01 * size[0] and abs(y - ty) <= 0.01 * size[1] for (x, y), (tx, ty) in zip(found, true))
    flat, done = flatten_page(_on_a_desk(page_head, true, size))
    assert done and abs(flat.width / flat.height - page_head.width / page_head.height) < 0.12  # the sheet's shape again


def test_a_scan_a_page_on_a_white_table_and_a_covered_sheet_are_left_as_they_are(page_head: Image.Image) -> None:
    from gongkai.parsers.formats.page_outline import flatten_page, page_corners

    assert flatten_page(page_head) == (page_head, False)  # the page is the whole image
    size = (int(page_head.width * 1.15), int(page_head.height * 1.35))
    assert page_corners(_on_a_desk(page_head, _corners(size, FAR_EDGE_NARROWER), size, ground=235)) is None  # no contrast
    covered = _on_a_desk(page_head, _corners(size, FAR_EDGE_NARROWER), size)
    covered.paste(70, (0, int(size[1] * 0.45), int(size[0] * 0.55), size[1]))  # a dark sleeve over a corner of the sheet
    assert page_corners(covered) is None  # not four-sided: not guessed at


@needs_tesseract
def test_a_page_photographed_from_the_side_reads_like_a_scan(page_head: Image.Image, tmp_path) -> None:
    size = (int(page_head.width * 1.15), int(page_head.height * 1.35))
    buffer = io.BytesIO()
    _on_a_desk(page_head, _corners(size, FAR_EDGE_NARROWER), size).save(buffer, format="PNG")
    record = parse(Capture(data=buffer.getvalue(), filename="photo.png"), load_settings(data_dir=tmp_path))
    assert record.doc_number == "国办函〔2018〕74号" and record.title == TITLE
    assert record.ocr is not None and record.ocr.pages[0].confidence >= 75
    off = load_settings(data_dir=tmp_path / "off", parsers={"ocr": {"flatten_photographed_pages": False}})
    before = parse(Capture(data=buffer.getvalue(), filename="photo.png"), off)
    assert before.doc_number != "国办函〔2018〕74号" and before.title != TITLE  # what flattening mends (title 'photo')


def _scanned_on_dark(page: Image.Image, margin: float = 0.04, ground: int = 30) -> tuple[Image.Image, tuple[int, int]]:
    """The page as a copier scans it with its lid open: a dark ground all round."""
    mw, mh = int(page.width * margin), int(page.height * margin)
    canvas = Image.new("L", (page.width + 2 * mw, page.height + 2 * mh), ground)
    canvas.paste(page, (mw, mh))
    return canvas, (mw, mh)


def test_a_table_in_a_thick_frame_or_a_rule_across_the_page_is_not_taken_for_the_sheet(page_head: Image.Image) -> None:
    # review (session 11): the largest bright region was taken for the sheet: the inside of a table framed thickly
    # (the page's head, title and 文号 cut away), or the part of a page below a rule running across it
    from PIL import ImageDraw

    from gongkai.parsers.formats.page_outline import page_corners

    w, h = page_head.size
    framed = page_head.copy()
    ImageDraw.Draw(framed).rectangle([int(w * 0.08), int(h * 0.45), int(w * 0.92), int(h * 0.95)], outline=0, width=12)
    scan, (mw, mh) = _scanned_on_dark(framed)
    found = page_corners(scan)
    assert found is not None  # the page on the copier's dark ground, table and all
    assert abs(found[0][0] - mw) <= 0.01 * scan.width and abs(found[0][1] - mh) <= 0.01 * scan.height
    ruled = page_head.copy()
    ImageDraw.Draw(ruled).rectangle([0, int(h * 0.4), w, int(h * 0.4) + 10], fill=60)
    assert page_corners(_scanned_on_dark(ruled)[0]) is None  # a part of the sheet: left as it is
