"""Held-out hostile deliveries of doors7 (session 16), written with their expectations before they were run: what Excel,
old mainframes, Word "save as web page", IE's single-file pages and Windows zips hand over, and XML that reaches outside
(parameter entities, XInclude), sent through the drop folder, the push (a real socket) and `gongkai ingest` by
tests/hostile_cases.py's runners, each checked by its conservation law (stored + quarantined + refused + left = items).
Records modelled on Xiamen's 卫生健康委员会 and 市场监督管理局 disclosure catalogues, none from the repo's fixtures nor
doors5's or doors6's. The deliveries that need the machine itself (a disk that fills, permissions, signals, a file
still growing, a push retried) are in tests/test_doors7_deliveries.py."""

from __future__ import annotations

import json
import zipfile

from tests.doors5_cases import line, lines
from tests.hostile_cases import FILES, Case
from tests.support import zip_bytes

_TITLES = ("厦门市卫生健康委员会关于公布2027年度基本公共卫生服务项目绩效评价结果的通知", "厦门市市场监督管理局关于2027年第一批食品安全监督抽检信息的通告",
           "关于做好2027年春季传染病防控工作的通知", "厦门市卫生健康委员会关于医疗机构执业登记事项变更的公告",
           "厦门市市场监督管理局关于开展2027年度计量器具强制检定工作的通知", "关于公开征求《厦门市托育机构管理办法（征求意见稿）》意见的公告",
           "厦门市卫生健康委员会 厦门市医疗保障局关于调整部分医疗服务价格项目的通知", "关于公布2027年度厦门市放心消费示范单位名单的公告")


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {"title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
            "index_number": f"XM00109-0400-2027-{i:05d}", "publish_date": f"2027-{1 + i % 12:02d}-{10 + i % 18}",
            "doc_number": f"厦卫〔2027〕{i + 21}号", "body": "各区卫生健康局，委直属各单位：现将有关事项通知如下，请遵照执行。" * 2, **extra}


def _page(title: str, charset: str = "utf-8", extra: str = "") -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{title}</title></head><body>'
            f"<h1>{title}</h1><p>各区卫生健康局，委直属各单位：</p><p>为做好有关工作，现将事项通知如下。一、时间：2027年3月1日起。"
            f"二、请各单位认真组织实施。</p>{extra}<p>厦门市卫生健康委员会</p><p>2027年2月20日</p></body></html>")


T_DOC = "厦门市卫生健康委员会关于印发2027年卫生健康工作要点的通知"
T_XLS = "厦门市市场监督管理局2027年第一批食品安全监督抽检结果公示"
T_MHT = "厦门市卫生健康委员会关于2027年度护士执业注册工作的通知"
T_U16 = "厦门市市场监督管理局关于规范电动自行车销售行为的公告"
T_CR = "厦门市卫生健康委员会关于开展爱国卫生月活动的通知"
T_XI = "厦门市卫生健康委员会关于公布医疗机构校验结果的公告"
T_GBKZIP = ("厦门市市场监督管理局关于2027年食品生产许可审查的通知", "厦门市市场监督管理局关于特种设备安全检查的通告")


def _excel_tsv() -> bytes:
    """Excel's "Unicode 文本 (*.txt)": UTF-16LE with a BOM, tabs, CRLF; a cell holding a newline is quoted."""
    rows = ["信息名称\t索引号\t发布日期\t备注"] + [f'{rec(i)["title"]}\t{rec(i)["index_number"]}\t{rec(i)["publish_date"]}\t"第一行\n第二行"' for i in range(10, 13)]
    return "\r\n".join(rows).encode("utf-16")  # (utf-16: BOM first, little-endian here)


def _formula_csv() -> bytes:
    """A GBK CSV of Excel with =HYPERLINK cells and a DDE-looking cell (a copied formula), a quoted newline, no BOM."""
    rows = ["信息名称,索引号,链接,发布日期"]
    for i in range(14, 17):
        rows.append(f'"{rec(i)["title"]}",{rec(i)["index_number"]},"=HYPERLINK(""http://wjw.xm.gov.cn/{i}.htm"",""查看原文"")",{rec(i)["publish_date"]}')
    rows.append('"=cmd|\' /C calc\'!A0","XM-DDE","备注：第一行\r\n第二行",2027-03-01')
    return ("\r\n".join(rows) + "\r\n").encode("gbk")


