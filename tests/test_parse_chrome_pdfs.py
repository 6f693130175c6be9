"""Official documents printed to PDF by Chromium (tests/fixtures/chrome_pdfs, made by make_pdfs.py there): the fonts'
ToUnicode tables give radicals for the ideographs they look like (厦⻔市湖⾥区⼈⺠政府, 2025年3月18⽇), as PDFs from
other makers do. Before the text was read as the ideographs it shows, none of the three had a date, two had no issuer,
and all three had a wrong title (a red header's bodies, a title's last line glued to the addressee, a title line
ending in 规划 with the title going on)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.indexer.models import SearchRequest
from gongkai.parsers import parse_file
from gongkai.textnorm import fold, unify_ideographs
from tests.support import build_engine

FIXTURES = Path(__file__).parent / "fixtures" / "chrome_pdfs"

CASES = [
    ("huzhengban_red_header.pdf", "湖政办〔2025〕37号",
     "厦门市湖里区人民政府办公室关于印发湖里区老旧小区改造三年行动方案（2025—2027年）的通知", date(2025, 3, 18), "厦门市湖里区人民政府办公室"),
    ("quancai_joint_header.pdf", "泉财规〔2024〕5号",
     "泉州市财政局泉州市发展和改革委员会关于印发《泉州市市级预算绩效管理办法》的通知", date(2024, 6, 12), "泉州市财政局、泉州市发展和改革委员会"),
    ("fuzhou_publicity.pdf", "",
     "福州市自然资源和规划局关于马尾区罗星街道片区控制性详细规划修改的批前公示", date(2025, 4, 1), "福州市自然资源和规划局"),
    # session 13, held out (make_pdfs_session13.py): 3 of 6 wrong first
    ("up_signer.pdf", "厦卫〔2024〕58号",  # 签发人 on a line of its own under the 文号: the title was the file's name
     "厦门市卫生健康委员会关于申请设立厦门市公共卫生应急指挥中心的请示", date(2024, 8, 15), "厦门市卫生健康委员会"),
    ("decision_session_date.pdf", "",  # no signature: the adoption date under the title is the written date (was none)
     "厦门市人民代表大会常务委员会关于加强经济工作监督的决定", date(2024, 6, 25), "厦门市人民代表大会常务委员会"),
    ("announcement_number.pdf", "厦门市人民政府公告〔2024〕3号",  # 〔2024〕第3号 under the header: no 文号, the file's name as title
     "厦门市人民政府公告", date(2024, 10, 9), "厦门市人民政府"),
    ("opinion_banji_pages.pdf", "漳政〔2024〕9号",  # the 版记's 印发 date is not the written date; a page number
     "漳州市人民政府关于加快发展银发经济增进老年人福祉的实施意见", date(2024, 9, 30), "漳州市人民政府"),
    ("list_publicity_table.pdf", "", "关于2024年度厦门市级文明单位拟命名名单的公示", date(2024, 11, 19), "中共厦门市委精神文明建设办公室"),
    ("letter_chinese_date_number_right.pdf", "闽自然资函〔2024〕412号",
     "福建省自然资源厅关于厦门市2024年度第五批次城镇建设用地的批复", date(2024, 12, 2), "福建省自然资源厅"),
    # session 15, held out (make_pdfs_session15.py, fields9): the 版头 and 文号 on page 1, the text over later pages; 0 of 4 wrong
    ("f9_zhejiang_guifan_pages.pdf", "浙政办发〔2024〕18号",
     "浙江省人民政府办公厅关于印发浙江省公共数据授权运营管理办法（试行）的通知", date(2024, 4, 12), "浙江省人民政府办公厅"),
    ("f9_guangdong_dept_joint_pages.pdf", "粤财农〔2024〕56号",
     "广东省财政厅广东省农业农村厅关于印发《广东省涉农资金统筹整合管理办法》的通知", date(2024, 3, 28), "广东省财政厅、广东省农业农村厅"),
    ("f9_sichuan_order_pages.pdf", "四川省人民政府令第372号", "四川省电动自行车管理办法", date(2024, 6, 3), "四川省人民政府"),
    ("f9_jiangsu_letter_number_right_pages.pdf", "苏自然资函〔2024〕655号",
     "江苏省自然资源厅关于南通市2024年度第三批次城镇建设用地的批复", date(2024, 9, 18), "江苏省自然资源厅"),
]


@pytest.mark.parametrize(("name", "doc_number", "title", "written", "issuer"), CASES, ids=[c[0] for c in CASES])
def test_a_chrome_printed_official_document_reads_as_printed(name: str, doc_number: str, title: str, written: date, issuer: str) -> None:
    record = parse_file(FIXTURES / name)
    assert (record.doc_number, record.title, record.written_date, record.issuer) == (doc_number, title, written, issuer)
    # what is stored is what people type: no radical left in the text
    assert unify_ideographs(record.body) == record.body and "厦⻔" not in record.body


def test_radicals_fold_to_the_ideographs_they_stand_for() -> None:
    assert unify_ideographs("厦⻔市湖⾥区⼈⺠政府 2025年3月18⽇ ⻑") == "厦门市湖里区人民政府 2025年3月18日 長"
    assert fold("厦⻔ ⻑") == "厦门 长"  # then Simplified, as any character
    assert unify_ideographs("﨑") == "﨑"  # one of the twelve unified ideographs of the compatibility block stays
    text = "没有部首的文本"
    assert unify_ideographs(text) is text


def test_a_record_sent_with_radicals_is_found_by_what_people_type(tmp_path: Path) -> None:
    # an agency's JSON record copied from such a PDF: stored as sent, found by 厦门 湖里 (the index folds both sides)
    engine = build_engine(tmp_path / "data", [{"id": "r1", "kind": "disclosure", "title": "厦⻔市湖⾥区⽼旧⼩区改造⽅案",
                                               "body": "湖⾥区⼈⺠政府印发。", "source": "push"}])
    try:
        assert [hit.id for hit in engine.search(SearchRequest(q="厦门湖里老旧小区")).hits] == ["r1"]
    finally:
        engine.close()
