"""Held-out deliveries of doors12 (session 20), written with their expectations before they were run: catalogues that name
the files beside them (the corpus's `index.jsonl` of laws, work reports and gov.cn files, a CMS's GBK `manifest.csv`, a
`files.json` list), and feed files handed over instead of polled (a JSON Feed 1.0 of a 水务局 with numeric ids, the corpus's
人民网 JSON Feed 1.1, a GB2312 RSS 2.0 of a 财政局, an Atom feed of a 生态环境局). The feed files go through
tests/hostile_cases.py's runners (the drop folder, `gongkai ingest`, the push over a socket); the catalogues need a closer
look (which title, date and URL each file got) and are checked in tests/test_doors_heldout12.py."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile_cases import CORPUS, Case

HERE = Path(__file__).parent / "fixtures" / "heldout20" / "doors12"
WORK_REPORTS = CORPUS / "provincial_gov_work_reports_2026"
GOVCN_FILES = CORPUS / "pdf_docx" / "govcn_as_files"
LAWS = CORPUS / "lawrefbook_regulations"
PEOPLE_FEED = CORPUS / "feeds_format_samples" / "jsonfeed_people_politics.json"


def catalogue(folder: Path) -> list[dict]:
    """A corpus folder's index.jsonl, its entries as dicts."""
    return [json.loads(line) for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def jsonl(entries: list[dict]) -> bytes:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode()


def corpus_folder(folder: Path, names: list[str] | None = None, extra: list[dict] = ()) -> dict[str, bytes]:
    """A corpus folder as delivered: its files (all, or `names`) and its index.jsonl (the entries of those files, then
    `extra`)."""
    entries = [e for e in catalogue(folder) if names is None or e["file"] in names]
    files = {e["file"]: (folder / e["file"]).read_bytes() for e in entries}
    return {**files, "index.jsonl": jsonl([*entries, *extra])}


def page(title_in_body: str, body: str) -> bytes:
    """A CMS page saved without its <title> (a 附件 export): its heading is a column's name, not the document's title."""
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>通知公告</title></head><body>'
        f'<div class="bt">{title_in_body}</div><div class="TRS_Editor"><p>{body}</p></div></body></html>'
    ).encode("gbk")


CZ_PAGES = {
    "t20310301_8812.html": page("通知公告", "各区财政局、市直各部门：为加强预算绩效管理，现将有关事项通知如下。"),
    "t20310305_8820.html": page("通知公告", "各有关单位：根据《政府采购法》，现公布2031年政府采购集中采购目录。"),
    "t20310307_8827.html": page("通知公告", "各区财政局：现将2031年中央财政衔接推进乡村振兴补助资金预算下达给你们。"),
}
CZ_TITLES = (
    "厦门市财政局关于加强2031年预算绩效管理的通知",
    "厦门市财政局关于公布2031年政府采购集中采购目录及标准的通知",
    "厦门市财政局关于下达2031年衔接推进乡村振兴补助资金预算的通知",
)


def manifest_csv() -> bytes:
    """A CMS's 导出附件 manifest, saved by Excel as "CSV (逗号分隔)": GBK, CRLF, a 序号 column, short dates."""
    rows = ["序号,文件名,标题,发布日期,原文链接"]
    for n, (name, title) in enumerate(zip(CZ_PAGES, CZ_TITLES), start=1):
        day = name[1:9]  # (my slip: the day of t20310301_8812.html is [1:9], not [5:13])
        rows.append(f"{n},{name},{title},{day[:4]}/{int(day[4:6])}/{int(day[6:])},http://cz.xm.gov.cn/zwgk/tzgg/203103/{name[:-5]}.htm")
    return ("\r\n".join(rows) + "\r\n").encode("gbk")


# ------------------------------------------------------------------ feed files handed over (Case: tests/hostile_cases.py)

SWJ_FEED = (HERE / "swj_feed.json").read_bytes()
CZ_RSS = (HERE / "cz_rss_gb2312.xml").read_bytes()
STHJJ_ATOM = (HERE / "sthjj_atom.xml").read_bytes()
#: a pushed FILE of several records is refused 422 and kept, "push them as a record batch" (the push's rule since doors9)
PUSH_MANY = (0, ("push them as",), 0)

FEED_CASES: list[Case] = [
    Case(
        "the corpus's 人民网 JSON Feed 1.1 handed over as a file",
        lambda: {"people-politics.json": PEOPLE_FEED.read_bytes()},
        5,
        titles=("韩正会见中美高级别二轨对话美方代表团",),
        differs={"push": PUSH_MANY},
    ),
    Case(
        "a 水务局's JSON Feed 1.0: numeric ids, content_text, one item without a url, one without a title",
        lambda: {"feed.json": SWJ_FEED},
        2,
        ("title",),
        titles=("关于湖里区殿前街道部分区域停水的通知", "关于思明区莲前街道部分区域降压供水的通知"),
        differs={"push": PUSH_MANY},
    ),
    Case(
        "a 财政局's RSS 2.0 in GB2312 saved from its site",
        lambda: {"rss.xml": CZ_RSS},
        3,
        titles=("厦门市财政局关于做好2031年度部门决算编报工作的通知", "关于开展2031年会计信息质量检查的通知"),
        differs={"push": PUSH_MANY},
    ),
    Case(
        "a 生态环境局's Atom feed named .atom",
        lambda: {"环境信息.atom": STHJJ_ATOM},
        2,
        titles=("厦门市生态环境局关于受理建设项目环境影响报告书的公示",),
        differs={"push": PUSH_MANY},
    ),
    Case(
        "a JSON Feed beside a document: the feed's items and the document",
        lambda: {"feed.json": SWJ_FEED, "t20310301_8812.html": CZ_PAGES["t20310301_8812.html"]},
        3,
        ("title",),
        titles=("关于湖里区殿前街道部分区域停水的通知",),
        only=("ingest", "inbox"),
    ),
]
