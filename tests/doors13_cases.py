"""Held-out deliveries of doors13 (session 21), written with their expectations before the product was run on them: what
agencies really send that earlier rounds did not (a Windows folder zipped with its catalogue, a zip inside the zip, a
zip of GBK-named files in a subfolder, a Word 97 file saved as `.docx`, a PDF whose xref offsets are wrong, an upload cut
off, a WPS CSV with a BOM, a merged title row and merged-cell blanks, a page Chrome saved as `.mhtml`, a 0-byte upload,
names with a newline or `..` inside). Round 1 goes through tests/hostile_cases.py's runners (`gongkai ingest`, the
drop folder, the push over a socket); round 2's closer checks are in tests/test_doors_heldout13.py."""

from __future__ import annotations

import json
import quopri
from pathlib import Path

from tests.doors12_cases import CZ_PAGES, CZ_TITLES
from tests.hostile_cases import CORPUS, Case
from tests.support import zip_bytes

HERE = Path(__file__).parent / "fixtures" / "heldout21" / "doors13"
FILES = CORPUS / "pdf_docx" / "govcn_as_files"
HTML = CORPUS / "govcn_state_council_policies" / "html"
LEGACY = Path(__file__).parent / "fixtures" / "legacy"
WORD97_TITLE = "国务院关于支持自由贸易试验区深化改革创新若干措施的通知"

#: a zip of several files pushed: 422, kept, "push them one by one" (the push's rule since doors7)
PUSH_ONE_BY_ONE = (0, ("push them one by one",), 0)
#: a pushed FILE of several records: 422, kept, "push them as a record batch" (the push's rule since doors9)
PUSH_MANY = (0, ("push them as",), 0)


def zip_at_ingest(stored: int) -> tuple[int, tuple[str, ...], int]:
    """(My slip in the first run: tests/hostile_cases.run_ingest names each input by its ref's last part, and a zip's items
    are named by their members, ZIP/MEMBER, so the zip itself is counted "left" though every member was read.)"""
    return (stored, (), 1)


def jsonl(entries: list[dict]) -> bytes:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode()


def cz_catalogue_lines() -> list[dict]:
    """The 财政局's three pages' catalogue lines (a CMS's attachment export: its own 序号 and 栏目 beside the fields)."""
    return [
        {"序号": n, "file": name, "title": title, "publish_date": f"{name[1:5]}-{name[5:7]}-{name[7:9]}",
         "source_url": f"http://cz.xm.gov.cn/zwgk/tzgg/203103/{name[:-5]}.htm", "栏目": "通知公告"}
        for n, (name, title) in enumerate(zip(CZ_PAGES, CZ_TITLES), start=1)
    ]


