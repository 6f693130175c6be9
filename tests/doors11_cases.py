"""Held-out hostile deliveries of doors11 (session 19), written with their expectations before they were run: what a
厦门市交通运输局 and a 厦门市市场监督管理局 really hand over, most of it out of Excel (a "CSV (逗号分隔)" export in GBK, a
"CSV UTF-8" one with its BOM, a `;` export of a European-locale Excel, "文本文件(制表符分隔)" saved as .txt, a sheet whose
first rows are a merged title, an .xlsx renamed .csv), an API dump saved as .json (`{"code":0,"data":[…]}`), JSON with
comments, records glued with commas, GB2312 with user-defined (private-use) characters, 文号 in three bracket forms, a
CMS's 页面不存在 page without a status number, sent through the drop folder, the push (a real socket), `gongkai ingest`
and polling by tests/hostile_cases.py's runners, each checked by its conservation law (stored + quarantined + refused +
left = items). Records modelled on those two bodies' disclosure catalogues, none from the repo's fixtures nor earlier
doors rounds'. What needs the machine or a closer look is in tests/test_doors_heldout11.py."""

from __future__ import annotations

import io
import json

from tests.hostile_cases import Case

_TITLES = (
    "厦门市交通运输局关于调整部分公交线路走向的通告",
    "厦门市市场监督管理局关于2031年第一批食品安全监督抽检结果的通告",
    "厦门市交通运输局关于开展网络预约出租汽车驾驶员从业资格考试的公告",
    "厦门市市场监督管理局关于注销一批长期停业未经营企业营业执照的公告",
    "关于2031年春运期间厦门市道路客运班线临时调整的通知",
    "厦门市市场监督管理局行政处罚信息公示（2031年第3期）",
    "厦门市交通运输局关于同安区部分道路实施交通管制的通告",
)
HEADER = ("信息名称", "文号", "发布日期", "发布机构", "全文", "原文链接")


