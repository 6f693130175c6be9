"""Held-out hostile deliveries of doors10 (session 18), written with their expectations before they were run: what a
厦门市生态环境局 and a 厦门市自然资源和规划局 really hand over (a GBK export that Notepad++ saved with a UTF-8 BOM, an object
with a trailing comma from a PHP template, dates typed with 全角 digits, an nginx error page saved as `目录.json` by a
script's `curl -o`, one document twice with its 文号 in two bracket forms, an id given twice with two contents, a copy
that ends in a block of NUL bytes, comments after a record and `/* … */` blocks), sent through the drop folder, the
push (a real socket), `gongkai ingest` and polling by tests/hostile_cases.py's runners, each checked by its conservation
law (stored + quarantined + refused + left = items). Records modelled on those two bodies' disclosure catalogues, none
from the repo's fixtures nor earlier doors rounds'. What needs the machine or a closer look is in
tests/test_doors_heldout10.py."""

from __future__ import annotations

import json

from tests.hostile_cases import Case

_TITLES = (
    "厦门市生态环境局关于2030年第一季度重点排污单位名录的公告",
    "厦门市自然资源和规划局关于翔安区新店片区控制性详细规划修编的批前公示",
    "关于开展2030年厦门市建设项目环境影响评价文件审批情况的公示",
    "厦门市生态环境局关于核发排污许可证的公告（第十二批）",
    "厦门市自然资源和规划局关于国有建设用地使用权挂牌出让的公告",
    "关于2030年厦门市近岸海域水质监测结果的通报",
)


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {
        "title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
        "index_number": f"XM00118-1100-2030-{i:05d}",
        "publish_date": f"2030-{1 + i % 12:02d}-{10 + i % 18}",
        "doc_number": f"厦环〔2030〕{i + 5}号",
        "body": "各区生态环境分局，各有关单位：根据《中华人民共和国环境保护法》，现将有关事项公告如下。" * 2,
        **extra,
    }


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def crlf(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def _bom_then_gbk() -> bytes:
    """Notepad++ "UTF-8-BOM" set on a GBK export (the clerk's default): a UTF-8 BOM, then every line in GBK."""
    return b"\xef\xbb\xbf" + crlf(*(line(rec(i)) for i in range(0, 3)), encoding="gbk")


def _object_trailing_commas() -> bytes:
    """A PHP template echoing `"key": "value",` for every field: each object ends `,}`."""
    rows = [line(rec(i))[:-1] + ",}" for i in range(3, 6)]
    return crlf(*rows)


def _full_width_dates() -> bytes:
    """Dates typed in an IME left in full-width mode (２０３０年３月５日, ２０３０－０３－０６, 2030．3．7) and a 文号 so typed."""
    return crlf(
        line(rec(6, publish_date="２０３０年３月５日")),
        line(rec(7, publish_date="２０３０－０３－０６", written_date="２０３０年３月１日")),
        line(rec(8, publish_date="2030．3．7", doc_number="厦环〔２０３０〕１３号")),
    )


NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
    "<hr><center>nginx/1.20.1</center>\r\n</body>\r\n</html>\r\n"
)

IIS_404 = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n'
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>'
    '<title>404 - 找不到文件或目录。</title></head><body><div id="header"><h1>服务器错误</h1></div>'
    '<div id="content"><div class="content-container"><fieldset><h2>404 - 找不到文件或目录。</h2>'
    "<h3>您要查找的资源可能已被删除，已更改名称或者暂时不可用。</h3></fieldset></div></div></body></html>"
)


def _same_document_two_brackets() -> bytes:
    """One document exported twice (two systems merged): no 索引号 nor URL, the 文号 once as 〔〕 and once as []."""
    first = {k: v for k, v in rec(9).items() if k != "index_number"}
    second = {**first, "doc_number": first["doc_number"].replace("〔", "[").replace("〕", "]")}
    return crlf(line(first), line(second))


def _nul_tail() -> bytes:
    """A copy that died part-way on a share that preallocates: the records written, then 8 KiB of NUL bytes, no line end."""
    return crlf(*(line(rec(i)) for i in range(10, 13))) + b"\x00" * 8192


def _comment_after_records() -> bytes:
    """Hand notes after records on their lines (`// 待核实`, `# 已核对`, `/* 重复？ */`)."""
    return crlf(
        line(rec(13)) + "  // 待核实",
        line(rec(14)) + "\t# 已核对 2030-03-02",
        line(rec(15)) + " /* 重复？ */",
        line(rec(16)),
    )


