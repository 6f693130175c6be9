"""Held-out hostile deliveries of doors6 (session 15), written with their expectations before they were run: odd bytes
and odd names as agencies' PCs, shares and scripts hand them over (NUL runs a power cut leaves, BOMs inside lines, keys
given twice, empty zips, names with newlines and leading dashes), sent through the drop folder, the push (a real socket)
and `gongkai ingest` by tests/hostile_cases.py's runners, each checked by its conservation law (stored + quarantined +
refused + left = items). Records modelled on Xiamen's 人社局 and 自然资源和规划局 disclosure catalogues, none from the
repo's fixtures nor doors5's."""

from __future__ import annotations

import json

from tests.doors5_cases import line, lines
from tests.hostile_cases import Case
from tests.support import zip_bytes

_TITLES = ("厦门市人力资源和社会保障局关于公布2027年度企业职工最低工资标准的通知", "关于开展2027年度技能人才评价机构备案工作的公告",
           "厦门市自然资源和规划局关于集美新城核心区控制性详细规划修编的批前公示", "关于做好2027年春节期间农民工工资支付保障工作的通知",
           "厦门市人力资源和社会保障局 厦门市财政局关于调整城乡居民基本养老保险基础养老金标准的通知",
           "关于翔安区马巷镇土地征收成片开发方案（2027年）的公告", "厦门市自然资源和规划局关于不动产登记“一窗受理”延时服务的公告",
           "关于公布2027年第一批厦门市高层次人才认定结果的通告")


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {"title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
            "index_number": f"XM00112-0205-2027-{i:05d}", "publish_date": f"2027-{1 + i % 12:02d}-{10 + i % 18}",
            "doc_number": f"厦人社〔2027〕{i + 11}号", "body": "各区人力资源和社会保障局，市直有关单位：现将有关事项通知如下，请认真贯彻执行。" * 2, **extra}


_PAGE = ("<html><head><meta charset=\"utf-8\"><title>厦门市人力资源和社会保障局关于2027年春节前后开展就业援助月活动的通知</title></head><body>"
         "<h1>厦门市人力资源和社会保障局关于2027年春节前后开展就业援助月活动的通知</h1><p>各区人力资源和社会保障局：</p><p>为帮助就业困难人员和零就业家庭"
         "成员实现就业，现就开展2027年就业援助月活动通知如下。一、活动时间：2027年1月10日至2月28日。二、请各区做好组织实施。</p>"
         "<p>厦门市人力资源和社会保障局</p><p>2027年1月5日</p></body></html>")
_PAGE_TITLE = "厦门市人力资源和社会保障局关于2027年春节前后开展就业援助月活动的通知"
_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)  # an archive of no member (what `zip -r x.zip emptydir/` on some tools leaves)


def _tail_zeros() -> dict[str, bytes]:
    """A JSON Lines export the PC lost power while writing: the filesystem kept its size, the last block reads as NULs."""
    return {"断电.jsonl": lines(line(rec(10)), line(rec(11))) + bytes(4096)}


def _zeros_between() -> dict[str, bytes]:
    """NULs between two appended batches (a crash after the length was written, before the data; then the next append)."""
    return {"追加.jsonl": lines(line(rec(12))) + bytes(700) + b"\n" + lines(line(rec(13)))}


