"""review, session 17: a new operator's first hour (phase 1) and held-out probes of the session's riskiest commits
(phase 2). The material was written before the product was run on it (tests/fixtures/heldout17/review/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app

HELDOUT = Path(__file__).parent / "fixtures" / "heldout17" / "review"
COLUMN = HELDOUT / "round1" / "厦门日报-2025-09-12-B3.txt"


def _reset_state() -> None:
    from gongkai.cli.context import state

    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None


def _cli(data: Path, *args: str) -> str:
    _reset_state()
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], catch_exceptions=False)
    _reset_state()
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _exported(data: Path) -> dict[str, dict]:
    return {record["title"]: record for record in map(json.loads, _cli(data, "export").splitlines())}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # the column as saved: its edition line over the notices, a dated file name
        ("厦门日报-2025-09-12-B3.txt", COLUMN.read_text(encoding="utf-8")),
        # the edition line alone says the day (the file renamed by the operator)
        ("B3版.txt", COLUMN.read_text(encoding="utf-8")),
        # the file name alone says it (the edition line not copied)
        ("xmrb_20250912_B3.txt", COLUMN.read_text(encoding="utf-8").split("\n", 2)[2]),
    ],
)
def test_a_saved_columns_unsigned_notices_are_dated_by_its_edition(tmp_path, name, text) -> None:
    """A 厦门日报 column saved to a file (no URL, no sidecar) and given to `gongkai ingest --notices`: its unsigned
    遗失声明 were published the day it was ingested (2026-12-07, fifteen months after the issue), the signed 停电通知
    beside them on its signature's day. The issue date the column prints over its notices, or the file's name, is
    the issue's (parsers.notices.printed_issue_date)."""
    column = tmp_path / name
    column.write_text(text, encoding="utf-8")
    _cli(tmp_path / "data", "ingest", "--notices", str(column))
    records = _exported(tmp_path / "data")
    assert records["厦门市海沧区鑫源贸易有限公司遗失声明"]["publish_date"] == "2025-09-12"
    assert records["林晓东遗失声明"]["publish_date"] == "2025-09-12"
    assert records["停电通知"]["publish_date"] == "2025-09-12"


def test_a_date_in_the_first_notice_is_no_edition_line(tmp_path) -> None:
    """Only an edition line (the paper or its page beside one date) dates the column: a first notice's title that
    prints a day (关于2025年9月20日…停水的通知) does not, nor does its sentence."""
    column = tmp_path / "便民公告.txt"
    column.write_text(
        "关于2025年9月20日湖里区部分路段停水的通知\n因管网改造，定于2025年9月20日8:00-18:00对湖里区吕岭路停水。\n"
        "厦门水务集团有限公司\n2025年9月16日\n\n遗失声明\n陈小红遗失厦门日报社记者证，声明作废。\n",
        encoding="utf-8",
    )
    _cli(tmp_path / "data", "ingest", "--notices", str(column))
    records = _exported(tmp_path / "data")
    assert records["关于2025年9月20日湖里区部分路段停水的通知"]["publish_date"] == "2025-09-16"
    assert not records["陈小红遗失声明"]["publish_date"].startswith("2025-")


@pytest.mark.parametrize(
    ("name", "typed", "said"),
    [
        ("kind", "通知", "政府信息公开、便民公告"),
        ("notice_type", "停电", "停水停电通知"),
        ("sort", "新", "相关度、发布日期"),
    ],
)
def test_a_refused_choice_names_the_words_it_takes(name, typed, said) -> None:
    """`gongkai search 停电 --kind 通知` (and the API's kind=通知) was told `must be one of disclosure, notice`: the codes
    alone, though the page's own words (便民公告, 停水停电通知, 发布日期) are taken too and are what a new user knows."""
    from gongkai.search_params import ParameterError, build_params
    from gongkai.settings import SearchSettings

    with pytest.raises(ParameterError) as caught:
        build_params({"q": "停电", name: typed}, SearchSettings(), strict=True)
    chinese = caught.value.message.partition(" / ")[0]
    assert chinese.startswith("不是可选的值") and said in chinese, caught.value.message


def test_a_saved_e_paper_pages_edition_bar_dates_its_column(tmp_path) -> None:
    """A 厦门晚报 便民公告 page saved from the browser prints its edition line (厦门晚报 2025年11月3日 第A12版) in a
    header bar its markup names as chrome (class="top"): its 注销公告 and 遗失声明 were published the day they were
    ingested, and the 注销公告's 45-day claim period ran from that day (claim_deadline 2027-01-21, not 2025-12-18)."""
    page = HELDOUT / "round2" / "厦门晚报便民公告.html"
    _cli(tmp_path / "data", "ingest", "--notices", str(page))
    records = _exported(tmp_path / "data")
    assert {title: record["publish_date"] for title, record in records.items()} == {
        "注销公告": "2025-11-03",
        "王丽华遗失声明": "2025-11-03",
        "停水通知": "2025-11-03",
    }
    assert records["注销公告"]["notice"]["claim_deadline"] == "2025-12-18"
