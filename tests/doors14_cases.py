"""Held-out deliveries of doors14 (session 22), written with their expectations before the product was run on them: what
an agency's machines really hand the drop folder when things break (a zero-byte upload, a PDF cut short or locked, a Word
97 file saved as `.docx`, a page Word saved as web page under a `.doc` name, a zip of GBK names without the UTF-8 flag,
names differing only in width or in NFC/NFD, JSON Lines with a BOM and CRLF, one line of 5 MB, a line of invalid UTF-8, a
symlink out of the folder). tests/test_doors_heldout14.py sends them and checks the law: each stored, quarantined with its
reason or left in place, once."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tests.hostile_cases import CORPUS
from tests.support import zip_bytes

HERE = Path(__file__).parent / "fixtures" / "heldout22" / "doors14"
FILES = CORPUS / "pdf_docx" / "govcn_as_files"
LEGACY = Path(__file__).parent / "fixtures" / "legacy"
AGENCY = "厦门市自然资源和规划局"


def page(title: str, paragraphs: list[str], day: str, charset: str = "utf-8") -> bytes:
    """An agency CMS's detail page: its title in <title> and <h1>, the text, the agency and the day signed."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<div class="article"><h1>{title}</h1>{body}<p style="text-align:right">{AGENCY}</p>'
            f'<p style="text-align:right">{day}</p></div></body></html>')
    return html.encode(charset)


def jsonl_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def land_record(n: int, extra: str = "") -> dict:
    return {"title": f"厦门市自然资源和规划局关于2031年第{n}批次城市建设用地征收土地的公告",
            "doc_number": f"厦资源规划〔2031〕{100 + n}号", "publish_date": f"2031-03-{n:02d}",
            "issuer": AGENCY, "body": f"根据福建省人民政府批复，现将2031年第{n}批次城市建设用地征收土地有关事项公告如下。{extra}"}


def truncated_pdf() -> bytes:
    """The corpus PDF cut at 45 % (an upload broken off, its name already final)."""
    data = (FILES / "govcn-5345293.pdf").read_bytes()
    return data[: len(data) * 45 // 100]


def locked_pdf() -> bytes:
    """A PDF locked with a user password, RC4 128-bit (revision 3: what 福昕/WPS write when "打开文档需要密码" is set)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /O <" + b"a7" * 32 + b"> /U <" + b"3c" * 32 + b"> /P -3904 >>",
        b"<< /Length 16 >>\nstream\n" + bytes(range(16)) + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<9f8e7d6c5b4a39281706f5e4d3c2b1a0> "
            b"<9f8e7d6c5b4a39281706f5e4d3c2b1a0>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return bytes(out)


ZIP_TITLES = ("关于2031年度厦门市本级土地储备计划的公示", "2031年度土地储备计划地块清单")


def gbk_zip() -> bytes:
    """附件材料.zip as Windows' "发送到 压缩文件夹" writes it: member names in GBK, no UTF-8 flag."""
    return zip_bytes({
        "土地储备计划公示.html": page(ZIP_TITLES[0], ["根据《土地储备管理办法》，现将2031年度厦门市本级土地储备计划予以公示，公示期为10个工作日。"],
                                  "2031年3月20日"),
        "附件1：地块清单.html": page(ZIP_TITLES[1], ["序号1，湖里区五缘湾片区，面积3.2公顷；序号2，集美区杏林湾片区，面积5.6公顷。"],
                                 "2031年3月20日", charset="gbk"),
    }, gbk_names=True)


WIDTH_TITLES = ("2031年第1批次乡镇建设用地用地公示（半角名）", "2031年第1批次乡镇建设用地用地公示（全角名）")
NFD_TITLES = ("中山路片区(Zhōngshān Lù)房屋征收补偿方案", "中山路片区(Zhōngshān Lù)房屋征收补偿方案（更正）")
PAREN_PAGE = page("关于更正2031年第2批次征收土地公告的公告", ["我局于2031年3月2日发布的公告中，地块面积有误，现予更正。"], "2031年3月5日")
BIG_BODY_LINES = 60_000


def big_record() -> dict:
    """A 公示 whose body is a 60,000-row list of households (about 5 MB on one line: a 征收 list exported whole)."""
    rows = "；".join(f"第{i}户，思明区中山路{i % 300 + 1}号，被征收人陈某{i}，面积{50 + i % 90}.{i % 10}平方米" for i in range(BIG_BODY_LINES))
    return {**land_record(21), "title": "中山路片区房屋征收补偿安置对象名单公示", "body": rows}


def hostile_folder() -> dict[str, bytes]:
    """name -> bytes: what lands in inbox/厦门市自然资源和规划局/ on a bad day (the symlink is made by the test)."""
    nfc = unicodedata.normalize("NFC", "Zhōngshān路征收方案.html")
    nfd = unicodedata.normalize("NFD", "Zhōngshān路征收方案.html")
    assert nfc != nfd
    return {
        "空文件.pdf": b"",
        "征收补偿方案（征求意见稿）.pdf": truncated_pdf(),
        "年度报告.pdf": locked_pdf(),
        "批复.docx": (LEGACY / "guofa-2018-38.doc").read_bytes(),
        "挂牌出让公告.doc": (HERE / "挂牌出让公告.doc").read_bytes(),
        "附件材料.zip": gbk_zip(),
        "2031年第1批用地公示.html": page(WIDTH_TITLES[0], ["现将2031年第1批次乡镇建设用地报批情况公示如下。"], "2031年3月9日"),
        "２０３１年第１批用地公示.html": page(WIDTH_TITLES[1], ["现将2031年第1批次乡镇建设用地报批情况公示如下（另一份）。"], "2031年3月9日"),
        "（更正）公告.html": PAREN_PAGE,
        "(更正)公告.html": PAREN_PAGE,
        nfc: page(NFD_TITLES[0], ["现将中山路片区房屋征收补偿方案公布如下。"], "2031年3月11日"),
        nfd: page(NFD_TITLES[1], ["现将中山路片区房屋征收补偿方案（更正）公布如下。"], "2031年3月12日"),
        "导出.jsonl": ("\ufeff" + "\r\n".join(jsonl_line(land_record(n)) for n in (1, 2, 3)) + "\r\n").encode("utf-8"),
        "大批导出.jsonl": ("\n".join(jsonl_line(r) for r in (land_record(4), big_record(), land_record(5))) + "\n").encode("utf-8"),
        "坏行.jsonl": (jsonl_line(land_record(6)).encode() + b"\n"
                      + jsonl_line(land_record(7)).encode().replace("征收土地".encode(), b"\xff\xfe\xc0\xaf", 1) + b"\n"
                      + jsonl_line(land_record(8)).encode() + b"\n"),
    }


#: the records the hostile folder must store (the truncated PDF may be read to its cut, or refused: one or none)
STORED_TITLES = (
    "国务院关于支持自由贸易试验区深化改革创新若干措施的通知",  # 批复.docx (a Word 97 file)
    "厦门市自然资源和规划局关于集美区后溪镇2031-03号地块国有建设用地使用权挂牌出让的公告",  # 挂牌出让公告.doc (a web page)
    *ZIP_TITLES, *WIDTH_TITLES, PAREN_PAGE.decode().split("<title>")[1].split("</title>")[0], *NFD_TITLES,
    *(land_record(n)["title"] for n in (1, 2, 3, 4, 5, 6, 8)), big_record()["title"],
)
#: name -> the reason code of its quarantine entry
QUARANTINED = {"空文件.pdf": "empty_file", "年度报告.pdf": "encrypted_file", "坏行.jsonl#2": "not_text"}