def _tsv_bom() -> bytes:
    rows = ["信息名称\t索引号\t发布日期"] + [f'{rec(i)["title"]}\t{rec(i)["index_number"]}\t{rec(i)["publish_date"]}' for i in range(17, 19)]
    return b"\xef\xbb\xbf" + "\r\n".join(rows).encode()


def _word_html_doc() -> bytes:
    """Word's "另存为网页" renamed .doc (what many 政府网站 attach as 附件.doc): HTML with Word's namespaces, GBK."""
    return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head>'
            '<meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=ProgId content=Word.Document>'
            f"<title>{T_DOC}</title><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->"
            f"</head><body lang=ZH-CN><div class=Section1><p class=MsoNormal align=center><b>{T_DOC}</b></p>"
            "<p class=MsoNormal>各区卫生健康局，委直属各单位：</p><p class=MsoNormal>现将《2027年卫生健康工作要点》印发给你们，请结合实际认真贯彻落实。</p>"
            "<p class=MsoNormal>厦门市卫生健康委员会</p><p class=MsoNormal>2027年1月15日</p></div></body></html>").encode("gbk")


def _html_xls() -> bytes:
    """A system's "导出Excel": an HTML table named .xls (Excel opens it with a warning)."""
    cells = "".join(f"<tr><td>{n}</td><td>厦门某食品有限公司{n}</td><td>合格</td></tr>" for n in range(1, 6))
    return ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><title>' + T_XLS + "</title></head><body>"
            f"<table><tr><th colspan=3>{T_XLS}</th></tr><tr><th>序号</th><th>企业名称</th><th>结论</th></tr>{cells}</table></body></html>").encode()


def _mht() -> bytes:
    """IE's "网页，单个文件 (*.mht)": MIME, its HTML part quoted-printable in GB2312."""
    import quopri

    html = quopri.encodestring(_page(T_MHT, "gb2312").encode("gbk")).decode("ascii")
    return ("From: <由 Windows Internet Explorer 保存>\r\nSubject: =?gb2312?B?zajWqg==?=\r\nDate: Mon, 1 Mar 2027 09:00:00 +0800\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----=_NextPart_000_0000_01DB1234.ABCDEF00"\r\n\r\n'
            "This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000_01DB1234.ABCDEF00\r\n"
            'Content-Type: text/html;\r\n\tcharset="gb2312"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            "Content-Location: http://wjw.xm.gov.cn/xxgk/tzgg/202703/t20270301_1.htm\r\n\r\n" + html.replace("\n", "\r\n")
            + "\r\n\r\n------=_NextPart_000_0000_01DB1234.ABCDEF00--\r\n").encode("gbk")


def _xinclude() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><records xmlns:xi="http://www.w3.org/2001/XInclude"><record>'
            f"<title>{T_XI}</title><index_number>XM00109-0400-2027-09001</index_number><body>各医疗机构："
            '<xi:include href="file:///etc/passwd" parse="text"/></body></record></records>').encode()


_PARAM_ENTITY = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE records [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/gkml.dtd"> %remote;]>\n'
                 b"<records><record><title>parameter entity</title></record></records>\n")
_LAUGHS_UTF16 = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE records [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                 '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<records><record><title>&c;</title></record></records>\n').encode("utf-16")
_XHTML_XXE = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html [<!ENTITY pw SYSTEM "file:///etc/passwd">]>\n'
              '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>厦门市市场监督管理局关于网络交易监督检查的通告</title></head><body>'
              "<h1>厦门市市场监督管理局关于网络交易监督检查的通告</h1><p>各网络交易平台经营者：&pw;</p><p>现将有关事项通告如下。</p></body></html>").encode()
_REFRESH = _page("厦门市卫生健康委员会关于发布2027年第一季度传染病疫情的通告",
                 extra='<meta http-equiv="refresh" content="0;url=file:///etc/passwd"><iframe src="file:///etc/passwd"></iframe>'
                       '<img src="file:///etc/shadow"><object data="/etc/passwd"></object>').encode()