def _block_comments() -> bytes:
    """An export script's header as a C block comment over several lines, a one-line block, and a commented-out record."""
    return crlf(
        "/*",
        " * 厦门市自然资源和规划局 政府信息公开目录导出",
        " * 导出时间：2030-03-05 08:00",
        " */",
        line(rec(17)),
        "/* 第二部分 */",
        line(rec(18)),
        "/* 以下一条暂不公开",
        line(rec(19)),
        "*/",
    )


def _gbk_with_cp1252_quotes() -> bytes:
    """A GBK export whose one record's body has English pasted from Word in Windows-1252: “Zero-waste City” as \x93 … \x94
    (the opening quote before a capital letter makes a GBK pair; the closing one stands before the JSON string's quote)."""
    good = line(rec(20)).encode("gbk")
    pasted = (
        line(rec(21, body="BODYMARK"))
        .encode("gbk")
        .replace(b"BODYMARK", "推进".encode("gbk") + b"\x93Zero-waste City\x94")
    )
    return good + b"\r\n" + pasted + b"\r\n"


T_ZERO_WASTE = _TITLES[21 % len(_TITLES)] + "（第21号）"

CASES: list[Case] = [
    Case(
        "a GBK export saved with a UTF-8 BOM",
        lambda: {"目录.jsonl": _bom_then_gbk()},
        3,
        titles=(rec(0)["title"], rec(2)["title"]),
    ),
    Case("objects ending with a trailing comma", lambda: {"名录.jsonl": _object_trailing_commas()}, 3),
    Case("dates and a 文号 typed with full-width digits", lambda: {"许可.jsonl": _full_width_dates()}, 3),
    Case(
        "an nginx error page saved as 目录.json",
        lambda: {"目录.json": NGINX_502.encode()},
        0,
        ("502",),
    ),
    Case(
        "one document twice, its 文号 in two bracket forms",
        lambda: {"合并.jsonl": _same_document_two_brackets()},
        1,  # the same content (文号 canonical): the second is unchanged, no entry
    ),
    Case(
        "a copy that ends in a block of NUL bytes",
        lambda: {"监测.jsonl": _nul_tail()},
        3,
        ("NUL",),  # the tail says what it is (an unfinished copy?), an entry of its own; the records go in
    ),
    Case("notes written after records on their lines", lambda: {"核对.jsonl": _comment_after_records()}, 4),
    Case("block comments and a commented-out record", lambda: {"导出.jsonl": _block_comments()}, 2),
    Case(
        "GBK JSON Lines with Windows-1252 smart quotes before a letter",
        lambda: {"无废城市.jsonl": _gbk_with_cp1252_quotes()},
        2,
        titles=(T_ZERO_WASTE,),
    ),
    Case(
        "an IIS 404 page in GB2312 saved as 名录.json",
        lambda: {"名录.json": IIS_404.encode("gb2312")},
        0,
        ("404",),
    ),
]


def _gbk_text_notice_with_bom() -> bytes:
    """A plain-text notice converted to GBK by a tool that kept the UTF-8 BOM it found (BOM, then GBK bytes)."""
    text = (
        f"{T_TEXT_NOTICE}\r\n\r\n各有关单位：\r\n根据《中华人民共和国土地管理法》，现将2030年度第一批建设用地征收事项公告如下。\r\n"
        "厦门市自然资源和规划局\r\n2030年3月9日\r\n"
    )
    return b"\xef\xbb\xbf" + text.encode("gbk")


T_TEXT_NOTICE = "厦门市自然资源和规划局关于2030年度第一批建设用地征收的公告"

