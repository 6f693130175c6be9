"""review, session 18: a new user's walk through the README (the corpus ingested, searched, served) and held-out
material written before the product was run on it (tests/fixtures/heldout18/review/)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app
from gongkai.parsers import Capture, parse

HELDOUT = Path(__file__).parent / "fixtures" / "heldout18" / "review"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REPORTS = CORPUS / "provincial_gov_work_reports_2026"


def _reset_state() -> None:
    from gongkai.cli.context import state

    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None


def _cli(data: Path, *args: str, code: int = 0) -> str:
    _reset_state()
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], catch_exceptions=False)
    _reset_state()
    assert result.exit_code == code, (args, result.stdout, result.stderr)
    return result.stdout


def _parsed(name: str, content_type: str = "text/plain"):
    path = HELDOUT / name
    return parse(Capture(data=path.read_bytes(), url="", content_type=content_type, source="file", filename=name))


# --- a page's byline: 来源：… 时间：DATE names the day the page was published --------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "published"),
    [
        # a work report saved from a news site's page: its toolbar, title, 来源 and 时间 lines over the text
        ("2025_厦门市_政府工作报告.txt", "text/plain", date(2025, 1, 14)),
        # a district site's page: 发表时间 and 来源 each a label line over its value line
        ("同安区政务要闻.txt", "text/plain", date(2025, 1, 20)),
        # a district site's news page, no <meta> dates: its info line of spans
        ("海沧区新闻页.html", "text/html", date(2025, 4, 22)),
        # a Traditional byline on one line, ideographic spaces between its pairs
        ("金門縣政府新聞稿.txt", "text/plain", date(2025, 3, 5)),
        # (written after the first fix) a CMS's time stamp under its 来源 line, no 时间 label (as 云南's page prints it)
        ("集美区教育局动态.txt", "text/plain", date(2025, 8, 26)),
    ],
)
def test_a_pages_byline_time_is_its_publication_day(name, content_type, published) -> None:
    """The 时间 printed beside a page's 来源 is the day the page was published: a news page or a saved report had no
    publish_date (none of the corpus's 21 work reports had one: a search filtered to 2026 found none of them)."""
    assert _parsed(name, content_type).publish_date == published


def test_a_notices_own_time_line_is_no_publication_day() -> None:
    """A notice's 时间：DATE 8:00-17:00 is when the water is off, not when the notice was published: no 来源 beside it."""
    record = _parsed("停水通知_无来源.txt")
    assert record.publish_date != date(2025, 7, 12)
    assert record.written_date == date(2025, 7, 9)


def _printed_day(text: str) -> str | None:
    """The day a report's page prints near its top in a 时间/发表时间 byline (as the index gives it), else None."""
    head = "\n".join(text.splitlines()[:30])
    found = re.search(r"(?:(?:发表)?时间：\s*|来源：.*\n)(\d{4}-\d{2}-\d{2})", head)
    return found[1] if found else None


def test_the_corpus_reports_are_dated_by_their_bylines() -> None:
    """Each 2026 work report whose page prints 时间 (or 发表时间) beside 来源 gets that day, the day the corpus's index
    gives (云南's too, a stamp under its 来源 line with no label); the two without a byline get no made-up day."""
    index = {
        row["file"]: row for row in map(json.loads, (REPORTS / "index.jsonl").read_text(encoding="utf-8").splitlines())
    }
    dated = 0
    for name, row in sorted(index.items()):
        text = (REPORTS / name).read_text(encoding="utf-8")
        record = parse(Capture(data=text.encode(), url="", content_type="text/plain", source="file", filename=name))
        printed = _printed_day(text)
        if printed is None:
            assert record.publish_date is None, name
            continue
        assert printed == row["publish_date"], name  # the corpus agrees with its page
        assert record.publish_date == date.fromisoformat(printed), name
        dated += 1
    assert dated >= 15


# --- a record file's unknown field is named in the Chinese of its quarantine entry ---------------------------------


def test_an_unknown_field_is_named_in_chinese(tmp_path) -> None:
    """A record line with a field no record has (a misspelt publish_data, a label no table knows) was said `无法入库`
    in Chinese, naming nothing: the field's name and what is wrong with it come first, as a missing title's do."""
    data = tmp_path / "data"
    # (the second line's 网页地址 was a label no table knew; since the lead's export labels of session 18 it is the url, and
    # that record goes in: the run stores something, so it exits 0)
    out = _cli(data, "ingest", "--json", str(HELDOUT / "不在册字段.jsonl"), code=0)
    items = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert [item["status"] for item in items] == ["quarantined", "new"]
    listed = [json.loads(line) for line in _cli(data, "quarantine", "list", "--json").splitlines()]
    assert listed
    for entry in listed:
        unknown = re.findall(r"(?:^|; |: )([^\s:;]+): Extra inputs are not permitted", entry["reason"])
        assert unknown, entry
        assert entry["reason_code"] == "invalid_record", entry
        for field in unknown:
            assert field in entry["reason_zh"], entry
    assert any("publish_data" in entry["reason_zh"] for entry in listed)


# --- a news site's page of notices: its byline stamp under the headline dates the notices ---------------------------


def test_a_news_pages_stamp_below_its_headline_dates_its_notices(tmp_path) -> None:
    """A 厦门网 page carrying two 停电通知 (breadcrumb, image caption, headline, then `2025-06-11 20:45 厦门日报`),
    saved and given to `gongkai ingest --notices`: the notices, unsigned by date, were published the day the page
    prints, and their 6月14日/6月15日 windows fall in June 2025 (not the day they were ingested, nor the next June)."""
    data = tmp_path / "data"
    _cli(data, "ingest", "--notices", str(HELDOUT / "厦门网便民信息.txt"))
    records = [json.loads(line) for line in _cli(data, "export").splitlines()]
    outages = [record for record in records if record.get("notice_type") == "outage"]
    assert len(outages) == 2
    assert {record["publish_date"] for record in outages} == {"2025-06-11"}
    starts = sorted(event["start"][:10] for record in outages for event in record["notice"]["events"])
    assert starts == ["2025-06-14", "2025-06-15"]


# --- an operator's summaries after an upgrade: Chinese first, the English as it was -------------------------------


def test_reparse_and_recompute_say_their_counts_chinese_first(tmp_path) -> None:
    """After an upgrade the README sends the operator to `gongkai reparse` (and the daily `validity recompute`): their
    one-line summaries were English only (`new: 0  updated: 19 …`, `read 0 records; 0 statuses changed`), where
    `ingest`, `crawl` and `jobs` say `新增 3  更新 0 / new: 3 …`."""
    data = tmp_path / "data"
    _cli(data, "ingest", str(HELDOUT / "2025_厦门市_政府工作报告.txt"))
    reparsed = _cli(data, "reparse").strip()
    assert reparsed.startswith("新增 0  更新 0  未变 1"), reparsed
    assert "/ new: 0  updated: 0  unchanged: 1" in reparsed and "without a kept capture or withdrawn: 0" in reparsed
    recomputed = _cli(data, "validity", "recompute").strip()
    assert re.match(r"读取 \d+ 条记录，\d+ 条效力状态有变化 / read \d+ records; \d+ statuses changed$", recomputed), (
        recomputed
    )


# --- a span of months is no day -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "项目实施期限为2019.3—2020.12，分两期建设。",
        "任职时间：2021.09-2024.08",
        "整治时间：2024.5－2024.8（共4个月）",
        "试点期为2023/7—2025/6。",
    ],
)
def test_a_span_of_months_is_no_day(text) -> None:
    """`2019.3—2020.12` is March 2019 to December 2020: it was read as the day 2019-03-20 (the next year's first two
    digits taken for the day), with ASCII hyphens before session 18 and with dashes, full-width hyphens and slashes
    since 2f68344 made them date separators."""
    from gongkai.dates import find_dates

    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024.5.8", date(2024, 5, 8)),
        ("2024—05—08 印发", date(2024, 5, 8)),
        ("发布时间：2024-05-08 10:32", date(2024, 5, 8)),
        ("2024年5月8日至2024年8月31日", date(2024, 5, 8)),
    ],
)
def test_a_whole_day_is_still_read(text, day) -> None:
    from gongkai.dates import find_dates

    assert find_dates(text)[0] == day


