"""Extraction accuracy per field on the real documents of ../shared/corpus (and our notice fixtures).

    python bench/parse_accuracy.py            # table per field and per source
    python bench/parse_accuracy.py --json     # the same numbers as JSON

Only documents that carry a field count for it. Sources and their truth:
- govcn html (40 gov.cn pages; records.jsonl holds the catalogue values),
- govcn as PDF/DOCX (10 files; index.jsonl; written date only where signature_date_in_text),
- govcn text as docx* (the 40 catalogue texts laid out as bare DOCX by this script, one paragraph per
  line as the corpus' own DOCX are made; truth = the catalogue values),
- the Civil Code PDF (231 pages; its header block, per the corpus README),
- Xiamen text pages (web_page_excerpts/gov_document_pages.jsonl: issuer_in_text, doc_no_in_text),
- Beijing TCM notices (publisher = 来源 of the list page, where the article text names it),
- notices: type for the real notices (category in public_notices.jsonl) and our fixture columns;
  outage windows and areas against values we labelled by hand from the printed texts (below);
- outage answers: per (place, day), is the place cut that day, from the parsed notice's events, against
  tests/fixtures/outages/answers.json (labelled by hand: real notices, fixture columns, the 厦门日报
  fixture site's pages); every day the notice's windows touch, one day either side; and the same on the
  demo data's outage notices (truth: the events bench/corpus_gen.py wrote with them).
The notice parser was developed on these same notices: treat those numbers as a development-set score.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from gongkai.outage_areas import parse_query
from gongkai.outages import covered_days, matching_events
from gongkai.parsers import Capture, ParseError, parse, parse_notices

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
FIXTURES = REPO / "tests" / "fixtures" / "parsers"
SITES = REPO / "tests" / "fixtures" / "sites"
OUTAGE_ANSWERS = REPO / "tests" / "fixtures" / "outages" / "answers.json"
XMRB_URL = "https://epaper.xmnn.cn/xmrb/20260312/A12.htm"

# Hand-labelled from the printed texts: windows (ISO start, end) and affected areas, as printed.
OUTAGE_TRUTH: dict[str, dict] = {
    "web-notice-001": {
        "windows": [("2010-12-06T07:00:00", "2010-12-06T18:30:00"), ("2010-12-07T07:00:00", "2010-12-07T18:30:00"),
                    ("2010-12-09T05:30:00", "2010-12-09T20:30:00")],
        "areas": ["泰山区泰前街道迎胜社区居委会", "中国石化山东泰山石油股份有限公司", "山东省交通职工中等专业学校", "迎胜小区", "七里",
                  "鲁能投资公司", "牛奶厂", "泰山学院附属中学", "泰安市消防支队五中队", "澳泰山庄", "圣源美郡", "车务段", "人口学校",
                  "迎胜自来水", "岱北", "岱西", "公安局青年路宿舍", "公安局岱道庵宿舍", "创业房地产", "发改委", "煤炭疗养院", "干休一所",
                  "公安局", "博物馆", "泰安一中", "花园小区", "国税局", "地税局", "财政局", "中医院", "广播电视局", "东岳中学",
                  "无线电管理委员会", "移动公司", "三友社区"],
    },
    "web-notice-002": {
        "windows": [("2014-01-10T06:00:00", "2014-01-10T18:00:00"), ("2014-01-10T14:00:00", "2014-01-10T18:00:00"),
                    ("2014-01-11T08:00:00", "2014-01-11T14:00:00"), ("2014-01-17T06:00:00", "2014-01-17T18:00:00")],
        "areas": ["新华路中段沿线高低压用户", "平煤神马集团建井六处", "东联小区周边区域", "新城区西太平村安置小区", "大阅城小区",
                  "九天庄园小区周边区域", "水景润天小区周边区域"],
    },
    "web-notice-004": {
        "windows": [("2025-05-27T22:00:00", "2025-05-28T05:00:00")],
        "areas": ["桂湖路(桂湖服务站至悦玲珑)两侧用户", "融汇温泉城(A1区、A2区)", "福州温泉城晋安府(A区、B区)", "九里芳华(一期、二期)",
                  "悦玲珑", "桂湖美术馆"],
    },
    "web-notice-005": {
        "windows": [("2024-08-07T23:00:00", "2024-08-08T05:00:00")],
        "areas": ["黄巷两侧沿线用户", "福州泰隐安珀酒店", "福州台湾会馆", "葛家大院", "黄家大院", "小黄楼", "居德斋", "素古咖啡",
                  "宜美术馆", "郭氏民居", "万隆印尼餐厅", "福蝶自然馆"],
    },
}
CATEGORY_TYPE = {"停电通知": "outage", "停水通知": "outage", "交通管制通告": "other", "政务通告": "other"}
# Our fixture columns (written in the newspaper's style; truth is what we wrote).
FIXTURE_TRUTH = {
    "notices_xmrb_column.txt": {
        "types": ["lost", "lost", "lost", "lost", "outage", "outage", "business_tax", "business_tax", "land_housing"],
        "outages": [
            {"windows": [("2026-03-10T06:30:00", "2026-03-10T15:30:00"), ("2026-03-11T08:00:00", "2026-03-11T17:00:00")],
             "areas": ["思明区莲前西路", "洪文五里", "洪文六里", "湖里区江头北路部分路段", "集美区杏林湾路", "杏滨街道西滨社区"]},
            {"windows": [("2026-03-12T22:00:00", "2026-03-13T06:00:00")],
             "areas": ["湖里区仙岳路（金尚路至湖里大道段）两侧用户", "金湖一里", "金湖二里", "殿前街道高殿社区"]},
        ],
    },
    "notices_xmrb_column_2.txt": {
        "types": ["outage", "lost", "lost", "business_tax", "land_housing"],
        "outages": [{"windows": [("2026-04-02T08:30:00", "2026-04-02T17:30:00"), ("2026-04-03T07:00:00", "2026-04-03T12:00:00")],
                     "areas": ["湖里区湖边水库片区", "五缘湾道部分路段", "湖边花园", "湖里区东渡路（海湾公园至东渡码头段）", "厦门国际邮轮中心"]}],
    },
    "notices_xmrb_column.html": {
        "types": ["lost", "lost", "lost", "outage", "land_housing", "business_tax"],
        "outages": [{"windows": [("2026-03-15T09:00:00", "2026-03-15T17:00:00")],
                     "areas": ["海沧区新阳街道新阳路", "兴港路沿线", "海沧区霞阳社区"]}],
    },
}


class Tally:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.misses: list[str] = []

    def add(self, field: str, source: str, expected, actual, where: str) -> None:
        cell = self.counts[(field, source)]
        cell[1] += 1
        if expected == actual:
            cell[0] += 1
        else:
            self.misses.append(f"{field} [{source}] {where}: expected {expected!r}, got {actual!r}")


def cn_date(text: str) -> date:
    year, rest = text.split("年")
    month, rest = rest.split("月")
    return date(int(year), int(month), int(rest.rstrip("日")))


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def safe_parse(capture: Capture, tally: Tally, source: str):
    try:
        return parse(capture)
    except ParseError as error:
        tally.add("parsed without error", source, "ok", error.reason, capture.describe())
        return None


def govcn_html(tally: Tally) -> None:
    source = "govcn html"
    for truth in read_jsonl(CORPUS / "govcn_state_council_policies" / "records.jsonl"):
        record = safe_parse(Capture.from_path(CORPUS / "govcn_state_council_policies" / "html" / f"{truth['id']}.html"), tally, source)
        if record is None:
            continue
        where = truth["id"]
        tally.add("文号 doc_number", source, truth["doc_no"], record.doc_number, where)
        tally.add("索引号 index_number", source, truth["index_no"], record.index_number, where)
        tally.add("发布机构 issuer", source, truth["issuer"], record.issuer, where)
        tally.add("成文日期 written_date", source, cn_date(truth["written_date"]), record.written_date, where)
        tally.add("发布日期 publish_date", source, cn_date(truth["publish_date"]), record.publish_date, where)
        tally.add("标题 title", source, truth["title"], record.title, where)
        tally.add("主题分类 topic", source, truth["topic_category"], record.topic, where)
        if truth["keywords"]:
            tally.add("主题词 keywords", source, truth["keywords"].split(), record.keywords, where)


def govcn_files(tally: Tally) -> None:
    folder = CORPUS / "pdf_docx" / "govcn_as_files"
    for truth in read_jsonl(folder / "index.jsonl"):
        source = "govcn " + truth["file"].rsplit(".", 1)[1]
        record = safe_parse(Capture.from_path(folder / truth["file"]), tally, source)
        if record is None:
            continue
        where = truth["file"]
        tally.add("文号 doc_number", source, truth["doc_number"], record.doc_number, where)
        tally.add("发布机构 issuer", source, truth["issuer"], record.issuer, where)
        if truth["title_in_text"]:
            tally.add("标题 title", source, truth["title"], record.title, where)
        if truth["signature_date_in_text"]:
            tally.add("成文日期 written_date", source, cn_date(truth["written_date"]), record.written_date, where)


def govcn_texts_as_docx(tally: Tally) -> None:
    """The 40 catalogue texts laid out as bare DOCX here (one paragraph per line), like the corpus' own files."""
    import io

    import docx

    source = "govcn text as docx*"
    for truth in read_jsonl(CORPUS / "govcn_state_council_policies" / "records.jsonl"):
        document = docx.Document()
        for line in truth["body_text"].split("\n"):
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        record = safe_parse(Capture(data=buffer.getvalue(), filename=f"{truth['id']}.docx"), tally, source)
        if record is None:
            continue
        where = truth["id"]
        tally.add("文号 doc_number", source, truth["doc_no"], record.doc_number, where)
        tally.add("发布机构 issuer", source, truth["issuer"], record.issuer, where)
        tally.add("标题 title", source, truth["title"], record.title, where)
        tally.add("成文日期 written_date", source, cn_date(truth["written_date"]), record.written_date, where)