def rec(i: int, **extra: object) -> dict:
    """A disclosure-catalogue record (its 索引号 makes its id); no issuer: the door fills it."""
    return {
        "title": _TITLES[i % len(_TITLES)] + ("" if i < len(_TITLES) else f"（第{i}号）"),
        "index_number": f"XM00127-0200-2031-{i:05d}",
        "publish_date": f"2031-{1 + i % 12:02d}-{10 + i % 18}",
        "doc_number": f"厦交〔2031〕{i + 11}号",
        "body": "各区交通运输局，各有关单位：为进一步规范道路运输市场秩序，现将有关事项通告如下。" * 2,
        **extra,
    }


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def crlf(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def _cell(value: str, sep: str) -> str:
    """A cell as Excel writes it: quoted when it holds the separator, a quote or a line break (quotes doubled)."""
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def catalogue_row(i: int, **extra: str) -> tuple[str, ...]:
    """One row under HEADER: a document of the 交通运输局's catalogue; its body has line breaks (Alt+Enter in a cell)."""
    r = rec(i)
    row = {
        "信息名称": r["title"],
        "文号": r["doc_number"],
        "发布日期": r["publish_date"].replace("-", "/").replace("/0", "/"),  # Excel's short date: 2031/2/11
        "发布机构": "厦门市交通运输局",
        "全文": "各区交通运输局，各有关单位：\n现将有关事项通告如下：\n一、自2031年起执行。\n二、请遵照执行。",
        "原文链接": f"http://jtj.xm.gov.cn/zwgk/tzgg/2031/t2031_{i:05d}.htm",
        **extra,
    }
    return tuple(row[h] for h in HEADER)


def csv_bytes(
    rows: list[tuple[str, ...]],
    sep: str = ",",
    encoding: str = "gbk",
    bom: bool = False,
    header: tuple[str, ...] = HEADER,
    above: list[str] = (),
) -> bytes:
    """A sheet saved by Excel: CRLF rows, cells quoted as Excel does; `above`: rows before the header (a merged title)."""
    lines = [*above, sep.join(header), *(sep.join(_cell(c, sep) for c in row) for row in rows)]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def T(i: int) -> str:
    return rec(i)["title"]


def _xlsx_named_csv() -> bytes:
    """A real .xlsx (Excel 2007+) a clerk renamed 目录.csv because the portal asks for CSV."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HEADER))
    for i in range(30, 33):
        sheet.append(list(catalogue_row(i)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _api_dump(key: str, indices: range, wrap: str = "") -> bytes:
    """A CMS's list API saved by a script (`curl -o 目录.json`): the records under `data`/`list`/`rows`, beside paging."""
    records = [rec(i) for i in indices]
    if wrap:  # {"code": 0, "data": {"total": 3, "list": […]}}
        return json.dumps(
            {"code": 0, "msg": "操作成功", wrap: {"total": len(records), "pageNo": 1, key: records}}, ensure_ascii=False
        ).encode()
    return json.dumps(
        {"code": 200, "msg": "success", "total": len(records), key: records}, ensure_ascii=False, indent=2
    ).encode()


def _json_with_comments() -> bytes:
    """A hand-kept .json with a header comment, an array, a note after an element (JSONC, as VS Code saves it)."""
    return crlf(
        "// 厦门市交通运输局 政府信息公开目录 导出于 2031-03-02",
        "/* 第一季度 */",
        "[",
        "  " + line(rec(40)) + ", // 已核对",
        "  " + line(rec(41)) + ",",
        "  " + line(rec(42)),
        "]",
    )


def _comma_glued() -> bytes:
    """Objects written `{…},{…},{…}` on one line (an array's brackets lost: a script's `join(",")`), then a good line."""
    return crlf(",".join(line(rec(i)) for i in range(43, 46)), line(rec(46)))


def _gb2312_private_use() -> bytes:
    """A GB2312 export whose one name holds a character the agency made with the IME's 造字程序 (user-defined area
    0xAAA1, U+E000 in GB18030), a name the standard set lacks; the other line plain."""
    odd = (
        line(rec(47, title="TITLEMARK"))
        .encode("gbk")
        .replace(
            b"TITLEMARK", "关于对陈".encode("gbk") + b"\xaa\xa1" + "经营的个体工商户作出行政处罚的公示".encode("gbk")
        )
    )
    return line(rec(48)).encode("gbk") + b"\r\n" + odd + b"\r\n"


def _three_bracket_forms() -> bytes:
    """One document pasted three times from three systems, its 文号 as 〔〕, （） and ［］ (no 索引号 nor URL)."""
    first = {k: v for k, v in rec(49).items() if k != "index_number"}
    forms = [
        first["doc_number"],
        first["doc_number"].replace("〔", "（").replace("〕", "）"),
        first["doc_number"].replace("〔", "［").replace("〕", "］"),
    ]
    return crlf(*(line({**first, "doc_number": form}) for form in forms))


NOT_FOUND_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面不存在</title></head><body>'
    '<div class="error"><img src="/images/404.png"><h2>抱歉，您访问的页面不存在或已被删除！</h2>'
    '<p><a href="/">返回首页</a></p></div></body></html>'
)
GBK_NOT_FOUND_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>厦门市市场监督管理局</title></head>'
    '<body><div class="notfound"><h1>您访问的页面不存在</h1><p>可能的原因：网址有误，或该信息已被删除、撤销。</p>'
    '<p><span id="sec">5</span>秒后自动跳转到<a href="http://scjg.xm.gov.cn/">网站首页</a></p></div></body></html>'
)