# --- the same file given to gongkai ingest again is the same record -------------------------------------------------


def _live(data: Path) -> list[dict]:
    return [json.loads(line) for line in _cli(data, "export", "--no-withdrawn").splitlines()]


def test_the_same_file_ingested_again_with_its_sidecar_completed_is_one_record(tmp_path) -> None:
    """An operator loads an agency's folder of documents (no URL, no 索引号: each id is its content's), then the agency
    sends the sidecars it forgot, or an upgrade reads more of the text, and the folder is loaded again: each document
    was stored a second time beside the first (the drop folder and the push find the same bytes: feeds/same_file.py).
    Given its 索引号 later, the record of the 索引号 replaces the first, which is withdrawn."""
    folder = tmp_path / "交付"
    folder.mkdir()
    document = folder / "停水通知.txt"
    document.write_bytes((HELDOUT / "停水通知_无来源.txt").read_bytes())
    data = tmp_path / "data"
    _cli(data, "ingest", str(folder))
    (folder / "停水通知.txt.json").write_text('{"topic": "城乡建设"}', encoding="utf-8")
    _cli(data, "ingest", str(folder))
    live = _live(data)
    assert len(live) == 1 and live[0]["topic"] == "城乡建设" and live[0]["version"] == 2, live
    (folder / "停水通知.txt.json").write_text(
        '{"topic": "城乡建设", "索引号": "XM02000-1700-2025-00031"}', encoding="utf-8"
    )
    _cli(data, "ingest", str(folder))
    live = _live(data)
    assert [record["index_number"] for record in live] == ["XM02000-1700-2025-00031"], live