MORE_CASES: list[Case] = [  # two documents through four doors, and two files at once
    Case(
        "an IIS 404 page answered as 通知.html",
        lambda: {"通知.html": IIS_404.encode("gb2312")},
        0,
        ("404",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a GBK text notice that keeps a UTF-8 BOM",
        lambda: {"征收公告.txt": _gbk_text_notice_with_bom()},
        1,
        kind="documents",
        titles=(T_TEXT_NOTICE,),
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "an empty export beside a good one",
        lambda: {"空.jsonl": b"", "满.jsonl": crlf(line(rec(22)))},
        1,
        ("empty",),
        only=("ingest", "inbox"),
    ),
]


# ================================================================== round 2 (written after round 1's fixes, before running)

T_DASH = "厦门市自然资源和规划局关于2030–2031年度海域使用金征收标准…的公告"


def _jsonc_array() -> bytes:
    """A hand-kept pretty-printed array with `//` notes between its elements and after a field (JSONC, as VS Code keeps)."""
    parts = ["[", "  // 第一批", "  " + line(rec(60)) + ",", "  // 第二批（待复核）", "  " + line(rec(61)) + ", // 已核对", "  " + line(rec(62)), "]"]
    return crlf(*parts)


def _gbk_dash_and_ellipsis() -> bytes:
    """A GBK line whose title holds an en dash and an ellipsis pasted from Word in Windows-1252 (\x96, \x85)."""
    title = line(rec(63, title="TITLEMARK")).encode("gbk")
    raw = "厦门市自然资源和规划局关于2030".encode("gbk") + b"\x96" + "2031年度海域使用金征收标准".encode("gbk") + b"\x85" + "的公告".encode("gbk")
    return crlf(line(rec(64))) + title.replace(b"TITLEMARK", raw) + b"\r\n"


APACHE_503 = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n'
    "<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\nrequest due to maintenance downtime "
    "or capacity\nproblems. Please try again later.</p>\n</body></html>\n"
)


def _copy_b_of_two_exports() -> bytes:
    """`copy /b 一月.jsonl+二月.jsonl 合并.jsonl`: a UTF-8 export, then a GBK one that opens with a UTF-8 BOM."""
    first = crlf(line(rec(65)), line(rec(66)))
    second = b"\xef\xbb\xbf" + crlf(line(rec(67)), line(rec(68)), encoding="gbk")
    return first + second


def _same_id_twice_pushed() -> bytes:
    return crlf(line(rec(69, body="初稿：现将有关事项公告如下。")), line(rec(69, body="定稿：现将有关事项公告如下，请遵照执行。")))


def _line_separator_inside() -> bytes:
    """A JavaScript export: U+2028 and U+2029 raw inside strings (JSON allows them; a reader splitting text lines does not)."""
    return crlf(line(rec(70, body="第一段。\u2028第二段。\u2029第三段。")), line(rec(71)))


CASES2: list[Case] = [
    Case(
        "a pretty-printed array with // notes (JSONC)",
        lambda: {"目录.json": _jsonc_array()},
        3,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "GBK JSON Lines with a Windows-1252 en dash and ellipsis in a title",
        lambda: {"海域.jsonl": _gbk_dash_and_ellipsis()},
        2,
        titles=(T_DASH,),
    ),
    Case(
        "an Apache 503 page saved as 导出.jsonl",
        lambda: {"导出.jsonl": APACHE_503.encode()},
        0,
        ("503",),
        # (my expectation was wrong for this runner: pushed as the body the page is refused whole, 400 not_json, which it
        # cannot count; test_an_html_page_pushed_as_the_body_is_refused_whole_naming_it checks that answer)
        differs={"push": (0, (), 0)},
    ),
    Case("two exports joined by copy /b, the second GBK with a BOM", lambda: {"合并.jsonl": _copy_b_of_two_exports()}, 4),
    Case("one id twice with two bodies in one file", lambda: {"两稿.jsonl": _same_id_twice_pushed()}, 1),
    Case("U+2028 and U+2029 inside a string", lambda: {"分段.jsonl": _line_separator_inside()}, 2),
    Case(
        "an export named in capitals, 目录.JSONL",
        lambda: {"目录.JSONL": crlf(*(line(rec(i)) for i in range(72, 75)))},
        3,
        differs={"push": (0, ("push them as",), 0)},  # (the runner pushes a name not ending .jsonl as a file)
    ),
    Case(
        "the same export downloaded twice, 目录.jsonl and 目录 (1).jsonl",
        lambda: {"目录.jsonl": crlf(line(rec(75)), line(rec(76))), "目录 (1).jsonl": crlf(line(rec(75)), line(rec(76)))},
        2,
        only=("ingest", "inbox"),
    ),
    Case(
        "a daily export with nothing new: []",
        lambda: {"每日导出.json": b"[]\r\n"},
        0,
        # (my expectation, no entry, was wrong by the rule tests/test_inbox_odd_entries.py holds since doors4: `[]` is an entry
        # `no_record`, so an export script's failed query is seen; the daily noise is left in README's Known gaps)
        ("holds no record",),
        only=("inbox",),
    ),
]
