"""PDF and DOCX without metadata: 文号, issuer, title and written date read from the text itself."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import docx
import pytest

from gongkai.parsers import Capture, UnsupportedFormat, detect_type, extract, parse
from gongkai.settings import ParserSettings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
AS_FILES = CORPUS / "pdf_docx" / "govcn_as_files"
CIVIL_CODE = CORPUS / "pdf_docx" / "中华人民共和国民法典.pdf"


def as_files_truth() -> list[dict]:
    with (AS_FILES / "index.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def cn_date(text: str) -> date:
    year, rest = text.split("年")
    month, rest = rest.split("月")
    return date(int(year), int(month), int(rest.rstrip("日")))


@pytest.mark.parametrize("truth", as_files_truth(), ids=lambda t: t["file"])
def test_official_documents_as_pdf_and_docx(truth: dict) -> None:
    record = parse(Capture.from_path(AS_FILES / truth["file"]))
    assert record.doc_number == truth["doc_number"]
    assert record.issuer == truth["issuer"]
    assert record.title == truth["title"]
    if truth["signature_date_in_text"]:
        assert record.written_date == cn_date(truth["written_date"])
    assert record.kind == "disclosure" and record.body


def test_pdf_lines_of_one_paragraph_are_joined() -> None:
    record = parse(Capture.from_path(AS_FILES / "govcn-5339579.pdf"))
    # Printed over three lines in the PDF; one sentence in the record.
    assert "国务院决定对国务院第二次全国污染源普查领导小组（以下简称领导小组）组成人员进行相应调整。" in record.body
    assert "国务院办公厅\n2018 年 11 月 5 日" in record.body or "国务院办公厅\n2018年11月5日" in record.body


@pytest.fixture(scope="module")
def civil_code():
    from gongkai.parsers.build import build_record

    capture = Capture.from_path(CIVIL_CODE)
    document = extract(capture)  # pdfminer takes seconds on 231 pages: parse once, build the record from it
    return document, build_record(capture, document, ParserSettings())


def test_civil_code_pdf_231_pages_with_header_block(civil_code) -> None:
    document, record = civil_code
    assert document.page_count == 231
    assert record.title == "中华人民共和国民法典"
    assert record.issuer == "全国人民代表大会常务委员会"  # 发文单位：
    assert record.doc_number == "中华人民共和国主席令第四十五号"  # 文    号：
    assert record.written_date == date(2020, 5, 28)  # 发文日期：2020-05-28
    assert "第一千二百六十条" in record.body  # the last article, on the last pages
    assert record.body.index("第一条") < record.body.index("第一千二百六十条")  # reading order


def test_civil_code_page_limit() -> None:
    from gongkai.parsers import FileTooLarge

    with pytest.raises(FileTooLarge) as caught:
        extract(Capture.from_path(CIVIL_CODE), ParserSettings(max_pdf_pages=3))
    assert "more than 3 pages" in caught.value.reason


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, after_table: list[str] = ()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after_table:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_xiamen_docx_with_red_header_chinese_date_and_table_in_order() -> None:
    data = make_docx(
        ["厦门市人民政府办公厅文件", "厦府办〔2014〕12号", "厦门市人民政府办公厅关于印发", "城市公共停车管理实施方案的通知",
         "各区人民政府，市直各委、办、局：", "现将《城市公共停车管理实施方案》印发给你们，请认真贯彻执行。",
         "附件：停车场建设计划表"],
        table=[["区", "泊位数"], ["思明区", "1200"], ["湖里区", "800"]],
        after_table=["厦门市人民政府办公厅", "二〇一四年五月六日"],
    )
    record = parse(Capture(data=data, filename="厦府办2014-12.docx"))
    assert record.doc_number == "厦府办〔2014〕12号"
    assert record.title == "厦门市人民政府办公厅关于印发城市公共停车管理实施方案的通知"
    assert record.issuer == "厦门市人民政府办公厅"
    assert record.written_date == date(2014, 5, 6)
    body = record.body
    assert body.index("附件：停车场建设计划表") < body.index("思明区") < body.index("二〇一四年五月六日")
    assert "思明区\t1200" in body or "思明区 1200" in body


def test_issuer_from_the_title_when_no_signature_and_alias_table() -> None:
    data = make_docx(["闽政〔2015〕3号", "福建省人民政府关于加快发展现代服务业的若干意见", "各市、县（区）人民政府：",
                      "为加快发展现代服务业，提出如下意见。"])
    record = parse(Capture(data=data, filename="a.docx"), ParserSettings(issuer_aliases={"福建省人民政府": "福建省人民政府（省政府）"}))
    assert record.doc_number == "闽政〔2015〕3号"
    assert record.issuer == "福建省人民政府（省政府）"
    assert record.written_date is None  # no date in the text: none invented


def test_sidecar_values_win(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(make_docx(["厦府〔2017〕327号", "厦门市人民政府关于公布第一批市级非物质文化遗产名录的通知", "正文。", "厦门市人民政府", "2017年9月1日"]))
    (tmp_path / "notice.docx.json").write_text(json.dumps({"publish_date": "2017-09-05", "issuer": "厦门市政府", "url": "https://www.xm.gov.cn/a.htm"}), encoding="utf-8")
    record = parse(Capture.from_path(path))
    assert record.publish_date == date(2017, 9, 5)
    assert record.issuer == "厦门市政府"
    assert record.url == "https://www.xm.gov.cn/a.htm"
    assert record.doc_number == "厦府〔2017〕327号" and record.written_date == date(2017, 9, 1)


def test_gbk_plain_text_document() -> None:
    text = "厦门市法制局\n关于征求《厦门市停车场管理办法（修订草案）》意见的公告\n现将草案全文公布，征求社会各界意见。\n厦门市法制局\n2021年6月15日\n"
    record = parse(Capture(data=text.encode("gbk"), filename="gonggao.txt"))
    assert record.title.endswith("意见的公告")
    assert record.issuer == "厦门市法制局"
    assert record.written_date == date(2021, 6, 15)


@pytest.mark.parametrize(("name", "kind"), [("old.doc", "doc"), ("old.wps", "wps")])  # .xls: python-calamine, no converter
def test_legacy_office_files_keep_bytes_and_say_unsupported(name: str, kind: str, monkeypatch, tmp_path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512 - 8) + "中文内容".encode("utf-16-le")
    capture = Capture(data=data, filename=name)
    assert detect_type(capture) == kind
    from gongkai.parsers.formats.legacy import converter_for

    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the converters (tests/test_legacy_office.py has them)
    assert converter_for(kind) is None
    with pytest.raises(UnsupportedFormat) as caught:
        parse(capture)
    assert caught.value.reason == f"unsupported format: {kind}"
    assert capture.data == data  # nothing lost: the caller can quarantine the bytes


def test_detect_type_by_magic_then_header_then_extension() -> None:
    pdf = (AS_FILES / "govcn-5339579.pdf").read_bytes()
    docx_bytes = (AS_FILES / "govcn-5338761.docx").read_bytes()
    assert detect_type(Capture(data=pdf, filename="wrong.html", content_type="text/html")) == "pdf"
    assert detect_type(Capture(data=docx_bytes, url="http://x.gov.cn/download?id=3")) == "docx"
    assert detect_type(Capture(data="正文".encode(), content_type="text/plain")) == "text"
    assert detect_type(Capture(data="正文".encode(), filename="a.md")) == "text"
    assert detect_type(Capture(data=b'{"title": "x"}\n', filename="r.jsonl")) == "jsonl"
    assert detect_type(Capture(data=bytes(range(256)) * 4)) == "unknown"
    assert detect_type(Capture(data=b"")) == "unknown"


def xiamen_page(page_id: str) -> dict:
    with (CORPUS / "web_page_excerpts" / "gov_document_pages.jsonl").open(encoding="utf-8") as handle:
        return next(row for row in map(json.loads, handle) if row["id"] == page_id)


def test_xiamen_page_text_signature_and_no_cited_doc_number() -> None:
    row = xiamen_page("web-gov-001")
    record = parse(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], filename="page.txt"))
    assert record.issuer == "厦门市人民政府办公厅"
    assert record.written_date == date(2021, 6, 15)
    # 国办发〔2021〕12号 is cited in the first paragraph; the page itself prints no 文号.
    assert record.doc_number == ""


def test_xiamen_reprint_with_doc_number_and_wrapped_title() -> None:
    row = xiamen_page("web-gov-005")
    record = parse(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], filename="page.txt"))
    assert record.doc_number == "厦府〔2017〕327号"
    assert record.title == "厦门市人民政府关于印发多规合一业务协同平台运行规则的通知"
    assert record.issuer == "厦门市人民政府"
    assert record.written_date == date(2017, 9, 14)


def test_title_skips_page_chrome_lines() -> None:
    row = xiamen_page("web-gov-007")
    record = parse(Capture(data=row["text"].encode("utf-8"), filename="page.txt"))
    assert record.title == "厦门市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert record.doc_number == "厦府〔2021〕57号"


def test_issuer_from_the_doc_number_prefix_when_nothing_else_names_it() -> None:
    row = xiamen_page("web-gov-007")  # a table of contents: 厦府〔2021〕57号, no signature, no 关于-title
    record = parse(Capture(data=row["text"].encode("utf-8"), filename="page.txt"))
    assert record.issuer == "厦门市人民政府"
    unknown = parse(Capture(data="某某规划\n某政〔2021〕3号\n正文内容。".encode(), filename="x.txt"))
    assert unknown.doc_number == "某政〔2021〕3号" and unknown.issuer == ""


def test_decree_layout_from_the_real_state_council_order() -> None:
    with (CORPUS / "govcn_state_council_policies" / "records.jsonl").open(encoding="utf-8") as handle:
        row = next(r for r in map(json.loads, handle) if r["id"] == "govcn-5351177")
    record = parse(Capture(data=make_docx(row["body_text"].split("\n")[:40]), filename="decree.docx"))
    assert record.doc_number == row["doc_no"] == "国令第707号"
    assert record.issuer == "国务院"
    assert record.title == row["title"]
    assert record.written_date == date(2018, 12, 18)


def test_numbered_announcement_header() -> None:
    text = ("国家税务总局公告\n2018年第58号\n关于个人所得税自行纳税申报有关问题的公告\n"
            "为贯彻落实新修改的个人所得税法，现就有关事项公告如下：\n特此公告。\n国家税务总局\n2018年12月21日")
    record = parse(Capture(data=text.encode("utf-8"), filename="gg.txt"))
    assert record.doc_number == "国家税务总局公告2018年第58号"
    assert record.title == "关于个人所得税自行纳税申报有关问题的公告"
    assert record.issuer == "国家税务总局" and record.written_date == date(2018, 12, 21)


def govcn_rows() -> list[dict]:
    with (CORPUS / "govcn_state_council_policies" / "records.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("row", govcn_rows(), ids=lambda r: r["id"])
def test_all_forty_state_council_texts_laid_out_as_docx(row: dict) -> None:
    """The 40 real texts as bare DOCX files (one paragraph per line, as the corpus' own files are made)."""
    record = parse(Capture(data=make_docx(row["body_text"].split("\n")), filename=f"{row['id']}.docx"))
    assert record.doc_number == row["doc_no"]
    assert record.issuer == row["issuer"]
    assert record.title == row["title"]
    if row["id"] == "govcn-5351624":
        # The catalogue says 2004年04月17日; the signature printed in the text says 二〇〇四年四月二十七日.
        assert record.written_date == date(2004, 4, 27)
    else:
        assert record.written_date == cn_date(row["written_date"])
