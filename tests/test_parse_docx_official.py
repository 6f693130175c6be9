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
    # session 13, held out: a 上行文 with 签发人 beside its 文号, a 通告 printing no 文号 (its issuer's line and the title's read as
    # one title, as sites list it), a 批复 in [ ] over three lines, issuer and date on one line, three issuers, a date in Chinese numerals
 ("report_signer", (None, [("厦门市财政局文件", CENTER), ("厦财预〔2024〕7号　　　　　　　　签发人：王建国", None),
   ("厦门市财政局关于2023年度市级预算执行情况的报告", CENTER), ("市人民政府：", None),
   ("现将2023年度市级预算执行情况报告如下：一、一般公共预算收支情况……", None), ("厦门市财政局", RIGHT), ("2024年1月22日", RIGHT)]),
   "厦财预〔2024〕7号", "厦门市财政局关于2023年度市级预算执行情况的报告", date(2024, 1, 22), "厦门市财政局"),
 ("notice_no_number", (None, [("厦门市公安局交通警察支队", CENTER), ("关于思明区部分道路实施交通管制的通告", CENTER),
   ("为保障道路施工安全，根据《中华人民共和国道路交通安全法》有关规定，决定对思明区湖滨南路部分路段实施交通管制。现将有关事项通告如下：", None),
   ("一、管制时间：2024年9月5日至2024年10月5日。", None), ("特此通告。", None), ("厦门市公安局交通警察支队", RIGHT), ("2024年9月1日", RIGHT)]),
   "", "厦门市公安局交通警察支队关于思明区部分道路实施交通管制的通告", date(2024, 9, 1), "厦门市公安局交通警察支队"),
 ("reply_square_brackets_3lines", (None, [("厦门市人民政府", CENTER), ("厦府[2024]102号", CENTER), ("厦门市人民政府关于", CENTER),
   ("同意设立厦门市翔安区新圩镇古宅村等", CENTER), ("3个行政村的批复", CENTER), ("翔安区人民政府：", None),
   ("你区《关于设立古宅村等3个行政村的请示》（厦翔政〔2024〕20号）收悉。经研究，同意设立。", None), ("厦门市人民政府", RIGHT), ("2024年7月12日", RIGHT)]),
   "厦府〔2024〕102号", "厦门市人民政府关于同意设立厦门市翔安区新圩镇古宅村等3个行政村的批复", date(2024, 7, 12), "厦门市人民政府"),
 ("issuer_and_date_one_line", (None, [("厦教〔2024〕15号", CENTER), ("厦门市教育局关于公布2024年厦门市中小学招生工作方案的通知", CENTER),
   ("各区教育局，局属各学校：", None), ("现将《2024年厦门市中小学招生工作方案》印发给你们，请认真贯彻执行。", None),
   ("附件：2024年厦门市中小学招生工作方案", None), ("厦门市教育局　　2024年2月28日", RIGHT)]),
   "厦教〔2024〕15号", "厦门市教育局关于公布2024年厦门市中小学招生工作方案的通知", date(2024, 2, 28), "厦门市教育局"),
 ("three_issuers", (None, [("闽财规〔2024〕3号", CENTER), ("福建省财政厅 福建省人力资源和社会保障厅 福建省医疗保障局", CENTER),
   ("关于调整城乡居民基本养老保险基础养老金的通知", CENTER), ("各设区市财政局、人社局、医保局，平潭综合实验区财政金融局、社会事业局：", None),
   ("为进一步提高城乡居民基本养老保险待遇水平，现就有关事项通知如下：", None), ("福建省财政厅", RIGHT), ("福建省人力资源和社会保障厅", RIGHT),
   ("福建省医疗保障局", RIGHT), ("2024年5月6日", RIGHT)]),
   "闽财规〔2024〕3号", "福建省财政厅福建省人力资源和社会保障厅福建省医疗保障局关于调整城乡居民基本养老保险基础养老金的通知", date(2024, 5, 6),
   "福建省财政厅、福建省人力资源和社会保障厅、福建省医疗保障局"),
 ("minutes_style_date_chinese", (None, [("厦门市人民政府办公厅", CENTER), ("厦府办〔2024〕66号", RIGHT),
   ("厦门市人民政府办公厅关于印发厦门市2024年森林防火工作方案的通知", CENTER), ("各区人民政府，市直有关单位：", None),
   ("《厦门市2024年森林防火工作方案》已经市政府同意，现印发给你们，请认真组织实施。", None), ("厦门市人民政府办公厅", RIGHT), ("二〇二四年十一月三十日", RIGHT)]),
   "厦府办〔2024〕66号", "厦门市人民政府办公厅关于印发厦门市2024年森林防火工作方案的通知", date(2024, 11, 30), "厦门市人民政府办公厅"),
    # session 14 (fields8), held out, 1 of 4 wrong first: minutes whose header (body / 专题会议纪要) and serial (〔2024〕18号) come
    # before their own title took the header for the title
 ("minutes_header_serial_title", (None, [("厦门市思明区人民政府", CENTER), ("专题会议纪要", CENTER), ("〔2024〕18号", CENTER),
   ("关于研究中山路片区业态提升有关事项的会议纪要", CENTER),
   ("2024年6月3日下午，区政府副区长林某某主持召开专题会议，研究中山路片区业态提升有关事项。纪要如下：", None), ("一、……", None),
   ("厦门市思明区人民政府办公室", RIGHT), ("2024年6月5日", RIGHT)]),
   "", "关于研究中山路片区业态提升有关事项的会议纪要", date(2024, 6, 5), "厦门市思明区人民政府办公室"),
 ("reply_number_right", (None, [("南平市人民政府", CENTER), ("南政文〔2024〕112号", RIGHT), ("南平市人民政府关于同意设立武夷山市", CENTER),
   ("星村镇茶旅融合发展示范区的批复", CENTER), ("武夷山市人民政府：", None),
   ("你市《关于申请设立星村镇茶旅融合发展示范区的请示》（武政〔2024〕35号）收悉。经研究，批复如下：", None),
   ("一、同意设立星村镇茶旅融合发展示范区。", None), ("南平市人民政府", RIGHT), ("2024年8月30日", RIGHT)]),
   "南政文〔2024〕112号", "南平市人民政府关于同意设立武夷山市星村镇茶旅融合发展示范区的批复", date(2024, 8, 30), "南平市人民政府"),
 ("normative_red_header", (None, [("三明市人民政府办公室文件", CENTER), ("明政办规〔2024〕3号", CENTER), ("三明市人民政府办公室关于印发", CENTER),
   ("三明市住宅小区物业管理办法的通知", CENTER), ("各县（市、区）人民政府，市直有关单位：", None),
   ("《三明市住宅小区物业管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。", None), ("三明市人民政府办公室", RIGHT),
   ("2024年4月12日", RIGHT), ("（此件主动公开）", None)]),
   "明政办规〔2024〕3号", "三明市人民政府办公室关于印发三明市住宅小区物业管理办法的通知", date(2024, 4, 12), "三明市人民政府办公室"),
]


@pytest.mark.parametrize(("name", "layout", "doc_number", "title", "written", "issuer"), CASES, ids=[c[0] for c in CASES])
def test_an_agencys_word_document_reads_as_printed(tmp_path: Path, name: str, layout: tuple, doc_number: str, title: str,
                                                   written: date, issuer: str) -> None:
    record = parse_file(_write(tmp_path / f"{name}.docx", *layout))
    assert (record.doc_number, record.title, record.written_date, record.issuer) == (doc_number, title, written, issuer)


def test_a_numbered_announcement_keeps_its_header_as_title(tmp_path: Path) -> None:
    # the series' number under a header is passed over only when a title comes next: a 公告 numbered so, its text under it,
    # is titled by its header (as before)
    layout = (None, [("厦门市人民政府公告", CENTER), ("〔2024〕第3号", CENTER),
                     ("根据《中华人民共和国土地管理法》，经福建省人民政府批准，现将征收土地有关事项公告如下：", None),
                     ("厦门市人民政府", RIGHT), ("2024年10月9日", RIGHT)])
    record = parse_file(_write(tmp_path / "announcement.docx", *layout))
    assert (record.title, record.doc_number) == ("厦门市人民政府公告", "厦门市人民政府公告〔2024〕3号")
