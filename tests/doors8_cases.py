"""Held-out hostile deliveries of doors8 (session 17), written with their expectations before they were run: what a
交通运输局's PCs, its CMS, curl scripts and Windows tools really hand over (DOS end-of-file marks, records glued by a
`cat` or by `curl -d`, BOMs and CRLF, undeclared GBK pages, XHTML pages with their entities, truncated PDF/DOCX, a zip
named .docx and a DOCX named .zip, PDFs with bytes before their header, zero-byte files of every kind, the same file
twice), sent through the drop folder, the push (a real socket), `gongkai ingest` and polling by tests/hostile_cases.py's
runners, each checked by its conservation law (stored + quarantined + refused + left = items). Records modelled on
Xiamen's 交通运输局 and 生态环境局 disclosure catalogues, none from the repo's fixtures nor doors5/6/7's. What needs the
machine itself (a SIGKILL mid-file, a file renamed under a run, GBK-byte names, push headers) is in
tests/test_doors_heldout8.py."""

from __future__ import annotations

import json

from tests.hostile_cases import FILES, Case
from tests.support import zip_bytes

_TITLES = (
    "厦门市交通运输局关于2028年度道路运输企业质量信誉考核结果的公示",
    "厦门市生态环境局关于2028年第一季度重点排污单位监督性监测结果的公告",
    "关于调整厦门市网络预约出租汽车经营服务管理有关事项的通知",
    "厦门市交通运输局关于公布2028年度驾驶员培训机构名单的公告",
    "厦门市生态环境局关于开展2028年度建设项目环境影响评价文件抽查的通知",
    "关于征求《厦门市公共汽车客运条例（修订草案）》意见的公告",
    "厦门市交通运输局 厦门市公安局关于春运期间道路运输安全管理的通告",
    "厦门市生态环境局关于2028年“六五环境日”活动安排的通知",
)


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {
        "title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
        "index_number": f"XM00112-0500-2028-{i:05d}",
        "publish_date": f"2028-{1 + i % 12:02d}-{11 + i % 17}",
        "doc_number": f"厦交运〔2028〕{i + 7}号",
        "body": "各区交通运输局，各有关单位：现将有关事项通知如下，请认真贯彻执行。" * 2,
        **extra,
    }


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def crlf(*rows: str, encoding: str = "utf-8", last_end: bool = True) -> bytes:
    return ("\r\n".join(rows) + ("\r\n" if last_end else "")).encode(encoding)


def _page(title: str, charset: str = "utf-8", head: str = "", body_extra: str = "") -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{title}</title>{head}</head><body>'
        f"<h1>{title}</h1><p>各区交通运输局，各有关单位：</p><p>现将有关事项通知如下。一、自2028年3月1日起施行。二、请各单位认真组织落实。</p>"
        f"{body_extra}<p>厦门市交通运输局</p><p>2028年2月20日</p></body></html>"
    )


T_XHTML = "厦门市交通运输局关于2028年度出租汽车运价调整听证会的公告"
T_XHTML_DECL = "厦门市生态环境局关于公布2028年度环境信用评价结果的公告"
T_LIE = "厦门市交通运输局关于开展2028年度公路养护作业安全检查的通知"
T_GB2312_EXT = "厦门市生态环境局关于朱镕基路段噪声监测点位调整的通知"  # 镕 is in GBK, not in GB2312
T_BIGLINE = "厦门市交通运输局2028年城市公共交通线网优化方案"
T_SAME = "厦门市交通运输局关于2028年清明节期间交通组织的通告"