CASES: list[Case] = [
    Case(
        "an Excel CSV export in GBK, quoted cells with line breaks",
        lambda: {"政府信息公开目录.csv": csv_bytes([catalogue_row(i) for i in range(0, 4)])},
        4,
        titles=(T(0), T(3)),
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV UTF-8 export with a BOM and one row dated 2031/13/45",
        lambda: {
            "目录.csv": csv_bytes(
                [catalogue_row(4), catalogue_row(5), catalogue_row(6, 发布日期="2031/13/45"), catalogue_row(7)],
                encoding="utf-8",
                bom=True,
            )
        },
        3,
        ("publish_date",),
        titles=(T(4),),
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a semicolon CSV of a European-locale Excel",
        lambda: {
            "catalogue.csv": csv_bytes([catalogue_row(i) for i in range(8, 11)], sep=";", encoding="utf-8", bom=True)
        },
        3,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "Excel's 文本文件(制表符分隔) saved as .txt in GBK",
        lambda: {"目录.txt": csv_bytes([catalogue_row(i) for i in range(11, 14)], sep="\t")},
        3,
        titles=(T(12),),
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "Excel's Unicode 文本 (UTF-16, tabs) as .txt",
        lambda: {
            "目录2.txt": b"\xff\xfe"
            + csv_bytes([catalogue_row(i) for i in range(14, 16)], sep="\t", encoding="utf-16-le")
        },
        2,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV whose first rows are a merged title and an export date",
        lambda: {
            "一季度目录.csv": csv_bytes(
                [catalogue_row(i) for i in range(16, 19)],
                above=["厦门市交通运输局政府信息公开目录,,,,,", "导出时间：2031-03-05 09:12,,,,,"],
            )
        },
        3,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV with a 序号 column and labels 标题/发文字号/成文日期",
        lambda: {
            "公示.csv": csv_bytes(
                [(str(n), *catalogue_row(i)[:3]) for n, i in enumerate(range(19, 22), start=1)],
                header=("序号", "标题", "发文字号", "成文日期"),
            )
        },
        3,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV of prices (no record labels) stays a document",
        lambda: {
            "收费标准.csv": "项目,单位,收费标准（元）\r\n机动车检验,辆次,160\r\n驾驶证补证,本,10\r\n".encode("gbk")
        },
        1,
        kind="documents",
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "an .xlsx renamed .csv",
        lambda: {"目录.csv": _xlsx_named_csv()},
        1,  # read as the spreadsheet it is: one document, as an .xlsx is (no records read out of a sheet)
        kind="documents",
        only=("ingest", "inbox", "push"),
    ),
    Case(
        "an empty .csv beside a good one",
        lambda: {"空.csv": b"", "满.csv": csv_bytes([catalogue_row(22)])},
        1,
        ("empty",),
        only=("ingest", "inbox"),
    ),
    Case(
        "a CSV with a NUL byte in one row's cell",
        lambda: {
            "抽检.csv": csv_bytes(
                [catalogue_row(23), catalogue_row(24, 全文="抽检结果\x00见附件"), catalogue_row(25)], encoding="utf-8"
            )
        },
        2,
        ("NUL",),
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV with a 2 MB 全文 cell",
        lambda: {"长文.csv": csv_bytes([catalogue_row(26, 全文="道路运输管理条例。" * 230_000), catalogue_row(27)])},
        2,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9; one row goes in as its record)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CMS API dump: {code, msg, total, rows: [...]}",
        lambda: {"接口导出.json": _api_dump("rows", range(50, 53))},
        3,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "an API dump with the list one level down: {code, data: {total, list: [...]}}",
        lambda: {"list.json": _api_dump("list", range(53, 55), wrap="data")},
        2,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a .json with a header comment and notes (JSONC)",
        lambda: {"目录.json": _json_with_comments()},
        3,
        # (my expectation was wrong for the push: a pushed FILE of several records is refused 422 and kept, `push them as
        # a record batch`, the push's rule since doors9)
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case("records glued with commas on one line", lambda: {"合并.jsonl": _comma_glued()}, 4),
    Case("a GB2312 export with a user-defined character", lambda: {"处罚.jsonl": _gb2312_private_use()}, 2),
    Case("one document with its 文号 in three bracket forms", lambda: {"三份.jsonl": _three_bracket_forms()}, 1),
]

