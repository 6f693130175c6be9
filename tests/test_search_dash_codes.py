"""A code of letters and digits typed with dashes (2023-Y45) or with 号 after it (2016P52号地块) finds it printed joined and
bare (（2023Y45）, 地块编号2016P52): the land notices of the
corpus print their plot numbers so, and a citizen copies them from a map or a sign with a dash (search17, held-out
round 1: `2023-Y45` found nothing, the query read as a 索引号 no record carries). Real records, real index."""

from __future__ import annotations

import pytest

from gongkai.indexer.codes import dash_forms
from tests.support import build_engine, sample_records, search, shown
from tests.test_index_helpers import all_records


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    records = [r for r in sample_records() + all_records() if "出让公告" in r.title]
    built = build_engine(tmp_path_factory.mktemp("dash_codes") / "data", records)
    yield built
    built.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("2023-Y45", "9a52ddf20d59d2b80a2f"),
    ("2016-P52", "50597fb8144b80e1a464"),
    ("2016-p50", "7e28833a0cc50fe0a038"),
    ("挂牌出让2018-H03", "8fa69deaec0ac6ed4bad"),
    ("2023Y45", "9a52ddf20d59d2b80a2f"),  # typed as printed: as before
    # a code's 号 ("No.") is seldom printed after it: 地块编号2016P52, （2016P52） (held-out round 2: a relaxed answer)
    ("2016P52号地块", "50597fb8144b80e1a464"),
    ("2018H03号", "8fa69deaec0ac6ed4bad"),
])
def test_plot_number_typed_with_a_dash(engine, query, expected) -> None:
    hits = search(engine, query).hits
    assert hits and hits[0].id == expected, (query, shown(hits[:3]))


def test_the_dash_still_separates_other_plots(engine) -> None:
    # 2016-P52 is not 2016P50: the joined form is the whole code, not its parts anywhere
    assert [h.id for h in search(engine, "2016-P52").hits] == ["50597fb8144b80e1a464"]


def test_digits_alone_keep_their_dash() -> None:
    assert dash_forms("2025-2028") == ("2025-2028",)  # a range
    assert dash_forms("0592-8397") == ("0592-8397",)  # a phone number's part: indexer/codes reads those
    assert dash_forms("Wi-Fi") == ("Wi-Fi", "WiFi")
    assert dash_forms("PM2.5") == ("PM2.5",)