def _xhtml_transitional() -> bytes:
    """What a CMS exports as XHTML 1.0 Transitional: an XML declaration, the public DOCTYPE, and HTML's named entities
    (&nbsp; &ldquo; &mdash;), which XML itself does not declare."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>{T_XHTML}</title></head><body>'
        f"<h1>{T_XHTML}</h1><p>各有关单位：&nbsp;&nbsp;根据&ldquo;价格法&rdquo;有关规定&mdash;&mdash;现将听证会事项公告如下。</p>"
        "<p>一、时间：2028年4月10日。</p><p>厦门市交通运输局</p><p>2028年3月20日</p></body></html>"
    ).encode()


def _xhtml_declared_entity() -> bytes:
    """An XHTML page whose internal subset declares a harmless entity for the agency's name (a template's habit)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html [<!ENTITY org "厦门市生态环境局">]>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{T_XHTML_DECL}</title></head><body>'
        f"<h1>{T_XHTML_DECL}</h1><p>各有关企业：</p><p>&org;组织开展了2028年度企业环境信用评价，现将结果公告如下。</p>"
        "<p>&org;</p><p>2028年5月6日</p></body></html>"
    ).encode()


def _docx() -> bytes:
    return (FILES / "govcn-5344146.docx").read_bytes()


def _pdf() -> bytes:
    return (FILES / "govcn-5345293.pdf").read_bytes()


def _zip_named_docx() -> bytes:
    """A clerk zipped the day's export and typed the name of the Word file beside it."""
    return zip_bytes({"目录.jsonl": crlf(*(line(rec(i)) for i in range(60, 63)))})