def zipped_folder_with_catalogue() -> bytes:
    """A clerk's Windows folder `2031年3月公开信息` zipped by Explorer (names in UTF-8 here): the catalogue and the pages
    inside the folder, and Thumbs.db beside them."""
    folder = "2031年3月公开信息/"
    members = {folder + "index.jsonl": jsonl(cz_catalogue_lines())}
    members |= {folder + name: data for name, data in CZ_PAGES.items()}
    members[folder + "Thumbs.db"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return zip_bytes(members)


def nested_zip() -> bytes:
    """A month's delivery zipped whole, the attachments zipped first inside it (附件.zip: a PDF and a DOCX) beside a page."""
    inner = zip_bytes({"govcn-5339579.pdf": (FILES / "govcn-5339579.pdf").read_bytes(),
                       "govcn-5344146.docx": (FILES / "govcn-5344146.docx").read_bytes()})
    return zip_bytes({"govcn-5342665.html": (HTML / "govcn-5342665.html").read_bytes(), "附件.zip": inner})


GBK_TEXTS = {
    "通知/关于做好2031年春节期间安全生产工作的通知.txt": "关于做好2031年春节期间安全生产工作的通知\r\n\r\n各区应急管理局，市直有关单位：\r\n"
    "　　春节将至，为切实做好节日期间安全生产工作，现就有关事项通知如下。\r\n\r\n厦门市应急管理局\r\n2031年1月20日\r\n",
    "通知/厦门市应急管理局关于开展2031年防汛防台风演练的通知.txt": "厦门市应急管理局关于开展2031年防汛防台风演练的通知\r\n\r\n"
    "各区防汛办：\r\n　　为提高防汛防台风应急处置能力，定于2031年5月开展全市演练。\r\n\r\n厦门市应急管理局\r\n2031年4月2日\r\n",
}
GBK_TITLES = tuple(name.rpartition("/")[2][:-4] for name in GBK_TEXTS)


def gbk_named_zip() -> bytes:
    """Two GBK text notices in a subfolder, zipped on a Chinese Windows: names in GBK, the UTF-8 flag unset."""
    return zip_bytes({name: text.encode("gbk") for name, text in GBK_TEXTS.items()}, gbk_names=True)


def broken_xref_pdf() -> bytes:
    """A gov.cn PDF whose startxref points at the wrong byte (a tool appended to it and did not fix the offset)."""
    data = (FILES / "govcn-5343366.pdf").read_bytes()
    head, _, tail = data.rpartition(b"startxref\n")
    return head + b"startxref\n" + b"123456" + tail[tail.index(b"\n"):]


def cut_docx() -> bytes:
    """A DOCX whose upload stopped at 60% (its zip directory, at the end, never arrived)."""
    data = (FILES / "govcn-5345291.docx").read_bytes()
    return data[: len(data) * 6 // 10]


WPS_CSV_TITLES = (
    "厦门市财政局关于下达2031年市级预算指标的通知",
    "厦门市财政局关于做好2031年政府采购预算编制工作的通知",
    "厦门市财政局关于开展2031年财政专项资金绩效评价的通知",
    "厦门市财政局关于印发《厦门市市级财政专项资金管理办法》的通知",
)


def wps_csv() -> bytes:
    """WPS 表格 "另存为 CSV (UTF-8)": a BOM, CRLF, the sheet's title row merged across the columns (its other cells empty),
    then the header; 发布机构 and 主题分类 merged down the four rows (blank below the first)."""
    rows = [
        "厦门市财政局2031年第一季度政府信息公开目录,,,,,",
        "序号,信息名称,文号,发布机构,发布日期,主题分类",
        f"1,{WPS_CSV_TITLES[0]},厦财预〔2031〕3号,厦门市财政局,2031-01-10,财政",
        f"2,{WPS_CSV_TITLES[1]},厦财采〔2031〕5号,,2031-01-18,",
        f"3,{WPS_CSV_TITLES[2]},厦财绩〔2031〕2号,,2031-02-07,",
        f"4,{WPS_CSV_TITLES[3]},厦财预〔2031〕11号,,2031-03-02,",
    ]
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8")


MHTML_TITLE = "厦门市人民政府办公厅关于印发厦门市2031年为民办实事项目的通知"


def chrome_mhtml() -> bytes:
    """A page saved by Chrome as "网页，单个文件" (.mhtml): Blink's header, a multipart/related body, the page in
    quoted-printable UTF-8, its style sheet as another part."""
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + MHTML_TITLE + "_厦门市人民政府</title>"
        '<link rel="stylesheet" href="https://www.xm.gov.cn/images/common.css"></head><body>'
        '<div class="xxgk_table"><table><tr><td>索引号：</td><td>XM00100-0200-2031-00021</td><td>发布机构：</td>'
        "<td>厦门市人民政府办公厅</td></tr><tr><td>文号：</td><td>厦府办〔2031〕12号</td><td>发布日期：</td><td>2031-02-20</td></tr>"
        '</table></div><h1 class="title">' + MHTML_TITLE + '</h1><div class="TRS_Editor">'
        "<p>各区人民政府，市直各委、办、局，各开发区管委会：</p><p>经市政府同意，现将《厦门市2031年为民办实事项目》印发给你们，"
        "请认真组织实施。</p><p>厦门市人民政府办公厅</p><p>2031年2月18日</p></div></body></html>"
    ).encode()
    boundary = "----MultipartBoundary--Xq2kT4wG9pLr8vNz3HcJ5bYd6FsA1mUe----"
    # (my slip in the first run: quopri's soft line breaks inside the Subject broke the headers, so no MIME part was found;
    # Blink folds its Subject as encoded words on continuation lines, as here)
    quoted = ["".join(f"={byte:02X}" for byte in char.encode()) for char in MHTML_TITLE]
    subject = "\r\n ".join("=?utf-8?Q?" + "".join(quoted[i:i + 10]) + "?=" for i in range(0, len(quoted), 10))
    parts = [
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://www.xm.gov.cn/zwgk/flfg/sfbwj/203102/t20310220_2651234.htm\r\n"
        f"Subject: {subject}\r\nDate: Thu, 20 Feb 2031 09:31:07 +0800\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n',
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-6C1A4E2B9F@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.xm.gov.cn/zwgk/flfg/sfbwj/203102/t20310220_2651234.htm\r\n\r\n"
        + quopri.encodestring(page).decode().replace("\n", "\r\n") + "\r\n",
        f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.xm.gov.cn/images/common.css\r\n\r\n.title{font-size:22px;text-align:center}\r\n",
        f"--{boundary}--\r\n",
    ]
    return "".join(parts).encode("ascii")


ROUND1: list[Case] = [
    Case(
        "a Windows folder zipped with its catalogue inside it",
        lambda: {"2031年3月公开信息.zip": zipped_folder_with_catalogue()},
        3,
        kind="documents",
        titles=CZ_TITLES,
        differs={"push": PUSH_ONE_BY_ONE, "ingest": zip_at_ingest(3)},
    ),
    Case(
        "a zip holding a zip of attachments beside a page",
        lambda: {"财政局3月报送.zip": nested_zip()},
        3,
        kind="documents",
        differs={"push": PUSH_ONE_BY_ONE, "ingest": zip_at_ingest(3)},
    ),
    Case(
        "GBK-named text notices in a subfolder of a zip, the UTF-8 flag unset",
        lambda: {"应急局通知.zip": gbk_named_zip()},
        2,
        kind="documents",
        titles=GBK_TITLES,
        differs={"push": PUSH_ONE_BY_ONE, "ingest": zip_at_ingest(2)},
    ),
    Case(
        "a Word 97 .doc saved under a .docx name",
        lambda: {WORD97_TITLE + ".docx": (LEGACY / "guofa-2018-38.doc").read_bytes()},
        1,
        kind="documents",
        titles=(WORD97_TITLE,),
    ),
    Case(
        "a PDF whose startxref points at the wrong byte",
        lambda: {"P020310305_表扬通报.pdf": broken_xref_pdf()},
        1,
        kind="documents",
    ),
    Case(
        "a DOCX cut off at 60% of its upload",
        lambda: {"转发国家地震局意见的通知.docx": cut_docx()},
        0,
        ("corrupt",),
        kind="documents",
    ),
    Case(
        "a WPS CSV: BOM, a merged title row, merged-cell blanks",
        lambda: {"2031年一季度公开目录.csv": wps_csv()},
        4,
        kind="documents",
        titles=WPS_CSV_TITLES,
        differs={"push": PUSH_MANY},
    ),
    Case(
        "a page Chrome saved as .mhtml",
        lambda: {"为民办实事项目.mhtml": chrome_mhtml()},
        1,
        kind="documents",
        titles=(MHTML_TITLE,),
    ),
    Case(
        "a 0-byte upload beside a good page",
        lambda: {"关于2031年部门预算公开的说明.pdf": b"", "govcn-5342665.html": (HTML / "govcn-5342665.html").read_bytes()},
        1,
        ("empty",),
        kind="documents",
    ),
    Case(
        "a name with a newline and a name with .. inside it",
        lambda: {"关于停水的\n通知.html": (HTML / "govcn-5338761.html").read_bytes(),
                 "关于2031年..预算的通知.html": (HTML / "govcn-5339579.html").read_bytes()},
        2,
        kind="documents",
        only=("ingest", "inbox"),
    ),
]
