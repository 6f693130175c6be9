"""Held-out hostile deliveries of doors9 (session 17), written with their expectations before they were run: what a
厦门市市场监督管理局 and a 厦门市水利局 really hand over (a GBK export with Windows-1252 smart quotes pasted in from an
English mail, UTF-16 files Notepad and PowerShell save with their BOM, a JSON array ending in a trailing comma, NDJSON
with comment lines, a record with a 10 MB body, a file of several records pushed as a file, a zip of records named
.docx), sent through the drop folder, the push (a real socket) and `gongkai ingest` by tests/hostile_cases.py's runners,
each checked by its conservation law (stored + quarantined + refused + left = items). Records modelled on those two
bodies' disclosure catalogues, none from the repo's fixtures nor earlier doors rounds'. What needs the machine itself
(2,000 tiny files, a symlink loop, a file still being written, GBK-byte names to `gongkai ingest`) is in
tests/test_doors_heldout9.py."""

from __future__ import annotations

import json

from tests.hostile_cases import Case
from tests.support import zip_bytes

_TITLES = (
    "厦门市市场监督管理局关于2029年第一批食品安全监督抽检信息的通告",
    "厦门市水利局关于2029年汛期水库防汛责任人名单的公告",
    "关于开展2029年度特种设备安全隐患排查整治的通知",
    "厦门市市场监督管理局关于注销部分个体工商户营业执照的公告",
    "厦门市水利局关于九龙江北溪引水工程取水许可延续的批复",
    "关于公布2029年厦门市“守合同重信用”企业名单的通知",
)


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {
        "title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
        "index_number": f"XM00203-0900-2029-{i:05d}",
        "publish_date": f"2029-{1 + i % 12:02d}-{10 + i % 18}",
        "doc_number": f"厦市监〔2029〕{i + 3}号",
        "body": "各区市场监督管理局，各有关单位：现将有关事项公告如下，请遵照执行。" * 2,
        **extra,
    }


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def crlf(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def _gbk_with_cp1252_quotes() -> bytes:
    """A GBK export whose one record's body has an English phrase pasted from a mail in Windows-1252: “Internet+” as
    0x93 … 0x94, the closing one right before the JSON string's quote (not GBK: a lead byte before `"`)."""
    good = line(rec(1)).encode("gbk")
    pasted = (
        line(rec(2, body="BODYMARK")).encode("gbk").replace(b"BODYMARK", "推进".encode("gbk") + b"\x93Internet+\x94")
    )
    return good + b"\r\n" + pasted + b"\r\n" + line(rec(3)).encode("gbk") + b"\r\n"


def _bom_utf16le_lines() -> bytes:
    """PowerShell 5's `Out-File` (UTF-16 LE with its BOM, CRLF)."""
    return b"\xff\xfe" + crlf(*(line(rec(i)) for i in range(4, 7))).decode().encode("utf-16-le")


def _bom_utf16be_array() -> bytes:
    """A Java tool writing "UTF-16" (big-endian with its BOM) a pretty-printed array."""
    return b"\xfe\xff" + json.dumps([rec(7), rec(8)], ensure_ascii=False, indent=2).encode("utf-16-be")


def _trailing_comma_array() -> bytes:
    """A hand-built array (a PHP loop echoing `},`) with a comma after its last element."""
    return ("[\n" + "".join(line(rec(i)) + ",\n" for i in range(9, 12)) + "]\n").encode()


def _ndjson_with_comments() -> bytes:
    """An export script's header and section comments (`#` and `//`) between the records, and a blank line."""
    return crlf(
        "# 导出：厦门市水利局 政府信息公开目录 2029-03-01",
        line(rec(12)),
        "// 第二部分：水资源",
        line(rec(13)),
        "",
        line(rec(14)),
    )


T_TEN_MB = "厦门市水利局2029年水资源公报（全文）"


def _ten_mb_body() -> bytes:
    """One record whose body is the full text of a yearly bulletin: 10 MB (under records.max_record_bytes, 16 MiB)."""
    body = "全市水资源总量、用水总量及主要河流水质监测数据详见下表。" * (10 * 1024 * 1024 // 84)
    return crlf(line(rec(15, title=T_TEN_MB, body=body)), line(rec(16)))


def _array_file() -> bytes:
    return json.dumps([rec(i) for i in range(17, 20)], ensure_ascii=False).encode("gb18030")


def _zip_named_docx() -> bytes:
    return zip_bytes({"目录.jsonl": crlf(*(line(rec(i)) for i in range(20, 23)))})


CASES: list[Case] = [
    # --- doors8's leftovers
    Case(
        "a zip of a record file named .docx",
        lambda: {"公开目录.docx": _zip_named_docx()},
        3,
        # (`gongkai ingest` names its records 公开目录.docx/目录.jsonl:N, which the runner counts as the file left in place:
        # tests/test_doors_heldout9.py checks that door itself)
        only=("inbox",),
    ),
    Case(
        "a GB18030 JSON array pushed as a file (several records)",
        lambda: {"目录.json": _array_file()},
        3,
        # the push takes a file as one record; several are refused 422 "push them as the body": kept in the quarantine
        # (nothing lost), not stored
        differs={"push": (0, ("push them as",), 0)},
    ),
    # --- new hostile deliveries
    Case(
        "GBK JSON Lines with Windows-1252 smart quotes in one line",
        lambda: {"抽检.jsonl": _gbk_with_cp1252_quotes()},
        3,  # doors10: the quotes are read as Windows-1252 (gongkai.cp1252_strays); this pinned doors9's gap, 2 and one entry
    ),
    Case("UTF-16 LE JSON Lines with a BOM (PowerShell Out-File)", lambda: {"名单.jsonl": _bom_utf16le_lines()}, 3),
    Case(
        "UTF-16 BE pretty-printed JSON array with a BOM",
        lambda: {"批复.json": _bom_utf16be_array()},
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a JSON array with a trailing comma",
        lambda: {"目录.json": _trailing_comma_array()},
        3,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "NDJSON with # and // comment lines",
        lambda: {"导出.ndjson": _ndjson_with_comments()},
        3,  # the comment lines are no records: neither stored nor an entry
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a record with a 10 MB body",
        lambda: {"公报.jsonl": _ten_mb_body()},
        2,
        titles=(T_TEN_MB,),
    ),
]


# ================================================================== round 2 (written after round 1's fixes, before running)


def _utf16le_lines_with_comments() -> bytes:
    """PowerShell's Out-File of a script's output that echoes a header comment before the records."""
    rows = ["# 厦门市市场监督管理局 政务公开目录导出", line(rec(31)), "// 以下为2029年3月", line(rec(32))]
    return b"\xff\xfe" + crlf(*rows).decode().encode("utf-16-le")


def _utf16be_lines() -> bytes:
    return b"\xfe\xff" + crlf(*(line(rec(i)) for i in range(33, 36))).decode().encode("utf-16-be")


def _gbk_comments() -> bytes:
    """A GBK export whose header comment is Chinese (GBK bytes) and whose last line is a comment without a line end."""
    return crlf("# 导出时间：2029年3月5日 共2条", line(rec(36)), line(rec(37)), encoding="gbk") + "# 结束".encode("gbk")


def _xlsx_zip() -> bytes:
    return zip_bytes({"三月.jsonl": crlf(line(rec(38)), line(rec(39))), "四月.json": line(rec(40)).encode()})


def _trailing_comment_after_record() -> bytes:
    """A hand edit: a note written after one record on its line (a comment: the record is read, since doors10)."""
    return crlf(line(rec(41)), line(rec(42)) + "  // 待核实", line(rec(43)))


def _array_trailing_comma_gbk_crlf() -> bytes:
    return ("[\r\n" + ",\r\n".join(line(rec(i)) for i in range(44, 46)) + ",\r\n]\r\n").encode("gbk")


CASES2: list[Case] = [
    Case(
        "UTF-16 LE JSON Lines with a BOM and comment lines",
        lambda: {"导出.jsonl": _utf16le_lines_with_comments()},
        2,
    ),
    Case("UTF-16 BE JSON Lines with a BOM", lambda: {"目录.jsonl": _utf16be_lines()}, 3),
    Case(
        "GBK JSON Lines with Chinese comment lines, the last without a line end",
        lambda: {"导出.jsonl": _gbk_comments()},
        2,
        titles=(rec(36)["title"],),
    ),
    Case(
        "a zip of two record files named .xlsx",
        lambda: {"三四月目录.xlsx": _xlsx_zip()},
        3,
        only=("inbox",),
    ),
    Case(
        "a zip of records named .docx with a trailing dot (a Samba share)",
        lambda: {"公开目录.docx.": zip_bytes({"目录.jsonl": crlf(line(rec(46)))})},
        1,
        only=("inbox",),
    ),
    Case(
        "a note written after a record on its line",
        lambda: {"核对.jsonl": _trailing_comment_after_record()},
        3,  # doors10: a note after a record is a comment (recordfiles._without_notes); this pinned doors9's gap, 2 and one entry
    ),
    Case(
        "a GBK JSON array with a trailing comma and CRLF",
        lambda: {"目录.json": _array_trailing_comma_gbk_crlf()},
        2,
        titles=(rec(44)["title"],),
        differs={"push": (0, ("push them as",), 0)},
    ),
]


# ================================================================== round 3 (written after round 2, before running)

T_UTF16_TXT = "厦门市水利局关于2029年度河道采砂许可的公告"
T_CP1252_PAGE = "厦门市市场监督管理局关于开展“互联网+明厨亮灶”工作的通知"
T_UTF16_PAGE = "厦门市水利局关于做好2029年防御台风工作的紧急通知"


def _utf16_text_notice() -> bytes:
    """Notepad's "Unicode" (UTF-16 LE with its BOM) of a plain-text notice, CRLF."""
    text = f"{T_UTF16_TXT}\r\n\r\n各有关单位：\r\n根据《中华人民共和国水法》，现将2029年度河道采砂许可事项公告如下。\r\n厦门市水利局\r\n2029年4月2日\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")


def _page(title: str, charset: str, extra: str = "") -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>各区市场监督管理局：</p><p>现将有关事项通知如下。一、自2029年5月1日起施行。{extra}</p>"
        "<p>厦门市市场监督管理局</p><p>2029年4月8日</p></body></html>"
    )


