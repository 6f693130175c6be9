"""Colour scans of official documents (issue 21, session 14): a red 版头, a bold title, a 文号 line, a red seal printed over
the issuer's signature and date, on grey paper, a little turned, saved as JPEG. The documents are printed by Chromium
(tests/fixtures/ocr_scans/*.pdf, made by make_scans.py there) and scanned by make_scans.scan at test time. Of 12 such
held-out scans none read with every field right at first (the seal cost every date, the red header read as noise ran
into titles, 闽财教 read 赣财教); 7 of 12 do now (README, Benchmarks). These tests read two of them and the rules."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from gongkai.parsers import Capture, parse
from gongkai.parsers.formats.ocr import _join_words, align_to_signature, clean_ocr_line, ink_greyscale
from gongkai.settings import load_settings
from tests.test_ocr import needs_tesseract

SCANS = Path(__file__).parent / "fixtures" / "ocr_scans"
sys.path.insert(0, str(SCANS))
from make_scans import scan  # noqa: E402 - the fixture folder's own script

JOINT = ("闽财教〔2025〕7号", "福建省财政厅福建省教育厅关于下达2025年学生资助补助资金预算的通知", "福建省财政厅、福建省教育厅", date(2025, 2, 20))
#: How two of the held-out scans were made (make_scans.py's expect.json): turned 1.6 and -1.5 degrees, grey paper, noise,
#: JPEG at quality 75 and 65.
JOINT_SCAN = {"skew": 1.6, "paper": 233, "noise": 7, "blur": 0.65, "quality": 75, "red_fade": 0.91, "seed": 778239622}
SIGNER_SCAN = {"skew": -1.5, "paper": 232, "noise": 7, "blur": 0.37, "quality": 65, "red_fade": 0.76, "seed": 1177055781}


@pytest.fixture(scope="module")
def joint_scan() -> tuple[bytes, bytes]:
    """The joint notice of two departments (a red two-line 版头, the seal over the second signature and the date) as a
    JPEG scan and as a scanner's PDF of it."""
    jpg, pdf, _ = scan((SCANS / "joint_caijiao.pdf").read_bytes(), how=JOINT_SCAN)
    return jpg, pdf


def _read(data: bytes, name: str, tmp_path: Path, **ocr) -> tuple:
    settings = load_settings(data_dir=tmp_path / name)
    settings.parsers.timeout_seconds, settings.parsers.ocr.page_timeout_seconds = 600, 300  # a loaded machine is slow, not wrong
    for key, value in ocr.items():
        setattr(settings.parsers.ocr, key, value)
    record = parse(Capture(data=data, filename=name), settings.parsers)
    return (record.doc_number, record.title, record.issuer, record.written_date)


# --- the rules, no Tesseract needed ----------------------------------------------------------------------------


def test_red_ink_becomes_white_and_black_ink_under_it_stays_black() -> None:
    import numpy as np

    page = np.full((80, 40, 3), 228, np.uint8)  # grey paper, half of it bare
    page[0:10] = (30, 30, 30)  # black text
    page[10:20] = (205, 35, 30)  # the red of a seal or a 版头
    page[20:30] = (170, 90, 85)  # a soft edge of a red stroke, JPEG-blurred
    page[30:40] = (12, 5, 5)  # black text under the seal (ink over ink)
    grey = np.asarray(ink_greyscale(Image.fromarray(page)))
    assert grey[5, 5] < 40 and grey[35, 5] < 20  # black stays black, under the seal too
    assert grey[15, 5] == 255 and grey[25, 5] == 255 and grey[60, 5] == 228  # red and its edge are white, no ink
    assert np.asarray(ink_greyscale(Image.fromarray(page), drop_red=False))[15, 5] < 100  # as it was: red reads dark
    assert ink_greyscale(Image.fromarray(page[..., 0])).mode == "L"  # a grey scan is left as it is


