"""Held-out official documents of session 19 (fields13), as agencies publish them, written with their expectations
before the parsers read them: DOCX typed in Word's ways (red 版头 lines, 文号 and 签发人 in a borderless table or on lines
of their own, a title over two paragraphs or broken by Shift+Enter, a joint header, 附件 lines, 版记 with 抄送 and 印发, an
attachment after a page break), PDFs printed by Chromium from GB/T 9704 layouts (two 签发人, a tax bureau's 公告 numbered
within its year, 附件 lines and a 版记 whose 印发 day is not the written day, a second page holding the attachment's table),
and scans of a 批复 (grey, fed sideways, laid crooked in colour). How they were made: tests/fixtures/heldout19/fields13/
make_files.py. Each document is also looked up by a phrase of its body, as a citizen searches.

Every expectation is what a person reads on the page."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

import pytest

from gongkai.indexer.models import SearchRequest
from gongkai.parsers import Capture, parse
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.support import build_engine

HERE = Path(__file__).parent / "fixtures" / "heldout19" / "fields13"
_spec = importlib.util.spec_from_file_location("fields13_make_files", HERE / "make_files.py")
assert _spec and _spec.loader
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

FIELDS = ("title", "doc_number", "issuer", "written_date")

# name -> (blocks of the DOCX, expected fields, a phrase of the body a citizen searches for)
DOCX: dict[str, tuple[list[tuple[str, str]], dict[str, str], str]] = {
    "d1_jimei_red_header_attachments_banji": (
        [
            ("red", "厦门市集美区人民政府办公室文件"),
            ("center", "集政办〔2025〕21号"),
            ("rule", ""),
            ("bold", "厦门市集美区人民政府办公室关于印发集美区"),
            ("bold", "城市更新三年行动方案的通知"),
            ("left", "各街道办事处，区直各部门，各有关单位："),
            ("p", "《集美区城市更新三年行动方案》已经区政府第四十二次常务会议研究通过，现印发给你们，请认真组织实施。"),
            ("left", "附件：1.集美区城市更新三年行动方案"),
            ("left", "　　　2.集美区城市更新项目清单"),
            ("right", "厦门市集美区人民政府办公室"),
            ("right", "2025年4月3日"),
            ("left", "（此件主动公开）"),
            ("left", "抄送：区委办，区人大办，区政协办。"),
            ("left", "厦门市集美区人民政府办公室　　　　　　2025年4月7日印发"),
        ],
        {
            "title": "厦门市集美区人民政府办公室关于印发集美区城市更新三年行动方案的通知",
            "doc_number": "集政办〔2025〕21号",
            "issuer": "厦门市集美区人民政府办公室",
            "written_date": "2025-04-03",
        },
        "集美区城市更新",
    ),
    "d2_finance_report_signer_in_table_soft_break": (
        [
            ("red", "厦门市财政局文件"),
            ("row", "厦财预〔2024〕15号|签发人：陈志明"),
            ("rule", ""),
            ("lines", "厦门市财政局关于2024年上半年\n市级预算执行情况的报告"),
            ("left", "市人民政府："),
            (
                "p",
                "2024年上半年，全市一般公共预算收入完成全年预算的百分之五十三点二，同口径增长百分之三点八。现将有关情况报告如下。",
            ),
            ("p", "一、收入情况。税收收入稳步增长，非税收入有所下降。"),
            ("p", "特此报告。"),
            ("right", "厦门市财政局"),
            ("right", "2024年7月12日"),
            ("left", "（联系人：黄丽萍，电话：0592-2897654）"),
        ],
        {
            "title": "厦门市财政局关于2024年上半年市级预算执行情况的报告",
            "doc_number": "厦财预〔2024〕15号",
            "issuer": "厦门市财政局",
            "written_date": "2024-07-12",
        },
        "一般公共预算收入",
    ),
    "d3_fujian_reply_header_without_wenjian_chinese_date": (
        [
            ("red", "福建省自然资源厅"),
            ("right", "闽自然资函〔2025〕88号"),
            ("rule", ""),
            ("bold", "福建省自然资源厅关于漳州市2025年度"),
            ("bold", "第一批次城镇建设用地的批复"),
            ("left", "漳州市人民政府："),
            (
                "p",
                "你市《关于报批2025年度第一批次城镇建设用地的请示》收悉。经审查，同意将集体农用地12.6公顷转为建设用地并办理征收手续。",
            ),
            ("p", "此复。"),
            ("right", "福建省自然资源厅"),
            ("right", "二〇二五年三月二十日"),
            ("left", "抄送：自然资源部，漳州市自然资源局。"),
            ("left", "福建省自然资源厅办公室　　　　　二〇二五年三月二十一日印发"),
        ],
        {
            "title": "福建省自然资源厅关于漳州市2025年度第一批次城镇建设用地的批复",
            "doc_number": "闽自然资函〔2025〕88号",
            "issuer": "福建省自然资源厅",
            "written_date": "2025-03-20",
        },
        "城镇建设用地",
    ),
    "d4_joint_header_in_a_table": (
        [
            ("row", "厦门市教育局\n厦门市财政局|文件"),
            ("center", "厦教财〔2025〕9号"),
            ("rule", ""),
            ("bold", "厦门市教育局　厦门市财政局关于做好2025年"),
            ("bold", "秋季学期学生资助工作的通知"),
            ("left", "各区教育局、财政局，市属各学校："),
            ("p", "为做好2025年秋季学期家庭经济困难学生资助工作，确保资助资金及时足额发放到位，现将有关事项通知如下。"),
            ("p", "一、各校要于9月30日前完成家庭经济困难学生认定工作。"),
            ("row", "厦门市教育局|厦门市财政局"),
            ("right", "2025年8月25日"),
        ],
        {
            "title": "厦门市教育局厦门市财政局关于做好2025年秋季学期学生资助工作的通知",
            "doc_number": "厦教财〔2025〕9号",
            "issuer": "厦门市教育局、厦门市财政局",
            "written_date": "2025-08-25",
        },
        "家庭经济困难学生",
    ),
    "d5_measures_with_attached_rules_after_page_break": (
        [
            ("red", "厦门市人民政府办公厅文件"),
            ("center", "厦府办规〔2025〕4号"),
            ("rule", ""),
            ("bold", "厦门市人民政府办公厅关于印发厦门市"),
            ("bold", "既有住宅增设电梯实施办法的通知"),
            ("left", "各区人民政府，市直各委、办、局，各开发区管委会："),
            ("p", "《厦门市既有住宅增设电梯实施办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。"),
            ("right", "厦门市人民政府办公厅"),
            ("right", "2025年6月30日"),
            ("left", "（此件主动公开）"),
            ("break", ""),
            ("bold", "厦门市既有住宅增设电梯实施办法"),
            ("p", "第一条　为改善既有住宅使用功能，方便群众生活，根据有关法律法规，结合本市实际，制定本办法。"),
            ("p", "第二十条　本办法自2025年8月1日起施行，有效期五年。2019年12月1日印发的原办法同时废止。"),
            ("left", "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。"),
            ("left", "厦门市人民政府办公厅　　　　　　　2025年7月2日印发"),
        ],
        {
            "title": "厦门市人民政府办公厅关于印发厦门市既有住宅增设电梯实施办法的通知",
            "doc_number": "厦府办规〔2025〕4号",
            "issuer": "厦门市人民政府办公厅",
            "written_date": "2025-06-30",
        },
        "既有住宅增设电梯",
    ),
    "d6_request_signer_on_its_own_line": (
        [
            ("red", "厦门市同安区人民政府文件"),
            ("center", "同政〔2025〕31号　　　　　　　签发人：许志坚"),
            ("rule", ""),
            ("bold", "厦门市同安区人民政府关于申请将汀溪水库"),
            ("bold", "列入省级饮用水水源保护区的请示"),
            ("left", "厦门市人民政府："),
            (
                "p",
                "汀溪水库是我区主要饮用水水源地，供水人口约二十万人。为加强水源保护，特申请将汀溪水库列入省级饮用水水源保护区。",
            ),
            ("p", "妥否，请批示。"),
            ("right", "厦门市同安区人民政府"),
            ("right", "2025年5月12日"),
            ("left", "（联系人：区生态环境局 吴建华，电话：0592-7023456）"),
        ],
        {
            "title": "厦门市同安区人民政府关于申请将汀溪水库列入省级饮用水水源保护区的请示",
            "doc_number": "同政〔2025〕31号",
            "issuer": "厦门市同安区人民政府",
            "written_date": "2025-05-12",
        },
        "汀溪水库",
    ),
}

# name -> (expected fields, phrase)
PDFS: dict[str, tuple[dict[str, str], str]] = {
    "p1_guangdong_attachments_banji": (
        {
            "title": "广东省人民政府办公厅关于印发广东省推动低空经济高质量发展行动方案的通知",
            "doc_number": "粤府办〔2025〕7号",
            "issuer": "广东省人民政府办公厅",
            "written_date": "2025-02-18",
        },
        "低空经济",
    ),
    "p2_sichuan_two_signers_report": (
        {
            "title": "四川省交通运输厅关于2024年度农村公路养护工作情况的报告",
            "doc_number": "川交函〔2025〕112号",
            "issuer": "四川省交通运输厅",
            "written_date": "2025-03-06",
        },
        "农村公路列养率",
    ),
    "p3_tax_announcement_year_number": (
        {
            "title": "国家税务总局浙江省税务局关于简并城镇土地使用税申报期限的公告",
            "doc_number": "国家税务总局浙江省税务局公告2025年第2号",
            "issuer": "国家税务总局浙江省税务局",
            "written_date": "2025-03-10",
        },
        "城镇土地使用税",
    ),
    "p4_xiamen_two_pages_attachment_table": (
        {
            "title": "厦门市人力资源和社会保障局关于调整2025年度职业技能提升补贴标准的通知",
            "doc_number": "厦人社规〔2025〕3号",
            "issuer": "厦门市人力资源和社会保障局",
            "written_date": "2025-04-15",
        },
        "职业技能提升补贴",
    ),
}

ZHANGZHOU = {
    "title": "漳州市人民政府关于同意设立漳州市龙海区紫泥镇的批复",
    "doc_number": "漳政函〔2025〕46号",
    "issuer": "漳州市人民政府",
    "written_date": "2025-06-09",
}
# name -> (how the sheet was scanned, expected fields, phrase)
SCANS: dict[str, tuple[dict[str, Any], dict[str, str], str]] = {
    "s1_grey_upright": ({"grey": True}, ZHANGZHOU, "紫泥镇"),
    "s2_fed_sideways": ({"grey": True, "rotate": 90}, ZHANGZHOU, "紫泥镇"),
    "s3_colour_laid_crooked": ({"grey": False, "tilt": 2.5}, ZHANGZHOU, "紫泥镇"),
}

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract (chi_sim) is not installed")


def _settings(tmp_path: Path) -> Any:
    return load_settings(data_dir=tmp_path / "data").parsers


def _fields(record: Record) -> dict[str, str]:
    return {name: str(getattr(record, name) or "") for name in FIELDS}


def _found_by(tmp_path: Path, record: Record, phrase: str) -> list[str]:
    engine = build_engine(tmp_path / "index", [record])
    try:
        return [hit.id for hit in engine.search(SearchRequest(q=phrase)).hits]
    finally:
        engine.close()


@pytest.mark.parametrize("name", list(DOCX))
def test_a_docx_gives_its_printed_fields_and_is_found(name: str, tmp_path: Path) -> None:
    blocks, expected, phrase = DOCX[name]
    record = parse(Capture(make.docx_bytes(blocks), filename=f"{name}.docx"), _settings(tmp_path))
    assert _fields(record) == expected
    assert record.id in _found_by(tmp_path, record, phrase)


@pytest.mark.parametrize("name", list(PDFS))
def test_a_chromium_pdf_gives_its_printed_fields_and_is_found(name: str, tmp_path: Path) -> None:
    expected, phrase = PDFS[name]
    record = parse(Capture((HERE / f"{name}.pdf").read_bytes(), filename=f"{name}.pdf"), _settings(tmp_path))
    assert _fields(record) == expected
    assert record.id in _found_by(tmp_path, record, phrase)


@needs_tesseract
@pytest.mark.parametrize("name", list(SCANS))
def test_a_scanned_pdf_gives_its_printed_fields_and_is_found(name: str, tmp_path: Path) -> None:
    how, expected, phrase = SCANS[name]
    scan = make.scan_pdf((HERE / "s_base_zhangzhou_reply.pdf").read_bytes(), **how)
    record = parse(Capture(scan, filename=f"{name}.pdf"), _settings(tmp_path))
    assert record.ocr is not None and record.ocr != "unavailable"  # read by OCR, not from a text layer
    assert _fields(record) == expected
    assert record.id in _found_by(tmp_path, record, phrase)


def test_a_scans_title_is_mended_to_its_signature_not_to_its_misread_header() -> None:
    from gongkai.parsers.formats.ocr import align_to_signature

    # s1's reading: the greyed red header lost its first character, the title and signature read right
    read = "淮州市人民政府\n漳政函〔2025〕46号\n漳州市人民政府关于同意设立\n漳州市龙海区紫泥镇的批复\n此复。\n漳州市人民政府\n2025年6月9日"
    # (the title stays as read; the header, one character off the signature's place, gets it back: _mend_heading_places)
    mended = read.replace("淮州市人民政府\n", "漳州市人民政府\n")
    assert align_to_signature(read) == mended
    # the title misread under the same header: the signature over its date mends it
    misread = read.replace("漳州市人民政府关于", "淮州市人民政府关于")
    assert align_to_signature(misread) == mended


# --- round 2 -----------------------------------------------------------------------------------------------------------

DOCX_R2: dict[str, tuple[list[tuple[str, str]], dict[str, str], str]] = {
    "e1_two_signers_in_one_cell": (
        [
            ("red", "福建省财政厅文件"),
            ("row", "闽财预〔2025〕33号|签发人：林　峰　陈　晖"),
            ("rule", ""),
            ("bold", "福建省财政厅关于2025年省级财政"),
            ("bold", "预算调整方案的请示"),
            ("left", "省人民政府："),
            (
                "p",
                "受宏观经济形势影响，2025年省级一般公共预算收入预计短收，需相应调整支出预算。现将预算调整方案请示如下。",
            ),
            ("p", "妥否，请批示。"),
            ("right", "福建省财政厅"),
            ("right", "2025年9月3日"),
        ],
        {
            "title": "福建省财政厅关于2025年省级财政预算调整方案的请示",
            "doc_number": "闽财预〔2025〕33号",
            "issuer": "福建省财政厅",
            "written_date": "2025-09-03",
        },
        "预算调整方案",
    ),
    "e2_title_soft_breaks_book_title_qualifier": (
        [
            ("red", "厦门市市场监督管理局文件"),
            ("center", "厦市监规〔2025〕2号"),
            ("rule", ""),
            ("lines", "厦门市市场监督管理局关于印发《厦门市\n网络餐饮服务食品安全监督管理\n办法（试行）》的通知"),
            ("left", "各区市场监督管理局，局机关各处室、各直属单位："),
            ("p", "《厦门市网络餐饮服务食品安全监督管理办法（试行）》已经局务会议审议通过，现印发给你们，请遵照执行。"),
            ("right", "厦门市市场监督管理局"),
            ("right", "2025年10月9日"),
            ("left", "（此件主动公开）"),
        ],
        {
            "title": "厦门市市场监督管理局关于印发《厦门市网络餐饮服务食品安全监督管理办法（试行）》的通知",
            "doc_number": "厦市监规〔2025〕2号",
            "issuer": "厦门市市场监督管理局",
            "written_date": "2025-10-09",
        },
        "网络餐饮服务",
    ),
    "e3_party_and_government_joint_stacked_signature": (
        [
            ("row", "中共厦门市海沧区委办公室\n厦门市海沧区人民政府办公室|文件"),
            ("center", "海委办〔2025〕30号"),
            ("rule", ""),
            ("bold", "关于印发海沧区乡村振兴示范村"),
            ("bold", "建设工作方案的通知"),
            ("left", "各街道党工委、办事处，区直各单位："),
            ("p", "《海沧区乡村振兴示范村建设工作方案》已经区委、区政府同意，现印发给你们，请结合实际认真贯彻落实。"),
            ("right", "中共厦门市海沧区委办公室"),
            ("right", "厦门市海沧区人民政府办公室"),
            ("right", "2025年6月18日"),
        ],
        {
            "title": "关于印发海沧区乡村振兴示范村建设工作方案的通知",
            "doc_number": "海委办〔2025〕30号",
            "issuer": "中共厦门市海沧区委办公室、厦门市海沧区人民政府办公室",
            "written_date": "2025-06-18",
        },
        "乡村振兴示范村",
    ),
    "e4_no_text_on_this_page_spaced_date": (
        [
            ("red", "厦门市翔安区人民政府文件"),
            ("center", "翔政〔2025〕19号"),
            ("rule", ""),
            ("bold", "厦门市翔安区人民政府关于公布"),
            ("bold", "区级行政许可事项清单的通知"),
            ("left", "各镇人民政府、街道办事处，区直各单位："),
            (
                "p",
                "根据行政许可事项清单管理有关要求，区政府对区级行政许可事项进行了全面梳理，现予以公布，请认真抓好落实。",
            ),
            ("break", ""),
            ("center", "（此页无正文）"),
            ("right", "厦门市翔安区人民政府"),
            ("right", "2025 年 9 月 3 日"),
        ],
        {
            "title": "厦门市翔安区人民政府关于公布区级行政许可事项清单的通知",
            "doc_number": "翔政〔2025〕19号",
            "issuer": "厦门市翔安区人民政府",
            "written_date": "2025-09-03",
        },
        "行政许可事项清单",
    ),
}

PDFS_R2: dict[str, tuple[dict[str, str], str]] = {
    "q1_ministry_reply_no_wenjian": (
        {
            "title": "关于厦门新机场配套快速路工程环境影响报告书的批复",
            "doc_number": "环办环评函〔2025〕210号",
            "issuer": "生态环境部办公厅",
            "written_date": "2025-09-28",
        },
        "新机场配套快速路",
    ),
    "q2_three_line_title_with_period": (
        {
            "title": "福州市人民政府关于印发福州市推进新型城镇化建设实施方案（2025—2027年）的通知",
            "doc_number": "榕政综〔2025〕58号",
            "issuer": "福州市人民政府",
            "written_date": "2025-07-21",
        },
        "新型城镇化",
    ),
}


@pytest.mark.parametrize("name", list(DOCX_R2))
def test_a_round2_docx_gives_its_printed_fields_and_is_found(name: str, tmp_path: Path) -> None:
    blocks, expected, phrase = DOCX_R2[name]
    record = parse(Capture(make.docx_bytes(blocks), filename=f"{name}.docx"), _settings(tmp_path))
    assert _fields(record) == expected
    assert record.id in _found_by(tmp_path, record, phrase)


@pytest.mark.parametrize("name", list(PDFS_R2))
def test_a_round2_chromium_pdf_gives_its_printed_fields_and_is_found(name: str, tmp_path: Path) -> None:
    expected, phrase = PDFS_R2[name]
    record = parse(Capture((HERE / f"{name}.pdf").read_bytes(), filename=f"{name}.pdf"), _settings(tmp_path))
    assert _fields(record) == expected
    assert record.id in _found_by(tmp_path, record, phrase)


def test_a_scans_title_line_gets_back_the_signatures_place_the_body_prints() -> None:
    from gongkai.parsers.formats.ocr import align_to_signature

    # s3's reading: the title's second line lost 漳 of 漳州市, which the body and the signature print right
    right = (
        "漳州市人民政府\n漳政函〔2025〕46号\n漳州市人民政府关于同意设立\n漳州市龙海区紫泥镇的批复\n龙海区人民政府:\n"
        "经研究，同意设立漳州市龙海区紫泥镇。\n此复。\n漳州市人民政府\n2025年6月9日"
    )
    assert align_to_signature(right.replace("\n漳州市龙海区紫泥镇的批复", "\n亨州市龙海区紫泥镇的批复")) == right
    # another city one character off, printed so in the body too, is no misreading
    other = right.replace("漳州市龙海区", "福州市鼓楼区")
    assert align_to_signature(other) == other


def test_a_scans_place_misread_twice_is_mended_by_its_number_and_body() -> None:
    from gongkai.parsers.formats.ocr import align_to_signature, clean_ocr_line

    # s2's reading: 漳 read 济 in the title and the signature alike, the 文号 and the sentences read right
    read = (
        "漳州市人民政府\n漳政函【2025] 46号\n济州市人民政府关于同意设立\n漳州市龙海区紫泥镇的批复\n龙海区人民政府:\n"
        "经研究，同意设立漳州市龙海区紫泥镇。\n此复。\n济州市人民政府\n2025年6月9日"
    )
    assert align_to_signature(read) == read.replace("济州市", "漳州市")
    # a body whose place the sentences print too is as read (a 文号 of another city's body cited is no reason)
    other = read.replace("同意设立漳州市龙海区紫泥镇", "同意济州市与漳州市龙海区合作")
    # (the header is another matter: one character off the signature's place, it takes it, _mend_heading_places)
    assert align_to_signature(other) == other.replace("漳州市人民政府\n漳政函", "济州市人民政府\n漳政函")
    # a date line with a stray character between year and 年; a count of person-years in a sentence is left
    assert clean_ocr_line("2025人年6月9日") == "2025年6月9日"
    assert clean_ocr_line("共投入2025人年。") == "共投入2025人年。"
