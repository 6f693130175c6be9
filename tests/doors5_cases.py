"""Held-out hostile deliveries of doors5 (session 14), written before they were run: what agencies' PCs, Excel, CMS
exports and Windows shares really hand over, sent through the drop folder, the push (a real socket) and `gongkai ingest`
by tests/hostile_cases.py's runners, each checked by its conservation law (stored + quarantined + refused + left =
items). Records modelled on Xiamen agencies' disclosure catalogues, none from the repo's fixtures."""

from __future__ import annotations

import gzip
import json

from tests.hostile_cases import BILLION_LAUGHS, Case
from tests.support import zip_bytes

_AGENCIES = ("厦门市财政局",)
_TITLES = ("厦门市财政局关于下达2027年度市级预算内基本建设投资计划的通知", "厦门市财政局关于公布2026年政府采购代理机构考核结果的公告",
           "关于开展2027年度行政事业单位国有资产年报编报工作的通知", "厦门市财政局 厦门市教育局关于调整学前教育生均拨款标准的通知",
           "厦门市财政局关于印发《厦门市市级预算绩效管理办法》的通知", "关于做好2027年度会计人员继续教育工作的通知",
           "厦门市财政局关于征集政府购买服务指导性目录修订意见的公告", "关于公开2026年度市本级“三公”经费决算的说明")


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record of the agency (its 索引号 makes its id)."""
    return {"title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"), "issuer": _AGENCIES[0],
            "index_number": f"XM00104-0300-2027-{i:05d}", "publish_date": f"2027-0{1 + i % 9}-1{i % 10}",
            "doc_number": f"厦财预〔2027〕{i + 3}号", "body": "各区财政局，市直各部门：现将有关事项通知如下。" * 3, **extra}


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def lines(*rows: str, encoding: str = "utf-8", end: str = "\n") -> bytes:
    return end.join(rows).encode(encoding) + end.encode(encoding)


_XXE = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE records [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<records><record><title>&xxe;</title></record></records>\n")
_EXTERNAL_DTD = ('<?xml version="1.0" encoding="GB2312"?>\n<!DOCTYPE records SYSTEM "http://www.xm.gov.cn/dtd/gkml.dtd">\n'
                 "<records><record><信息名称>厦门市财政局关于2027年预算公开的公告</信息名称></record></records>\n").encode("gbk")
_GBK_XML = ('<?xml version="1.0" encoding="GBK"?>\n<records>\n'
            + "".join(f"<record><信息名称>{rec(i)['title']}</信息名称><索引号>{rec(i)['index_number']}</索引号>"
                      f"<发布日期>{rec(i)['publish_date']}</发布日期><正文><![CDATA[<p>各区财政局：</p><p>现将有关事项通知如下。</p>]]></正文></record>\n"
                      for i in range(20, 23)) + "</records>\n").encode("gbk")
_PAGE = ("<html><head><meta charset=\"utf-8\"><title>厦门市财政局关于2027年春节期间财政资金支付安排的通知</title></head><body>"
         "<h1>厦门市财政局关于2027年春节期间财政资金支付安排的通知</h1><p>各预算单位：</p><p>为保障春节期间财政资金支付，现将有关事项通知如下。"
         "一、2027年2月4日至2月12日暂停受理。二、请各单位提前做好资金安排。</p><p>厦门市财政局</p><p>2027年1月20日</p></body></html>").encode()
_BIG5_TEXT = "廈門市財政局關於2027年度預算公開的公告\n各有關單位：\n依據預算法規定，現將2027年度部門預算予以公開。\n廈門市財政局\n2027年1月5日\n"


def _csv(encoding: str) -> bytes:
    rows = ['"信息名称","索引号","发布日期","正文"']
    rows += [f'"{rec(i)["title"]}","{rec(i)["index_number"]}","{rec(i)["publish_date"]}","第一段\r\n第二段，含""引号"""' for i in range(30, 33)]
    data = "\r\n".join(rows).encode(encoding) + b"\r\n"
    return (b"\xef\xbb\xbf" + data) if encoding == "utf-8" else data