def civil_code(tally: Tally) -> None:
    source = "civil code pdf"
    record = safe_parse(Capture.from_path(CORPUS / "pdf_docx" / "中华人民共和国民法典.pdf"), tally, source)
    if record is None:
        return
    tally.add("文号 doc_number", source, "中华人民共和国主席令第四十五号", record.doc_number, "民法典")
    tally.add("发布机构 issuer", source, "全国人民代表大会常务委员会", record.issuer, "民法典")
    tally.add("标题 title", source, "中华人民共和国民法典", record.title, "民法典")
    tally.add("成文日期 written_date", source, date(2020, 5, 28), record.written_date, "民法典")


def xiamen_pages(tally: Tally) -> None:
    source = "xiamen text pages"
    for row in read_jsonl(CORPUS / "web_page_excerpts" / "gov_document_pages.jsonl"):
        record = safe_parse(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], filename="page.txt"), tally, source)
        if record is None:
            continue
        tally.add("发布机构 issuer", source, row["issuer_in_text"], record.issuer, row["id"])
        if row.get("doc_no_in_text"):
            tally.add("文号 doc_number", source, row["doc_no_in_text"], record.doc_number, row["id"])


def beijing(tally: Tally) -> None:
    source = "beijing tcm html"
    for row in read_jsonl(CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl"):
        publisher = "".join((row.get("publisher") or "").split()).replace("\u200b", "")
        # 来源 is list-page metadata: count only pages whose text names that publisher.
        if not publisher or publisher not in "".join((row.get("article_text") or "").split()):
            continue
        record = safe_parse(Capture(data=row["article_html"].encode("utf-8"), url=row["source_url"],
                                    sidecar={"title": row["title"]}), tally, source)
        if record is not None:
            tally.add("发布机构 issuer", source, publisher, record.issuer, row["id"])


def windows_of(notice) -> list[tuple]:
    """The notice's distinct windows (ISO start, end), as the flat list these labels were written for."""
    return [(e.start.isoformat() if e.start else None, e.end.isoformat() if e.end else None) for e in notice.windows()]


def area_scores(tally: Tally, source: str, expected: list[str], actual: list[str], where: str) -> None:
    for area in expected:
        tally.add("outage areas (recall)", source, True, area in actual, f"{where}: {area}")
    for area in actual:
        tally.add("outage areas (precision)", source, True, area in expected, f"{where}: {area}")


def notices(tally: Tally) -> None:
    source = "real notices"
    for row in read_jsonl(CORPUS / "web_page_excerpts" / "public_notices.jsonl"):
        found = parse_notices(Capture(data=row["text"].encode("utf-8"), url=row["source_url"]))
        expected_type = CATEGORY_TYPE[row["category"]]
        for record in found:
            tally.add("notice type", source, expected_type, record.notice_type, row["id"])
        if row["id"] == "web-notice-006":
            tally.add("notices per page", source, 2, len(found), row["id"])
        if row["id"] in OUTAGE_TRUTH and found:
            truth = OUTAGE_TRUTH[row["id"]]
            notice = found[0].notice
            tally.add("outage windows (exact list)", source, truth["windows"], windows_of(notice), row["id"])
            area_scores(tally, source, truth["areas"], notice.area_texts(), row["id"])
    source = "fixture columns"
    for name, truth in FIXTURE_TRUTH.items():
        data = (FIXTURES / name).read_text(encoding="utf-8").encode("gbk" if name.endswith(".html") else "utf-8")
        found = parse_notices(Capture(data=data, url=XMRB_URL, filename=name))
        tally.add("notices per page", source, len(truth["types"]), len(found), name)
        for expected, record in zip(truth["types"], found):
            tally.add("notice type", source, expected, record.notice_type, name)
        outages = [r.notice for r in found if r.notice_type == "outage"]
        for expected, notice in zip(truth["outages"], outages):
            tally.add("outage windows (exact list)", source, expected["windows"], windows_of(notice), name)
            area_scores(tally, source, expected["areas"], notice.area_texts(), name)


def labelled_outage(source: str, index: int):
    """The index-th outage notice of a labelled source: corpus:<id>, parsers:<fixture>, sites:<page>."""
    kind, _, name = source.partition(":")
    if kind == "corpus":
        row = next(r for r in read_jsonl(CORPUS / "web_page_excerpts" / "public_notices.jsonl") if r["id"] == name)
        capture = Capture(data=row["text"].encode("utf-8"), url=row["source_url"])
    elif kind == "parsers":
        data = (FIXTURES / name).read_text(encoding="utf-8").encode("gbk" if name.endswith(".html") else "utf-8")
        capture = Capture(data=data, url=XMRB_URL, filename=name)
    else:  # a page of a fixture site, at the address the fixture server gives it (the date is in the path)
        path = SITES / name
        capture = Capture(data=path.read_bytes(), url="http://127.0.0.1/" + name.split("/pages/", 1)[1], content_type="text/html")
    return [r for r in parse_notices(capture) if r.notice_type == "outage"][index]


def outage_answers(tally: Tally, labels: Path = OUTAGE_ANSWERS) -> None:
    """Per (place, day): the answer the lookup gives from the notice's events against the hand labels."""
    from datetime import timedelta

    for item in json.loads(labels.read_text(encoding="utf-8"))["notices"]:
        record = labelled_outage(item["source"], item["outage"])
        source = item["source"].split(":", 1)[0]
        touched = [days for days in map(covered_days, record.notice.events) if days]
        first = min(d[0] for d in touched) - timedelta(days=1)
        last = max(d[1] for d in touched) + timedelta(days=1)
        for place, cut_days in item["places"].items():
            asked = parse_query(place)
            day = first
            while day <= last:
                expected = day.isoformat() in cut_days
                answered = bool(asked and matching_events(record.notice, asked, day))
                tally.add("outage answer (place, day)", source, expected, answered, f"{item['source']}: {place} {day}")
                day += timedelta(days=1)


def demo_outage_answers(tally: Tally) -> None:
    """The same per (place, day) score on other notices: the demo data's outage notices, parsed from their
    printed text; the truth is the events the generator wrote with them (bench/corpus_gen.py builds them
    from its own blocks, not with the parser)."""
    from datetime import timedelta

    from gongkai.record import Record

    for line in (REPO / "gongkai" / "data" / "sample_records.jsonl").read_text(encoding="utf-8").splitlines():
        truth = Record.model_validate_json(line)
        if truth.notice_type != "outage":
            continue
        capture = Capture(data=f"{truth.title}\n{truth.body}".encode(), url=truth.url,
                          sidecar={"publish_date": truth.publish_date.isoformat()})
        parsed = [r for r in parse_notices(capture) if r.notice_type == "outage"]
        touched = [days for days in map(covered_days, truth.notice.events) if days]
        first = min(d[0] for d in touched) - timedelta(days=1)
        last = max(d[1] for d in touched) + timedelta(days=1)
        for place in dict.fromkeys(a.name for e in truth.notice.events for a in e.areas):
            asked = parse_query(place)
            day = first
            while day <= last:
                expected = bool(matching_events(truth.notice, asked, day))
                answered = bool(parsed and matching_events(parsed[0].notice, asked, day))
                tally.add("outage answer (place, day)", "demo data", expected, answered, f"{truth.id}: {place} {day}")
                day += timedelta(days=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--misses", action="store_true", help="list every wrong value")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    tally = Tally()
    for step in (govcn_html, govcn_files, govcn_texts_as_docx, civil_code, xiamen_pages, beijing, notices, outage_answers,
                 demo_outage_answers):
        step(tally)
    per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (field, _source), (right, total) in tally.counts.items():
        per_field[field][0] += right
        per_field[field][1] += total
    if args.json:
        print(json.dumps({
            "fields": {f: {"correct": r, "total": t, "accuracy": round(r / t, 4)} for f, (r, t) in per_field.items()},
            "by_source": {f"{f} | {s}": {"correct": r, "total": t} for (f, s), (r, t) in tally.counts.items()},
            "misses": tally.misses,
        }, ensure_ascii=False, indent=2))
        return 0
    print(f"{'field':34} {'correct':>8} {'total':>6} {'accuracy':>9}")
    for field, (right, total) in per_field.items():
        print(f"{field:34} {right:8d} {total:6d} {right / total:9.1%}")
    print("\nby source:")
    for (field, source), (right, total) in sorted(tally.counts.items()):
        print(f"  {field:34} {source:20} {right:4d}/{total:<4d} {right / total:7.1%}")
    if args.misses or tally.misses:
        print(f"\nwrong values ({len(tally.misses)}):")
        for miss in tally.misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