CASES: list[Case] = [
    # --- empty things
    Case("a 0-byte .jsonl", lambda: {"空导出.jsonl": b""}, 0, ("empty",),
         differs={"push": (0, (), 0)}),  # (as the body: the request refused whole, 400 请求体是空的)
    Case("a 0-byte .zip", lambda: {"十二月导出.zip": b""}, 0, ("empty",), only=("ingest", "inbox")),
    Case("a zip of no member (22 bytes)", lambda: {"一月导出.zip": _EMPTY_ZIP}, 0, ("",), only=("ingest", "inbox")),
    Case("a 0-byte .pdf", lambda: {"公示.pdf": b""}, 0, ("empty",), kind="documents", only=("ingest", "inbox", "push")),
    Case("a 0-byte sidecar beside a page", lambda: {"援助月.html": _PAGE.encode(), "援助月.html.json": b""}, 0, ("sidecar",), kind="documents",
         only=("ingest", "inbox"), differs={"ingest": (0, ("sidecar",), 1)}),
    Case("a .json of whitespace and a BOM only", lambda: {"空白.json": b"\xef\xbb\xbf \r\n\t\r\n"}, 0, ("empty",), only=("ingest", "inbox")),
    # --- NUL bytes
    Case("JSON Lines whose last block is NULs (power cut)", _tail_zeros, 2, ("",), only=("ingest", "inbox")),
    Case("JSON Lines with a NUL run between two batches", _zeros_between, 2, ("",), only=("ingest", "inbox")),
    Case("a file of NULs only (preallocated, never written)", lambda: {"预分配.jsonl": bytes(8192)}, 0, ("",), only=("ingest", "inbox")),
    Case("a raw NUL inside a title string", lambda: {"nul.jsonl": lines(line(rec(14)), line(rec(15)).replace("通知", "通\x00知", 1), line(rec(16)))}, 2, ("JSON",)),
    Case("an escaped \\u0000 inside a title", lambda: {"nulesc.jsonl": lines(line(rec(17)), line(rec(18)).replace("公告", "公\\u0000告", 1))}, 2,
         titles=(rec(18)["title"],)),
    Case("a page with a NUL byte in its body", lambda: {"援助月2.html": _PAGE.replace("现就开展", "现就\x00开展").encode()}, 1, kind="documents",
         titles=(_PAGE_TITLE,), only=("ingest", "inbox", "push")),
    # --- BOMs inside
    Case("a BOM inside a title (pasted from Excel)", lambda: {"bomtitle.jsonl": lines(line(rec(20, title="\ufeff" + rec(20)["title"])), line(rec(21)))}, 2,
         titles=(rec(20)["title"],)),
    Case("a BOM between a line's fields", lambda: {"bommid.jsonl": lines(line(rec(22)), line(rec(23)).replace(', "index_number"', ',\ufeff "index_number"', 1))}, 1, ("JSON",)),
    Case("a BOM in the middle of a JSON array (two exports joined)", lambda: {"joined.json": ("[" + line(rec(24)) + "]").encode() + b"\xef\xbb\xbf" + ("[" + line(rec(25)) + "]").encode()},
         2, only=("ingest", "inbox")),
    Case("a UTF-16 BOM inside UTF-8 JSON Lines", lambda: {"u16mid.jsonl": lines(line(rec(26))) + b"\xff\xfe" + lines(line(rec(27)))}, 1, ("",)),
    # --- keys given twice
    Case("a key given twice with two values", lambda: {"dup.jsonl": lines(line(rec(30)), line(rec(31))[:-1] + ', "publish_date": "2027-03-01"}', line(rec(32)))}, 2, ("twice",)),
    Case("a key given twice with one value", lambda: {"dupsame.jsonl": lines(line(rec(33))[:-1] + f', "index_number": "{rec(33)["index_number"]}"' + "}")}, 1),
    Case("a title given as title and 信息名称 in a record file", lambda: {"label.jsonl": lines(line(rec(34)), line({**rec(35), "信息名称": "另一个标题"}))}, 1, ("",)),
    Case("a key given twice inside a JSON array, GBK", lambda: {"dupgbk.json": ("[" + line(rec(36)) + "," + line(rec(37))[:-1] + ', "title": "重复的标题"}]').encode("gbk")},
         1, ("twice",), only=("ingest", "inbox")),
    Case("a sidecar giving a key twice", lambda: {"援助月3.html": _PAGE.encode(), "援助月3.html.json": '{"doc_number": "厦人社〔2027〕1号", "doc_number": "厦人社〔2027〕2号"}'.encode()},
         0, ("twice",), kind="documents", only=("ingest", "inbox"), differs={"ingest": (0, ("twice",), 1)}),
    # --- names
    Case("a name with a leading dash", lambda: {"-rf 目录.jsonl": lines(line(rec(40)))}, 1, only=("ingest", "inbox")),
    Case("a name of two leading dashes (an option's look)", lambda: {"--help.jsonl": lines(line(rec(41)))}, 1, only=("ingest", "inbox")),
    Case("a name with a newline, tab and spaces", lambda: {"  目录\n\t2027 .jsonl": lines(line(rec(42)))}, 1, only=("ingest", "inbox")),
    Case("a name with .. inside", lambda: {"目录..2027..jsonl": lines(line(rec(43)))}, 1, only=("ingest", "inbox")),
    # (read as a text document and refused whole, "holds 2 records": fixed, recordfiles.suffix_name)
    Case("a name ending in a dot (Windows drops it; Samba keeps it)", lambda: {"目录2027.jsonl.": lines(line(rec(44)), line(rec(45)))}, 2, only=("ingest", "inbox")),
    Case("a name with a backslash (a Windows path kept by an unzip)", lambda: {"导出\\十二月\\目录.jsonl": lines(line(rec(46)))}, 1, only=("ingest", "inbox")),
    Case("a zip member named ../-x with spaces", lambda: {"成员.zip": zip_bytes({"../ -x 目录.jsonl": lines(line(rec(47))), "./../b.jsonl": lines(line(rec(48)))})}, 2,
         only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
    Case("a zip with one member name twice (appended)", lambda: {"追加.zip": _twice_zip()}, 2, only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
    Case("a zip cut short (a download broken off)", lambda: {"半截.zip": zip_bytes({"a.jsonl": lines(*(line(rec(i)) for i in range(50, 60)))})[:-30]}, 0, ("",),
         only=("ingest", "inbox")),
    # --- archives no reader unpacks: refused whole with what to send (they were "unsupported format: unknown …")
    Case("a RAR archive (a clerk's WinRAR)", lambda: {"十二月材料.rar": b"Rar!\x1a\x07\x01\x00" + bytes(range(256)) * 4}, 0, ("zip 格式",), kind="documents",
         only=("ingest", "inbox", "push")),
    Case("a 7-Zip archive", lambda: {"材料.7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(range(256)) * 4}, 0, ("zip 格式",), kind="documents",
         only=("ingest", "inbox", "push")),
    Case("an xz-compressed record file", lambda: {"导出.jsonl.xz": _packed("xz")}, 0, ("zip 格式",), kind="documents", only=("ingest", "inbox", "push")),
    Case("a bzip2-compressed record file", lambda: {"导出.jsonl.bz2": _packed("bz2")}, 0, ("zip 格式",), kind="documents", only=("ingest", "inbox", "push")),
    # --- a quote left open in one element of an array (a hand edit): the rest of the array was that element's entry
    Case("a pretty-printed JSON array, one element's quote left open", lambda: {"目录导出.json": json.dumps(
        [rec(90), {**rec(91), "title": "QUOTE"}, rec(92), {**rec(93), "attachments": [{"name": "附件1.pdf"}]}], ensure_ascii=False, indent=2)
        .replace('"QUOTE"', '"关于开展2027年度失业保险稳岗返还工作的通知').encode()}, 3, ("JSON",), only=("ingest", "inbox")),
    # --- text shapes
    # (a form feed alone is a blank line; a vertical tab before a record refused it, `not valid JSON`: fixed)
    Case("JSON Lines with a form feed and a vertical tab between lines", lambda: {"ff.jsonl": lines(line(rec(60))) + b"\x0c\n\x0b" + lines(line(rec(61)))}, 2),
    Case("JSON Lines with U+2028 inside a title", lambda: {"ls.jsonl": lines(line(rec(62, title=rec(62)["title"] + "\u2028（修订）")), line(rec(63)))}, 2),
    # (one entry `Extra data`, both records kept in it, until doors7: a NEL after a record's `}` is its line end)
    Case("JSON Lines with a NEL (0x85) line end from an old mainframe export", lambda: {"nel.jsonl": (line(rec(64)) + "\u0085" + line(rec(65)) + "\n").encode()}, 2),
]


def _twice_zip() -> bytes:
    """A zip holding 目录.jsonl twice: an export tool appended the day's file to the month's zip without replacing it."""
    import io
    import warnings
    import zipfile

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name"
        archive.writestr("目录.jsonl", lines(line(rec(70))))
        archive.writestr("目录.jsonl", lines(line(rec(71))))
    return buffer.getvalue()


def _packed(how: str) -> bytes:
    import bz2
    import lzma

    data = lines(line(rec(80)), line(rec(81)))
    return lzma.compress(data) if how == "xz" else bz2.compress(data)
