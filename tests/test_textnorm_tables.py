"""One full-width table (gongkai/textnorm.py): every width fold is a part of it, and no module builds its own."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from gongkai.dates import parse_date
from gongkai.identifiers import normalize_doc_number, normalize_index_number
from gongkai.parsers.build import doc_number_from_printed, normalise_issuer
from gongkai.parsers.notices.normal import fold_all
from gongkai.textnorm import FULLWIDTH_ASCII, FULLWIDTH_ASCII_AND_SPACE, FULLWIDTH_DIGITS, fold

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gongkai", "parsers", "crawlers", "feeds", "indexer", "store", "web", "cli", "ops")
# A translation table built from the full-width block's offset, or a range over the block.
OWN_TABLE = re.compile(r"0x[Ff][Ee][Ee]0|range\(0x[Ff][Ff]")


def test_the_tables_are_parts_of_one():
    assert FULLWIDTH_ASCII[ord("！")] == ord("!") and FULLWIDTH_ASCII[ord("～")] == ord("~") and len(FULLWIDTH_ASCII) == 94
    assert FULLWIDTH_ASCII_AND_SPACE == {**FULLWIDTH_ASCII, 0x3000: 0x20}
    assert {ord(c): ord(h) for c, h in zip("０１２３４５６７８９", "0123456789")} == FULLWIDTH_DIGITS
    assert fold("ＡＢＣ１２３　（）") == "abc123 （）"  # search folding: letters, digits and the space only


def test_each_user_reads_full_width_text_as_before():
    assert normalize_doc_number("厦府（２０１４）０１２ 号") == "厦府〔2014〕12号"
    assert normalize_index_number("ＸＭ００１００－０２００－２０１４－０００１２") == "XM00100-0200-2014-00012"
    assert parse_date("２０１４年５月６日") == date(2014, 5, 6)
    assert fold_all("停电时间：８：３０－１７：００") == "停电时间:8:30-17:00"
    assert normalise_issuer("厦门市ＸＸ局", {}) == "厦门市XX局"
    # doc_number_from_printed (parsers/build.py) finds the 文号 in a printed value; normalize_doc_number only
    # reshapes one: two names for two jobs
    assert doc_number_from_printed("发文字号：厦府〔2014〕12号（已废止）") == "厦府〔2014〕12号"
    assert doc_number_from_printed("详见正文") == ""


def test_no_module_builds_its_own_full_width_table():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name == "gongkai/textnorm.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OWN_TABLE.search(line):
                    found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_a_long_text_is_folded_wherever_its_one_traditional_or_full_width_character_stands() -> None:
    """Long texts are checked for characters to fold by numpy (gongkai.textnorm._needs_folding), short ones by a set:
    both must answer alike, for a character at either end, beyond the BMP, or a lone surrogate."""
    from gongkai.textnorm import _fold_keys, _needs_folding, fold

    filler = "厦门市人民政府关于印发通知的" * 20  # 280 characters: the long path
    for odd, folded in (("國", "国"), ("Ｂ", "b"), ("\u3000", " "), ("門", "门")):
        for text in (odd + filler, filler + odd, filler[:140] + odd + filler[140:]):
            assert _needs_folding(text) and fold(text) == text.replace(odd, folded)
    for plain in (filler, filler + "😀", filler + "\ud800", filler + "𠀀"):  # emoji, lone surrogate, extension B
        assert _needs_folding(plain) == (not _fold_keys().isdisjoint(plain)) and fold(plain) == plain
    assert fold("ABC" * 100) == "abc" * 100  # nothing to fold: lower-cased only