def _docx_with_its_zip_cut() -> bytes:
    data = _docx()
    return data[: len(data) * 2 // 3]


def _big_line_text() -> bytes:
    """A plain-text notice exported with no line breaks at all: one 1.5 MB line (its table as spaces). (3 MB before doors11,
    which made it 1.08 million characters, still over the readers' 1 MiB chunk, to cut the test file's time: 9 s over
    three doors.)"""
    head = f"{T_BIGLINE} 各有关单位： 现将2028年城市公共交通线网优化方案公布如下。"
    return (head + ("第1路 起点站 终点站 调整 " + " " * 30) * 24_000 + " 厦门市交通运输局 2028年6月1日").encode()


def _curl_d_glued() -> bytes:
    """`curl -d @records.jsonl` strips the line ends: the records glued into one line, `}{` between them."""
    return "".join(line(rec(i)) for i in range(70, 74)).encode()


def _pdf_after_junk() -> bytes:
    """A PDF saved by a download servlet that wrote a BOM and a blank line before %PDF (a JSP's leading whitespace)."""
    return b"\xef\xbb\xbf\r\n" + _pdf()


_HTML_LIE = _page(T_LIE, "utf-8").encode("gbk")  # says UTF-8, written in GBK by a CMS configured wrongly
_GB2312_EXT = _page(T_GB2312_EXT, "gb2312").encode("gbk")  # says GB2312, holds a GBK-only character


CASES: list[Case] = [
    # --- record files as Windows tools write them
    Case(
        "JSON Lines, UTF-8 BOM, CRLF, no line end after the last",
        lambda: {"目录.jsonl": b"\xef\xbb\xbf" + crlf(*(line(rec(i)) for i in range(1, 5)), last_end=False)},
        4,
    ),
    Case(
        "JSON Lines ending in a DOS end-of-file mark (Ctrl-Z)",
        lambda: {"导出.jsonl": crlf(*(line(rec(i)) for i in range(5, 8))) + b"\x1a"},
        3,
    ),
    Case(
        "GB18030 JSON array, no declaration, CRLF, a four-byte character",
        lambda: {
            "目录.json": (
                "[\r\n"
                + ",\r\n".join(line(rec(i, title=rec(i)["title"] + ("（𠮷）" if i == 8 else ""))) for i in range(8, 11))
                + "\r\n]\r\n"
            ).encode("gb18030")
        },
        3,
        titles=(rec(8)["title"] + "（𠮷）",),
        # (pushed as a file it is a file of several records: 422 "push them as the body" by the push's rule, which the
        # runner counts as neither refused nor quarantined; its body push is the JSON array case of test_doors_heldout8)
        only=("ingest", "inbox"),
    ),
    Case(
        "JSON Lines with one record cut mid-string among good ones",
        lambda: {"半条.jsonl": crlf(line(rec(11)), line(rec(12))[:57], line(rec(13)), line(rec(14)))},
        3,
        ("JSON",),
    ),
    Case(
        "JSON Lines with a proxy's HTML error page pasted as a line",
        lambda: {
            "代理.jsonl": crlf(line(rec(15)), "<html><body><h1>502 Bad Gateway</h1></body></html>", line(rec(16)))
        },
        2,
        ("JSON",),
    ),
    Case(
        "two exports joined by cat, the first without a last line end",
        lambda: {"合并.jsonl": (line(rec(17)) + "\n" + line(rec(18))).encode() + b"\xef\xbb\xbf" + crlf(line(rec(19)))},
        3,
    ),
    Case(
        "records glued into one line by curl -d (}{ between them)",
        lambda: {"粘连.jsonl": _curl_d_glued()},
        4,
        only=("ingest", "inbox"),
    ),
    Case(
        "JSON Lines with a 20 MB line of base64 between two records",
        lambda: {"附件.jsonl": crlf(line(rec(20)), "QUJD" * (5 * 1024 * 1024), line(rec(21)))},
        2,
        ("max_record_bytes",),
        only=("ingest", "inbox"),
    ),
    Case(
        "the same record file twice under two names",
        lambda: {
            "目录.jsonl": crlf(line(rec(22)), line(rec(23))),
            "目录 (1).jsonl": crlf(line(rec(22)), line(rec(23))),
        },
        2,
        only=("ingest", "inbox"),
    ),
    Case(
        "zero-byte files of five kinds",
        lambda: {"空导出.json": b"", "空目录.xml": b"", "空.jsonl.gz": b"", "空通知.txt": b"", "空方案.docx": b""},
        0,
        ("empty", "empty", "empty", "empty", "empty"),
        only=("ingest", "inbox"),
        kind="documents",
    ),
    # --- documents
    Case(
        "an XHTML 1.0 Transitional page with &nbsp; &ldquo; &mdash;",
        lambda: {"听证会.html": _xhtml_transitional()},
        1,
        kind="documents",
        titles=(T_XHTML,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "the same XHTML page named .xhtml",
        lambda: {"听证会.xhtml": _xhtml_transitional()},
        1,
        kind="documents",
        titles=(T_XHTML,),
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "an XHTML page declaring an entity for the agency's name",
        lambda: {"信用评价.xhtml": _xhtml_declared_entity()},
        1,
        kind="documents",
        titles=(T_XHTML_DECL,),
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "a page declaring UTF-8, written in GBK",
        lambda: {"养护检查.html": _HTML_LIE},
        1,
        kind="documents",
        titles=(T_LIE,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a page declaring GB2312 holding a GBK-only character",
        lambda: {"噪声.html": _GB2312_EXT},
        1,
        kind="documents",
        titles=(T_GB2312_EXT,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a PDF cut at two thirds",
        lambda: {"公示.pdf": _pdf()[: len(_pdf()) * 2 // 3]},
        0,
        ("corrupt",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a DOCX whose zip is cut at two thirds",
        lambda: {"方案.docx": _docx_with_its_zip_cut()},
        0,
        ("corrupt",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a PDF with a BOM and a blank line before %PDF",
        lambda: {"报告.pdf": _pdf_after_junk()},
        1,
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a zip of a record file named .docx",
        lambda: {"目录.docx": _zip_named_docx()},
        3,
        kind="documents",
        # (read since doors9; `gongkai ingest` names its records 目录.docx/目录.jsonl:N, which the runner counts as the
        # file left in place: tests/test_doors_heldout9.py checks that door)
        only=("inbox",),
    ),
    Case("a DOCX named .zip", lambda: {"通知.zip": _docx()}, 1, kind="documents", only=("ingest", "inbox")),
    Case(
        "a text notice of one 1.5 MB line",
        lambda: {"线网.txt": _big_line_text()},
        1,
        kind="documents",
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "the same page twice under two names",
        lambda: {"清明.html": _page(T_SAME).encode(), "清明(1).html": _page(T_SAME).encode()},
        1,
        kind="documents",
        only=("ingest", "inbox"),
    ),
]


# ------------------------------------------------------------------ round 2 (written after round 1's fixes, before running)

T2_FEED_LIE = "厦门市生态环境局关于2028年度排污许可证核发情况的公告"
T2_BOM_META = "厦门市交通运输局关于2028年度道路客运班线经营许可的公告"
T2_LATE_META = "厦门市生态环境局关于2028年第二季度空气质量状况的通报"
T2_TRAILER = "厦门市交通运输局关于公布2028年度水路运输企业年度核查结果的公告"


def _late_meta_page() -> bytes:
    """A GBK page whose charset meta comes after 2 KB of scripts and styles in the head (a CMS template)."""
    script = "<script>var _hmt = _hmt || [];" + "/* 统计代码 */ " * 200 + "</script>"
    return (
        "<html><head><title>"
        + T2_LATE_META
        + "</title>"
        + script
        + '<meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><h1>'
        + T2_LATE_META
        + "</h1><p>各区生态环境局：</p><p>现将2028年第二季度全市空气质量状况通报如下。</p><p>厦门市生态环境局</p></body></html>"
    ).encode("gbk")


CASES2: list[Case] = [
    Case(
        "two JSON array exports joined by cat ([…][…])",
        lambda: {
            "合并.json": (
                json.dumps([rec(400), rec(401)], ensure_ascii=False) + "\n" + json.dumps([rec(402)], ensure_ascii=False)
            ).encode()
        },
        3,
        only=("ingest", "inbox"),
    ),
    Case(
        "GBK JSON Lines, two records glued, CRLF",
        lambda: {"粘连gbk.jsonl": crlf(line(rec(403)) + line(rec(404)), line(rec(405)), encoding="gbk")},
        3,
        titles=(rec(404)["title"],),
    ),
    Case(
        "JSON Lines glued with a comma between records (a hand-edited export)",
        lambda: {"逗号.jsonl": crlf(line(rec(406)) + "," + line(rec(407)), line(rec(408)))},
        3,  # (doors11: records glued with one comma each are those records; the line was one entry `not valid JSON`)
        only=("ingest", "inbox"),
    ),
    Case(
        "a page with a UTF-8 BOM whose meta says gb2312",
        lambda: {"客运班线.html": b"\xef\xbb\xbf" + _page(T2_BOM_META, "gb2312").encode()},
        1,
        kind="documents",
        titles=(T2_BOM_META,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a GBK page whose charset meta comes after 2 KB of script",
        lambda: {"空气质量.html": _late_meta_page()},
        1,
        kind="documents",
        titles=(T2_LATE_META,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a PDF with an HTML error page appended after %%EOF",
        lambda: {"核查结果.pdf": _pdf() + b"\r\n<html><body>Error 500: java.io.IOException</body></html>\r\n"},
        1,
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a DOCX with bytes appended after its zip (a servlet's trailing newline and log line)",
        lambda: {"年度核查.docx": _docx() + b"\r\n2028-03-01 09:00:00 INFO download ok\r\n"},
        1,
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "an XHTML page with &nbsp; and no DOCTYPE, named .xhtml",
        lambda: {
            "公告.xhtml": (
                '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>'
                + T2_TRAILER
                + "</title></head><body><h1>"
                + T2_TRAILER
                + "</h1><p>各有关企业：&nbsp;现将核查结果公告如下。</p>"
                "<p>厦门市交通运输局</p></body></html>"
            ).encode()
        },
        1,
        kind="documents",
        titles=(T2_TRAILER,),
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "a zero-byte .html beside a good page",
        lambda: {"空白.html": b"", "排污许可.html": _page(T2_FEED_LIE).encode()},
        1,
        ("empty",),
        kind="documents",
        only=("ingest", "inbox"),
    ),
]


# ------------------------------------------------------------------ round 3 (written after round 2's fix, before running)


def _jq_pretty() -> bytes:
    """`jq . export.json > 导出.jsonl`: each record pretty-printed, one after another, no array, no commas."""
    return ("\n".join(json.dumps(rec(i), ensure_ascii=False, indent=2) for i in range(600, 603)) + "\n").encode()


def _gbk_xml_undeclared() -> bytes:
    rows = "".join(
        f"<record><title>{rec(i)['title']}</title><index_number>{rec(i)['index_number']}</index_number></record>"
        for i in (610, 611)
    )
    return f"<records>{rows}</records>\r\n".encode("gbk")


def _ofd() -> bytes:
    """An OFD (GB/T 33190, the state's fixed-layout format, what e-government systems sign and issue): a zip of XML."""
    return zip_bytes(
        {
            "OFD.xml": b'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1"/>',
            "Doc_0/Document.xml": b"<ofd:Document/>",
        }
    )


CASES3: list[Case] = [
    Case(
        "pretty-printed records one after another (jq . without -c)",
        lambda: {"导出.jsonl": _jq_pretty()},
        3,
        only=("ingest", "inbox"),
    ),
    Case(
        "JSON Lines from PowerShell's Out-File (UTF-16LE, BOM, CRLF)",
        lambda: {"ps.jsonl": "\r\n".join(line(rec(i)) for i in range(604, 607)).encode("utf-16")},
        3,
        titles=(rec(604)["title"],),
        only=("ingest", "inbox"),
    ),
    Case(
        "a JSON array with a trailing comma before ]",
        lambda: {"目录.json": ("[" + ",\n".join(line(rec(i)) for i in (607, 608)) + ",\n]").encode()},
        2,
        only=("ingest", "inbox"),
    ),
    Case(
        "a JSON array followed by a DOS end-of-file mark",
        lambda: {"目录.json": (json.dumps([rec(609)], ensure_ascii=False) + "\r\n").encode() + b"\x1a"},
        1,
        only=("ingest", "inbox"),
    ),
    Case(
        "XML records in GBK with no declaration",
        lambda: {"目录.xml": _gbk_xml_undeclared()},
        2,
        titles=(rec(610)["title"],),
        only=("ingest", "inbox"),
    ),
    Case(
        "an OFD file (the state's fixed-layout format)",
        lambda: {"通知.ofd": _ofd()},
        0,
        ("ofd",),
        kind="documents",
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "Windows folder noise beside a page (Thumbs.db, desktop.ini)",
        lambda: {
            "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "desktop.ini": "[.ShellClassInfo]\r\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\r\n".encode(
                "utf-16"
            ),
            "通告.html": _page("厦门市交通运输局关于2028年度出租汽车服务质量信誉考核的通告").encode(),
        },
        1,
        kind="documents",
        differs={"inbox": (1, (), 2), "ingest": (1, (), 2)},
        only=("ingest", "inbox"),
    ),
    Case(
        "a Mac's AppleDouble twin and .DS_Store beside a page",
        lambda: {
            "._通知.html": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(100),
            ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(200),
            "通知.html": _page("厦门市生态环境局关于2028年度土壤污染重点监管单位名录的通知").encode(),
        },
        1,
        kind="documents",
        differs={"inbox": (1, (), 2), "ingest": (1, (), 2)},
        only=("ingest", "inbox"),
    ),
]


# ------------------------------------------------------------------ round 4 (written after round 3's fixes, before running)

T4_GZ_PAGE = "厦门市交通运输局关于2028年度港口经营许可证换发工作的通知"

CASES4: list[Case] = [
    Case(
        "a gzip of a page named .html.gz (a mail gateway's)",
        lambda: {"换发.html.gz": gzip_bytes(_page(T4_GZ_PAGE, "gbk").encode("gbk"))},
        1,
        kind="documents",
        titles=(T4_GZ_PAGE,),
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "glued records inside a .jsonl.gz",
        lambda: {
            "导出.jsonl.gz": gzip_bytes((line(rec(800)) + line(rec(801)) + "\n" + line(rec(802)) + "\n").encode())
        },
        3,
        only=("ingest", "inbox"),
    ),
    Case(
        "a JSON array in GB18030 with a BOM-less UTF-16 look-alike title",
        lambda: {
            "目录.json": json.dumps(
                [rec(803, title="厦门市交通运输局关于〇〇一号线的通告"), rec(804)], ensure_ascii=False
            ).encode("gb18030")
        },
        2,
        titles=("厦门市交通运输局关于〇〇一号线的通告",),
        only=("ingest", "inbox"),
    ),
]


def gzip_bytes(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)
