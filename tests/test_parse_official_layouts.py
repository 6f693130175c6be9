"""Official documents (公文) as agencies send them, read from their text (DOCX made with python-docx, and the same lines
as a plain-text file): the red header, the 文号 line, the title, the signature. Two header shapes once gave the header
as the title: a header of the issuer's name without 文件 (an upward 请示 with 签发人 beside its 文号:
`厦门市思明区人民政府 / 思政〔2023〕8号　签发人：李明 / 思明区人民政府关于…的请示`), and a joint header printed on two
lines (`厦门市教育局　厦门市财政局 / 文件`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from gongkai.parsers import parse_file

LAYOUTS: dict[str, tuple[list[str], dict[str, object]]] = {
    "red_header_with_wenjian": (
        ["厦门市人民政府文件", "", "厦府〔2023〕12号", "", "厦门市人民政府关于印发厦门市城市更新实施办法的通知", "",
         "各区人民政府，市直各委、办、局：", "现将《厦门市城市更新实施办法》印发给你们，请认真贯彻执行。", "",
         "厦门市人民政府", "2023年3月1日", "（此件主动公开）", "抄送：市委各部门，厦门警备区。",
         "厦门市人民政府办公厅                2023年3月2日印发"],
        dict(title="厦门市人民政府关于印发厦门市城市更新实施办法的通知", doc_number="厦府〔2023〕12号", issuer="厦门市人民政府",
             written_date=date(2023, 3, 1)),
    ),
    "header_without_wenjian_and_signer": (
        ["厦门市思明区人民政府", "", "思政〔2023〕8号            签发人：李明", "", "思明区人民政府关于申请解决鼓浪屿文物保护资金的请示", "",
         "厦门市人民政府：", "为加强鼓浪屿文物保护，特申请专项资金。妥否，请批示。", "",
         "厦门市思明区人民政府", "2023年4月12日", "（联系人：王芳，电话：2123456）"],
        dict(title="思明区人民政府关于申请解决鼓浪屿文物保护资金的请示", doc_number="思政〔2023〕8号",
             issuer="厦门市思明区人民政府", written_date=date(2023, 4, 12)),
    ),
    "joint_header_on_two_lines": (
        ["厦门市教育局  厦门市财政局", "文件", "厦教财〔2024〕3号", "厦门市教育局 厦门市财政局关于下达2024年学前教育专项资金的通知",
         "各区教育局、财政局：", "根据有关规定，现下达2024年学前教育专项资金。", "附件：2024年学前教育专项资金分配表", "",
         "厦门市教育局          厦门市财政局", "2024年1月15日"],
        dict(title="厦门市教育局厦门市财政局关于下达2024年学前教育专项资金的通知", doc_number="厦教财〔2024〕3号",
             issuer="厦门市教育局、厦门市财政局", written_date=date(2024, 1, 15)),
    ),
    "issuer_line_above_title_chinese_date": (
        ["厦门市市场监督管理局", "关于开展2024年食品安全抽检工作的通知", "厦市监〔2024〕21号",
         "各区市场监督管理局：", "现就2024年食品安全抽检工作通知如下。", "厦门市市场监督管理局", "二〇二四年三月八日"],
        dict(title="厦门市市场监督管理局关于开展2024年食品安全抽检工作的通知", doc_number="厦市监〔2024〕21号",
             issuer="厦门市市场监督管理局", written_date=date(2024, 3, 8)),
    ),
    # After a body and a date, a title only when a title line follows (a 简报's layout), never a sentence of the body.
    "body_and_date_then_a_title": (
        ["厦门市教育局", "2023年5月1日", "关于做好2023年义务教育招生工作的通知", "各区教育局：", "现将有关事项通知如下。",
         "厦门市教育局", "2023年5月1日"],
        dict(title="关于做好2023年义务教育招生工作的通知", issuer="厦门市教育局", written_date=date(2023, 5, 1)),
    ),
    "body_and_date_then_running_text": (
        ["厦门市人民代表大会常务委员会", "2023年5月1日", "根据《厦门市人民代表大会常务委员会议事规则》，现公告如下：",
         "一、会议于2023年5月10日召开。", "厦门市人民代表大会常务委员会", "2023年5月1日"],
        dict(title="厦门市人民代表大会常务委员会", issuer="厦门市人民代表大会常务委员会"),
    ),
    "traditional": (
        ["廈門市人民政府文件", "廈府〔2023〕88號", "廈門市人民政府關於公布廈門市第一批歷史建築保護名錄的通知",
         "各區人民政府，市直各委、辦、局：", "現將廈門市第一批歷史建築保護名錄予以公布。", "", "廈門市人民政府", "2023年4月15日"],
        dict(title="廈門市人民政府關於公布廈門市第一批歷史建築保護名錄的通知", doc_number="厦府〔2023〕88号",
             issuer="廈門市人民政府", written_date=date(2023, 4, 15)),
    ),
}


def _write(kind: str, lines: list[str], path: Path) -> Path:
    if kind == "docx":
        document = Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(path.with_suffix(".docx"))
        return path.with_suffix(".docx")
    path.with_suffix(".txt").write_text("\n".join(lines), encoding="utf-8")
    return path.with_suffix(".txt")


@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_header_number_title_and_signature(tmp_path: Path, name: str, kind: str) -> None:
    lines, expected = LAYOUTS[name]
    record = parse_file(_write(kind, lines, tmp_path / name))
    assert {field: getattr(record, field) for field in expected} == expected