CASES: list[Case] = [
    # --- encodings under the wrong names
    Case("GB18030 JSON Lines named .txt", lambda: {"目录导出.txt": lines(*(line(rec(i, title=rec(i)["title"] + "（𠮷）")) for i in range(2)), encoding="gb18030")}, 2,
         titles=(rec(0)["title"] + "（𠮷）",), only=("ingest", "inbox")),
    Case("GB18030 JSON array named .txt", lambda: {"目录导出.txt": json.dumps([rec(i) for i in range(2, 5)], ensure_ascii=False).encode("gb18030")}, 3,
         only=("ingest", "inbox")),
    Case("GBK JSON array named .json, CRLF, pretty", lambda: {"records.json": json.dumps([rec(i) for i in range(5, 8)], ensure_ascii=False, indent=4).replace("\n", "\r\n").encode("gbk")}, 3,
         only=("ingest", "inbox")),
    Case("Big5 JSON Lines named .json", lambda: {"繁體.json": lines(line({"title": "廈門市財政局關於預算公開的公告", "issuer": "廈門市財政局", "body": "依據預算法規定，現將部門預算予以公開。"}), encoding="big5")}, 1,
         titles=("廈門市財政局關於預算公開的公告",), only=("ingest", "inbox")),
    Case("Big5 text document named .txt", lambda: {"公告.txt": _BIG5_TEXT.encode("big5")}, 1, kind="documents", titles=("廈門市財政局關於2027年度預算公開的公告",),
         only=("ingest", "inbox", "push")),
    Case("UTF-8 text with a BOM named .txt (a notice, not JSON)", lambda: {"通知.txt": b"\xef\xbb\xbf" + _BIG5_TEXT.encode()}, 1, kind="documents",
         titles=("廈門市財政局關於2027年度預算公開的公告",), only=("ingest", "inbox", "push")),
    # --- Excel exports
    # (doors11: an Excel CSV export is its rows' records, no longer one text document; pushed as a file of several records
    # it is refused 422 and kept, the push's rule)
    Case("Excel CSV, UTF-8 BOM, CRLF, quoted newlines", lambda: {"目录.csv": _csv("utf-8")}, 3, kind="documents", only=("ingest", "inbox", "push"),
         differs={"push": (0, ("push them as",), 0)}),
    Case("Excel CSV in GBK", lambda: {"目录gbk.csv": _csv("gbk")}, 3, kind="documents", only=("ingest", "inbox", "push"),
         differs={"push": (0, ("push them as",), 0)}),
    # --- XML with DTDs and entities
    Case("billion laughs in XML records named .xml", lambda: {"gkml.xml": BILLION_LAUGHS.replace(b"lol3;</title>", b"lol3;</title></record><record><title>x</title>")}, 0, ("DTD",),
         only=("ingest", "inbox", "push")),
    Case("XXE in XML records", lambda: {"xxe.xml": _XXE}, 0, ("DTD",), only=("ingest", "inbox", "push")),
    Case("external DTD, GB2312 declared", lambda: {"gkml2.xml": _EXTERNAL_DTD}, 0, ("DTD",), only=("ingest", "inbox", "push")),
    Case("GBK XML records with CDATA bodies", lambda: {"gkml3.xml": _GBK_XML}, 3, titles=(rec(20)["title"],), only=("ingest", "inbox")),
    Case("XML records with a default namespace", lambda: {"ns.xml": ('<?xml version="1.0" encoding="UTF-8"?><records xmlns="http://www.xm.gov.cn/gkml">'
                                                                       f"<record><title>{rec(24)['title']}</title><index_number>{rec(24)['index_number']}</index_number></record></records>").encode()},
         1, only=("ingest", "inbox")),
    Case("billion laughs in a document's XML sidecar", lambda: {"支付安排.html": _PAGE, "支付安排.html.xml": BILLION_LAUGHS.replace(b"records", b"record", 1)}, 0, ("DTD",),
         kind="documents", only=("ingest", "inbox"), differs={"ingest": (0, ("DTD",), 1)}),
    # --- JSON shapes
    # (an unbalanced quote put the array's rest into the broken element's entry, kept, not read: since doors6 the elements
    # after it, one per line, are read again from their lines, recordfiles._resynced)
    Case("JSON array, one element broken", lambda: {"arr.json": ("[" + line(rec(40)) + ',\n{"title": "缺引号, "index_number": "X"},\n' + line(rec(41)) + "]").encode()},
         2, ("JSON",), only=("ingest", "inbox")),
    Case("JSON Lines in a .json file", lambda: {"lines.json": lines(*(line(rec(i)) for i in range(42, 45)))}, 3, only=("ingest", "inbox")),
    Case("JSON Lines mixing valid and broken records", lambda: {"mixed.jsonl": lines(line(rec(45)), '{"title": "半行', "// 导出工具的注释", line(rec(46)), "",
                                                                                   line({**rec(47), "publish_date": "2027-02-30"}), line(rec(48)) + ",", line(rec(49)))},
         3, ("JSON", "publish_date", "JSON")),  # (`// 导出工具的注释` is a comment line, no entry, since doors9)
    Case("JSON Lines: a record without a title among good ones", lambda: {"notitle.jsonl": lines(line(rec(50)), line({k: v for k, v in rec(51).items() if k != "title"}), line(rec(52)))},
         2, ("title",)),
    Case("JSON Lines, two files concatenated (a BOM mid-file)", lambda: {"cat.jsonl": b"\xef\xbb\xbf" + lines(line(rec(53))) + b"\xef\xbb\xbf" + lines(line(rec(54)))}, 2),
    Case("JSON Lines, one line GBK among UTF-8", lambda: {"mixenc.jsonl": lines(line(rec(55))) + lines(line(rec(56)), encoding="gbk") + lines(line(rec(57)))}, 3),
    Case("JSON Lines, a lone surrogate escape", lambda: {"surrogate.jsonl": lines(line(rec(58)), '{"title": "厦门市\\ud800财政局公告", "index_number": "XM-S-1"}', line(rec(59)))},
         2, ("surrogate",), differs={"push": (2, ("unicode",), 0)}),
    Case("JSON Lines, NaN and Infinity", lambda: {"nan.jsonl": lines(line(rec(60)), '{"title": "厦门市财政局公告NaN", "index_number": NaN}', line(rec(61)))},
         2, ("index_number",)),
    # (doors11: a list API's answer saved as .json is the records of its list, and a comment before a .json's value is read
    # past; both were quarantined whole, their records lost)
    Case("a CMS API reply saved as .json ({total, rows:[…]})", lambda: {"api.json": json.dumps({"total": 2, "rows": [rec(62), rec(63)]}, ensure_ascii=False).encode()},
         2, only=("ingest", "inbox")),
    Case("JSON with comments and trailing commas", lambda: {"j5.json": ("// 导出\n[" + line(rec(64)) + ",\n" + line(rec(65)) + ",\n]").encode()}, 2,
         only=("ingest", "inbox")),
    Case("a title of zero-width spaces only", lambda: {"zw.jsonl": lines(line(rec(66)), line({**rec(67), "title": "\u200b\u200b \u3000"}))}, 1, ("title",)),
    Case("a .json holding one JSON string", lambda: {"str.json": '"厦门市财政局"'.encode()}, 0, ("JSON object",), only=("ingest", "inbox")),
    # --- names
    Case("a very long name (240 bytes)", lambda: {"关于" * 38 + "目录.jsonl": lines(line(rec(70)))}, 1),
    Case("a name of 255 bytes", lambda: {"关" * 83 + "x.jsonl"[-6:]: lines(line(rec(71)))}, 1, only=("ingest", "inbox")),
    Case("a name with spaces, brackets and a newline", lambda: {"目录 (1)\n【副本】.jsonl": lines(line(rec(72)))}, 1, only=("ingest", "inbox")),
    # --- sidecars that disagree with the file
    Case("a sidecar whose title differs from the page", lambda: {"支付.html": _PAGE, "支付.html.json": json.dumps({"title": "春节期间财政资金支付安排"}, ensure_ascii=False).encode()},
         1, kind="documents", titles=("春节期间财政资金支付安排",), only=("ingest", "inbox"),
         differs={"ingest": (1, (), 1)}),
    Case("a sidecar that is a JSON array", lambda: {"支付2.html": _PAGE, "支付2.html.json": json.dumps([{"title": "甲"}], ensure_ascii=False).encode()},
         0, ("sidecar",), kind="documents", only=("ingest", "inbox"),
         differs={"ingest": (0, ("sidecar",), 1)}),
    Case("a sidecar with an impossible date", lambda: {"支付3.html": _PAGE, "支付3.html.json": b'{"publish_date": "2027-02-30"}'}, 0, ("publish_date",),
         kind="documents", only=("ingest", "inbox"), differs={"ingest": (0, ("publish_date",), 1)}),
    Case("a sidecar in GBK naming a field twice (label and name)", lambda: {"支付4.html": _PAGE, "支付4.json": '{"title": "甲", "信息名称": "乙"}'.encode("gbk")}, 0, ("twice",),
         kind="documents", only=("ingest", "inbox"), differs={"ingest": (0, ("twice",), 1)}),
    # --- more line shapes
    # (left, README Known gaps: a line of JSON Lines holding an array is one entry "got list", its records kept in it)
    Case("a JSON Lines line holding an array of two records", lambda: {"arrline.jsonl": lines(line(rec(100)), json.dumps([rec(101), rec(102)], ensure_ascii=False), line(rec(103)))},
         2, ("got list",)),
    Case("a BOM before every line (an appender writing one per write)", lambda: {"boms.jsonl": b"".join(b"\xef\xbb\xbf" + lines(line(rec(i))) for i in range(104, 107))}, 3),
    Case("ten thousand blank lines only", lambda: {"blank.jsonl": b"\r\n" * 10000}, 0, ("empty",),
         differs={"push": (0, (), 0)}),  # (pushed as the body: 400 请求体中没有记录, the request refused whole)
    Case("XML records with a stylesheet instruction and comments", lambda: {"pi.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="gkml.xsl"?>\n'
                                                                                      f"<!-- 导出于 2027-01-05 --><records><record><title>{rec(107)['title']}</title><!-- 备注 -->"
                                                                                      f"<index_number>{rec(107)['index_number']}</index_number></record></records>").encode()},
         1, only=("ingest", "inbox")),
    Case("a sidecar naming another agency's source", lambda: {"支付5.html": _PAGE, "支付5.html.json": json.dumps({"source": "site:xm-fgw"}, ensure_ascii=False).encode()},
         0, ("source",), kind="documents", only=("inbox",)),
    # --- compressed (session 13's gaps)
    Case("a gzip of a gzip record file", lambda: {"export.jsonl.gz.gz": gzip.compress(gzip.compress(lines(line(rec(80)), line(rec(81)))))}, 2, only=("ingest", "inbox")),
    Case("a zip of .jsonl.gz members", lambda: {"十二月.zip": zip_bytes({"一日.jsonl.gz": gzip.compress(lines(line(rec(82)))), "二日.jsonl.gz": gzip.compress(lines(line(rec(83))))})}, 2,
         only=("ingest", "inbox"), differs={"ingest": (2, (), 1)}),
    Case("a zip of record files with an empty member", lambda: {"十一月.zip": zip_bytes({"一日.jsonl": lines(line(rec(84))), "二日.jsonl": b""})}, 1, ("empty",),
         only=("ingest", "inbox"), differs={"ingest": (1, ("empty",), 1)}),
    Case("a zip inside a zip of record files", lambda: {"年度.zip": zip_bytes({"十月.zip": zip_bytes({"a.jsonl": lines(line(rec(85)))}), "b.jsonl": lines(line(rec(86)))})}, 1,
         ("zip inside the zip",), only=("ingest", "inbox"), differs={"ingest": (1, ("zip inside the zip",), 1)}),
    Case("a gzip record file whose trailer is cut off", lambda: {"cut.jsonl.gz": gzip.compress(lines(*(line(rec(i)) for i in range(90, 130))))[:-8]}, 40, ("cut",),
         only=("ingest", "inbox")),
]