def test_a_wide_gap_in_a_line_is_kept_and_tesseracts_spaces_are_not() -> None:
    # (word, left, width, height): two issuers signing side by side, 80 px high glyphs, a 400 px gap
    assert clean_ocr_line(_join_words([("福建省财政厅", 100, 480, 80), ("福建省教育厅", 980, 480, 80)])) == "福建省财政厅\u3000\u3000福建省教育厅"
    assert clean_ocr_line(_join_words([("福建", 100, 160, 80), ("省", 270, 80, 80)])) == "福建省"


@pytest.mark.parametrize(("read", "mended"), [("济教[2025] 3]号", "济教[2025] 31号"), ("龙政文[2024]20]号", "龙政文[2024]201号"),
                                              ("厦府[2024] 1|号", "厦府[2024] 11号")])
def test_a_one_read_as_a_bracket_in_a_doc_numbers_number_is_mended(read: str, mended: str) -> None:
    assert clean_ocr_line(read) == mended


def test_a_bracket_that_is_no_digit_is_left_alone() -> None:
    assert clean_ocr_line("[2025]]号") == "[2025]]号"  # a doubled bracket, no number: nothing made up
    assert clean_ocr_line("2024年]号") == "2024年]号"


def test_a_title_opening_with_the_signers_name_misread_takes_the_signature() -> None:
    read = "济教〔2025〕31号　　签发人:林志强\n亨州市教育局关于做好2025年\n义务教育招生入学工作的请示\n妥否，请批示。\n漳州市教育局\n2025年4月2日"
    assert align_to_signature(read).split("\n")[1] == "漳州市教育局关于做好2025年"
    assert align_to_signature("龙生市人民政府关于新罗区\n龙岩市人民政府") == "龙岩市人民政府关于新罗区\n龙岩市人民政府"


@pytest.mark.parametrize("text", [
    "厦门市人民政府办公室关于印发\n厦门市人民政府办公厅",  # another organ's kind: 办公室 is not a misread 办公厅
    "漳州市教育局关于做好\n漳州市人民政府",  # more than one character apart
    "亨州市教育局印发的方案\n漳州市教育局",  # no 关于: no title
    "亨州市教育局关于做好\n漳州市教育局：",  # an addressee, not a signature
])
def test_a_title_unlike_the_signature_is_left_alone(text: str) -> None:
    assert align_to_signature(text) == text


# --- real scans read by Tesseract ------------------------------------------------------------------------------


@needs_tesseract
def test_a_colour_scan_with_a_red_header_and_seal_reads_its_fields(joint_scan, tmp_path: Path) -> None:
    jpg, pdf = joint_scan
    assert _read(jpg, "joint.jpg", tmp_path) == JOINT
    # a scanner's PDF: its page rendered in colour, red dropped too (a stroke of the header's edge may lead the title)
    doc_number, title, issuer, written = _read(pdf, "joint.pdf", tmp_path)
    assert (doc_number, issuer, written) == (JOINT[0], JOINT[2], JOINT[3]) and title.endswith(JOINT[1])


@needs_tesseract
def test_read_with_its_red_ink_the_seal_costs_the_date(joint_scan, tmp_path: Path) -> None:
    _, title, _, written = _read(joint_scan[0], "joint.jpg", tmp_path, drop_red_ink=False)
    assert written != JOINT[3] or title != JOINT[1]  # the seal over the date, the red header run into the title


@needs_tesseract
def test_a_doc_number_beside_its_signer_reads_apart(tmp_path: Path) -> None:
    jpg, _, _ = scan((SCANS / "zhangjiao_signer.pdf").read_bytes(), how=SIGNER_SCAN)
    doc_number, title, issuer, written = _read(jpg, "zhangjiao.jpg", tmp_path)
    # 漳教〔2025〕31号 ... 签发人：林志强 on one line: 31 read 3]; the 签发人 glued to the number
    assert doc_number.endswith("教〔2025〕31号") and (issuer, written) == ("漳州市教育局", date(2025, 4, 2))
    # the bold title's 漳 read 亨: mended from the signature below (its 文号's 漳 read 济 is not)
    assert title == "漳州市教育局关于做好2025年义务教育招生入学工作的请示"