DOCUMENT_CASES: list[Case] = [
    Case(
        "a CMS 页面不存在 page saved as 通知.html",
        lambda: {"通知.html": NOT_FOUND_PAGE.encode()},
        0,
        ("页面不存在",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a GBK 您访问的页面不存在 page with a redirect counter",
        lambda: {"公告.htm": GBK_NOT_FOUND_PAGE.encode("gbk")},
        0,
        ("页面不存在",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a text notice with commas is no CSV",
        lambda: {
            "停运通知.txt": (
                "厦门市交通运输局关于2031年春节期间轮渡停运的通知\r\n\r\n各位市民：\r\n因天气原因，三丘田码头、"
                "内厝澳码头，2月1日至2月3日停运，请合理安排出行。\r\n厦门市交通运输局\r\n2031年1月28日\r\n"
            ).encode("gbk")
        },
        1,
        kind="documents",
        titles=("厦门市交通运输局关于2031年春节期间轮渡停运的通知",),
        only=("ingest", "inbox", "push", "poll"),
    ),
]


# ================================================================== round 2 (written after round 1's fixes, before running)


def _wps_quoted_lf() -> bytes:
    """WPS 表格's CSV: a UTF-8 BOM, LF line ends, every cell quoted."""
    rows = [HEADER, *(catalogue_row(i) for i in range(70, 73))]
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows) + "\n"
    return b"\xef\xbb\xbf" + text.encode()


def _catalogue_columns() -> bytes:
    """A disclosure system's full catalogue export: 索引号, 有效性 and 公开方式 (a label no field holds) beside the rest."""
    header = ("索引号", "信息名称", "发文字号", "成文日期", "公开方式", "有效性")
    rows = [
        (rec(i)["index_number"], rec(i)["title"], rec(i)["doc_number"], rec(i)["publish_date"], "主动公开", "有效")
        for i in (73, 74)
    ]
    return csv_bytes(rows, header=header)


T_TRAD = "廈門市交通運輸局關於調整計程車運價的公告"


def _big5_traditional() -> bytes:
    """A Traditional-Chinese Windows (Big5) export with Traditional labels 信息名稱/發布日期/發布機構."""
    header = ("信息名稱", "發布日期", "發布機構", "原文鏈接")
    rows = [
        (T_TRAD, "2031/3/1", "廈門市交通運輸局", "http://jtj.xm.gov.cn/zwgk/2031/t1.htm"),
        (
            "廈門市交通運輸局關於公交線路調整的通告",
            "2031/3/2",
            "廈門市交通運輸局",
            "http://jtj.xm.gov.cn/zwgk/2031/t2.htm",
        ),
    ]
    return csv_bytes(rows, header=header, encoding="big5")


def _stray_comma_row() -> bytes:
    """A row whose 文号 holds an unquoted comma (a hand-written CSV): one cell too many; the others fine."""
    good = [",".join(_cell(c, ",") for c in catalogue_row(i)) for i in (75, 77)]
    bad = list(catalogue_row(76))
    bad_line = ",".join([bad[0], "厦交〔2031〕87号,厦交〔2031〕88号", *(_cell(c, ",") for c in bad[2:])])
    return crlf(",".join(HEADER), good[0], bad_line, good[1], encoding="gbk")


def _same_link_two_bodies() -> bytes:
    """One 原文链接 twice (the document edited between two exports pasted into one sheet), two bodies."""
    first = catalogue_row(78, 全文="初稿：现将有关事项通告如下。")
    second = catalogue_row(78, 全文="修订稿：现将有关事项通告如下，请遵照执行。")
    return csv_bytes([first, second, catalogue_row(79)])


def _cut_inside_a_quoted_cell() -> bytes:
    """An upload that broke off inside the last row's quoted 全文 cell (no closing quote, no line end)."""
    whole = csv_bytes([catalogue_row(80), catalogue_row(81)])
    last = ",".join(_cell(c, ",") for c in catalogue_row(82)).encode("gbk")
    return whole + last[: last.index("现将".encode("gbk"))]


def _padded_labels() -> bytes:
    """Labels typed with padding and full-width colons, as a template prints them (信 息 名 称：, 文　　号：)."""
    header = ("信 息 名 称：", "文　　号：", "发布日期:", "原文链接")
    rows = [
        (rec(i)["title"], rec(i)["doc_number"], rec(i)["publish_date"], f"http://scjg.xm.gov.cn/zwgk/{i}.htm")
        for i in (83, 84)
    ]
    return csv_bytes(rows, header=header)


T_GB18030 = "厦门市市场监督管理局关于𠮷祥食品店（䶮记）注销登记的公告"


def _gb18030_csv() -> bytes:
    rows = [catalogue_row(85, 信息名称=T_GB18030), catalogue_row(86)]
    return csv_bytes(rows, encoding="gb18030")


NUMBER_ONLY_404 = (
    "<html><head><title>404</title></head><body><h1>Not Found</h1>"
    "<p>The requested URL was not found on this server.</p></body></html>"
)

CASES2: list[Case] = [
    Case(
        "WPS CSV: BOM, LF ends, every cell quoted",
        lambda: {"wps导出.csv": _wps_quoted_lf()},
        3,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a catalogue CSV with 索引号, 有效性 and 公开方式 columns",
        lambda: {"公开目录.csv": _catalogue_columns()},
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a Big5 CSV with Traditional labels",
        lambda: {"繁體目錄.csv": _big5_traditional()},
        2,
        titles=(T_TRAD,),
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a row with an unquoted comma in its 文号",
        lambda: {"手工.csv": _stray_comma_row()},
        2,
        ("cells",),
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "one 原文链接 twice with two bodies",
        lambda: {"两稿.csv": _same_link_two_bodies()},
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a CSV cut inside a quoted cell",
        lambda: {"中断.csv": _cut_inside_a_quoted_cell()},
        2,
        ("CSV",),
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "labels padded with spaces and full-width colons",
        lambda: {"模板.csv": _padded_labels()},
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a GB18030 CSV with characters outside GBK",
        lambda: {"注销.csv": _gb18030_csv()},
        2,
        titles=(T_GB18030,),
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "a .tsv in UTF-16 big-endian with its BOM",
        lambda: {
            "目录.tsv": b"\xfe\xff" + csv_bytes([catalogue_row(87), catalogue_row(88)], sep="\t", encoding="utf-16-be")
        },
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "an API answer {result: {records: [...]}}",
        lambda: {
            "records.json": json.dumps(
                {"success": True, "result": {"records": [rec(89), rec(90)], "total": 2}}, ensure_ascii=False
            ).encode()
        },
        2,
        differs={"push": (0, ("push them as",), 0)},
    ),
    Case(
        "an API error answer saved as .json: {code: 500, msg: 系统繁忙, data: null}",
        lambda: {
            "失败.json": json.dumps(
                {"code": 500, "msg": "系统繁忙，请稍后再试", "data": None}, ensure_ascii=False
            ).encode()
        },
        0,
        ("title",),
    ),
    Case(
        "a page titled 404 alone, Not Found its heading",
        lambda: {"通告.html": NUMBER_ONLY_404.encode()},
        0,
        ("404",),
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
    Case(
        "a notice whose first line holds a tab",
        lambda: {
            "停电.txt": "停电通知\t2031年3月5日\r\n因线路检修，湖里区部分区域3月7日停电。\r\n国网厦门供电公司\r\n".encode(
                "gbk"
            )
        },
        1,
        kind="documents",
        only=("ingest", "inbox", "push", "poll"),
    ),
]
