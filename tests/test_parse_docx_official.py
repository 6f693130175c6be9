"""Official documents as agencies write them in Word (held-out layouts, made here with python-docx): a joint red header
in a table, a local government's decree (《X》已经…通过，现予公布), a 函 dated in Chinese numerals. The decree's title was
the file's name: its regulation's name was read only after 公布 (现公布《X》)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongkai.parsers import parse_file

CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _write(path: Path, header_table: list[list[str]] | None, paragraphs: list[tuple[str, object]]) -> Path:
    document = Document()
    if header_table:
        table = document.add_table(rows=len(header_table), cols=len(header_table[0]))
        for r, row in enumerate(header_table):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    for text, align in paragraphs:
        document.add_paragraph(text).alignment = align
    document.save(str(path))
    return path


JOINT = ([["漳州市教育局", "文件"], ["漳州市财政局", ""]], [
    ("漳教财〔2024〕12号", CENTER), ("漳州市教育局 漳州市财政局关于下达2024年", CENTER), ("学前教育发展资金的通知", CENTER),
    ("各县（区）教育局、财政局，各开发区（投资区）：", None),
    ("根据《福建省学前教育发展资金管理办法》，现将2024年学前教育发展资金下达给你们，请按规定使用。", None),
    ("附件：2024年学前教育发展资金分配表", None), ("漳州市教育局　　　　　　漳州市财政局", RIGHT), ("2024年3月6日", RIGHT),
    ("（此件主动公开）", None)])
DECREE = (None, [
    ("厦门市人民政府令", CENTER), ("第189号", CENTER),
    ("《厦门市公共资源交易管理办法》已经2024年4月10日市人民政府第45次常务会议通过，现予公布，自2024年6月1日起施行。", None),
    ("市长　伍斌", RIGHT), ("2024年4月20日", RIGHT), ("厦门市公共资源交易管理办法", CENTER), ("第一章　总则", CENTER),
    ("第一条　为了规范公共资源交易活动，根据有关法律法规，结合本市实际，制定本办法。", None)])
LETTER = (None, [
    ("厦门市自然资源和规划局", CENTER), ("厦资源规划函〔2025〕88号", RIGHT), ("厦门市自然资源和规划局关于同意调整", CENTER),
    ("集美区灌口镇土地利用规划的函", CENTER), ("集美区人民政府：", None),
    ("你区《关于调整灌口镇土地利用规划的请示》（集政〔2025〕10号）收悉。经研究，原则同意调整方案。", None), ("特此函复。", None),
    ("厦门市自然资源和规划局", RIGHT), ("二〇二五年五月九日", RIGHT)])

CASES = [
    ("joint", JOINT, "漳教财〔2024〕12号", "漳州市教育局漳州市财政局关于下达2024年学前教育发展资金的通知", date(2024, 3, 6),
     "漳州市教育局、漳州市财政局"),
    ("decree", DECREE, "厦门市人民政府令第189号", "厦门市公共资源交易管理办法", date(2024, 4, 20), "厦门市人民政府"),
    ("letter", LETTER, "厦资源规划函〔2025〕88号", "厦门市自然资源和规划局关于同意调整集美区灌口镇土地利用规划的函", date(2025, 5, 9),
     "厦门市自然资源和规划局"),
]


@pytest.mark.parametrize(("name", "layout", "doc_number", "title", "written", "issuer"), CASES, ids=[c[0] for c in CASES])
def test_an_agencys_word_document_reads_as_printed(tmp_path: Path, name: str, layout: tuple, doc_number: str, title: str,
                                                   written: date, issuer: str) -> None:
    record = parse_file(_write(tmp_path / f"{name}.docx", *layout))
    assert (record.doc_number, record.title, record.written_date, record.issuer) == (doc_number, title, written, issuer)