def _gbk_page_with_cp1252_quotes() -> bytes:
    """A GBK page (charset=gbk) whose body has an English name pasted from Word in Windows-1252: \x93Smart Kitchen\x94."""
    page = _page(T_CP1252_PAGE, "gbk", extra="MARK").encode("gbk")
    return page.replace(b"MARK", b"\x93Smart Kitchen\x94 ")


def _utf16_page() -> bytes:
    """Word's "Unicode" web page: UTF-16 LE with its BOM, the meta saying charset=unicode."""
    return b"\xff\xfe" + _page(T_UTF16_PAGE, "unicode").encode("utf-16-le")


CASES3: list[Case] = [
    Case(
        "a UTF-16 text notice with a BOM (Notepad's Unicode)",
        lambda: {"采砂公告.txt": _utf16_text_notice()},
        1,
        kind="documents",
        titles=(T_UTF16_TXT,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a GBK page with Windows-1252 smart quotes in its body",
        lambda: {"明厨亮灶.html": _gbk_page_with_cp1252_quotes()},
        1,
        kind="documents",
        titles=(T_CP1252_PAGE,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a UTF-16 LE page with a BOM (Word's Unicode web page)",
        lambda: {"防台风.htm": _utf16_page()},
        1,
        kind="documents",
        titles=(T_UTF16_PAGE,),
        only=("ingest", "inbox", "push", "poll"),
    ),
]