def _symlink_zip() -> bytes:
    """A zip made with `zip -y` on Linux: one member a symlink to /etc/passwd (its bytes the target's path)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("目录.jsonl", lines(line(rec(30))))
        link = zipfile.ZipInfo("passwd.jsonl")
        link.create_system = 3
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def _crc_zip() -> bytes:
    """A zip one of whose members was damaged in transit (its bytes flipped: CRC mismatch), the other whole."""
    good = lines(line(rec(31)))
    bad = lines(*(line(rec(i)) for i in range(32, 35)))
    raw = bytearray(zip_bytes({"好.jsonl": good, "坏.jsonl": bad}))
    at = raw.index("坏.jsonl".encode()) + len("坏.jsonl".encode()) + 10  # inside the second member's compressed data
    raw[at] ^= 0xFF
    return bytes(raw)


def _gbk_document_zip() -> bytes:
    members = {f"{title}.html": _page(title).encode() for title in T_GBKZIP}
    members[f"{T_GBKZIP[0]}.html.json"] = json.dumps({"doc_number": "厦市监〔2027〕5号"}, ensure_ascii=False).encode()
    return zip_bytes(members, gbk_names=True)


def _nested_document_zip() -> bytes:
    inner = zip_bytes({"附件一.html": _page("厦门市卫生健康委员会关于公布2027年度急救站点名单的公告").encode()})
    return zip_bytes({"通知.html": _page("厦门市卫生健康委员会关于2027年度院前急救体系建设的通知").encode(), "附件.zip": inner})


_FIFTY_MB = 50 * 1024 * 1024


def _fifty_mb_line() -> dict[str, bytes]:
    big = line({**rec(40), "body": "正" * (_FIFTY_MB // 3)})
    return {"大导出.jsonl": lines(line(rec(41)), big, line(rec(42)))}


CASES: list[Case] = [
    # --- JSON Lines
    Case("JSON Lines with one 50 MB line between two records", _fifty_mb_line, 2, ("max_record_bytes",), only=("ingest", "inbox")),
    Case("JSON Lines with NEL (U+0085) line ends, a mainframe's", lambda: {"nel.jsonl": (line(rec(43)) + "\u0085" + line(rec(44)) + "\u0085" + line(rec(45)) + "\u0085").encode()}, 3),
    Case("JSON Lines with NEL line ends in GB18030", lambda: {"nelgb.jsonl": (line(rec(46)) + "\u0085" + line(rec(47)) + "\u0085").encode("gb18030")}, 2,
         titles=(rec(46)["title"],), only=("ingest", "inbox")),
    Case("JSON Lines with NEL inside a title (kept) and LF ends", lambda: {"nelin.jsonl": lines(line(rec(48, title=rec(48)["title"] + "\u0085")), line(rec(49)))}, 2),
    Case("JSON Lines with CR-only line ends (a classic Mac writer)", lambda: {"cr.jsonl": lines(*(line(rec(i)) for i in range(50, 53)), end="\r")}, 3),
    Case("JSON Lines whose title is an Excel formula", lambda: {"formula.jsonl": lines(line(rec(53, title='=HYPERLINK("http://wjw.xm.gov.cn/a.htm","' + _TITLES[1] + '")')),
                                                                                       line(rec(54)))}, 2),
    # --- Excel exports of the catalogue (text documents, as doors5 left them)
    # (doors11: an Excel CSV or TSV export is its rows' records, no longer one text document, the formula row a record of its
    # text (nothing here evaluates it); pushed as a file of several records it is refused 422 and kept, the push's rule)
    Case("Excel Unicode text (UTF-16LE TSV) named .txt", lambda: {"目录.txt": _excel_tsv()}, 3, kind="documents", only=("ingest", "inbox", "push"),
         differs={"push": (0, ("push them as",), 0)}),
    Case("Excel GBK CSV with =HYPERLINK and DDE cells", lambda: {"目录.csv": _formula_csv()}, 4, kind="documents", only=("ingest", "inbox", "push"),
         differs={"push": (0, ("push them as",), 0)}),
    Case("a TSV with a BOM named .tsv", lambda: {"目录.tsv": _tsv_bom()}, 2, kind="documents", only=("ingest", "inbox", "push"),
         differs={"push": (0, ("push them as",), 0)}),
    # --- XML reaching outside
    Case("XML records with an external parameter entity", lambda: {"pe.xml": _PARAM_ENTITY}, 0, ("DTD",), only=("ingest", "inbox", "push")),
    Case("billion laughs in UTF-16 XML records", lambda: {"laughs16.xml": _LAUGHS_UTF16}, 0, ("DTD",), only=("ingest", "inbox", "push")),
    Case("XML records with an XInclude of /etc/passwd", lambda: {"xi.xml": _xinclude()}, 1, titles=(T_XI,), only=("ingest", "inbox", "push")),
    # (the push read any XML declaring entities as records, refused 422, until doors8: a page named as one is that page at
    # every door, its entity never expanded)
    Case("an XHTML page with an external entity", lambda: {"通告.xhtml": _XHTML_XXE}, 1, kind="documents", only=("ingest", "inbox", "push")),
    Case("a page with refresh/iframe/img to file:///etc", lambda: {"疫情.html": _REFRESH}, 1, kind="documents", only=("ingest", "inbox", "push")),
    # --- Office exports that are not what their names say
    Case("Word's web page saved as .doc (GB2312 HTML)", lambda: {"工作要点.doc": _word_html_doc()}, 1, kind="documents", titles=(T_DOC,), only=("ingest", "inbox", "push")),
    Case("an HTML table named .xls", lambda: {"抽检结果.xls": _html_xls()}, 1, kind="documents", titles=(T_XLS,), only=("ingest", "inbox", "push")),
    Case("IE's single-file page (.mht, quoted-printable GB2312)", lambda: {"护士注册.mht": _mht()}, 1, kind="documents", titles=(T_MHT,), only=("ingest", "inbox", "push")),
    Case("a single-file page (MHT) named .doc, as sites attach them", lambda: {"护士注册通知.doc": _mht()}, 1, kind="documents", titles=(T_MHT,),
         only=("ingest", "inbox", "push")),
    Case("a page in UTF-16LE with a BOM", lambda: {"电动自行车.html": b"\xff\xfe" + _page(T_U16, "unicode").encode("utf-16-le")}, 1, kind="documents", titles=(T_U16,),
         only=("ingest", "inbox", "push")),
    Case("a text notice with CR-only line ends", lambda: {"爱卫月.txt": f"{T_CR}\r各区爱卫办：\r现将2027年爱国卫生月活动安排通知如下。\r厦门市卫生健康委员会\r2027年3月1日\r".encode()}, 1,
         kind="documents", titles=(T_CR,), only=("ingest", "inbox", "push")),
    Case("a PDF named .html", lambda: {"公告.html": (FILES / "govcn-5343366.pdf").read_bytes()}, 1, kind="documents", only=("ingest", "inbox", "push")),
    Case("a DOCX named .doc", lambda: {"通知.doc": (FILES / "govcn-5342665.docx").read_bytes()}, 1, kind="documents", only=("ingest", "inbox", "push")),
    # --- zips
    Case("a zip of documents with GBK names, no UTF-8 flag, a sidecar inside", lambda: {"三月材料.zip": _gbk_document_zip()}, 2, kind="documents", titles=T_GBKZIP,
         only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
    Case("a zip of record files with GBK folder names and backslashes", lambda: {"导出.zip": zip_bytes({"2027年\\三月\\目录.jsonl": lines(line(rec(55))),
                                                                                                      "2027年/四月/目录.jsonl": lines(line(rec(56)))}, gbk_names=True)}, 2,
         only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
    # the inner zip's documents are read one level down (lead, session 21: it was quarantined as a zip, its page unread)
    Case("a zip holding a zip of documents", lambda: {"急救.zip": _nested_document_zip()}, 2, kind="documents", only=("ingest", "inbox"),
         titles=("厦门市卫生健康委员会关于公布2027年度急救站点名单的公告",), differs={"ingest": (2, (), 1)}),
    Case("a zip three deep of record files", lambda: {"层层.zip": zip_bytes({"二.zip": zip_bytes({"三.zip": zip_bytes({"a.jsonl": lines(line(rec(57)))})})})}, 0, ("zip",),
         only=("ingest", "inbox")),
    Case("a zip with a symlink member to /etc/passwd", lambda: {"链接.zip": _symlink_zip()}, 1, ("",), only=("ingest", "inbox"), differs={"ingest": (1, ("",), 1)}),
    Case("a zip one member of which fails its CRC", lambda: {"损坏.zip": _crc_zip()}, 1, ("corrupt",), only=("ingest", "inbox"), differs={"ingest": (1, ("corrupt",), 1)}),
    Case("a zip member with an absolute path", lambda: {"绝对.zip": zip_bytes({"/tmp/目录.jsonl": lines(line(rec(58))), "C:\\导出\\目录2.jsonl": lines(line(rec(59)))})}, 2,
         only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
]
