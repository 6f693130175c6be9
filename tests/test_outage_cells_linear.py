"""review22b (session 22): the outage parser's cell patterns (`_ESTATE_CELL`, `_ROAD_CELL`, `_OWN_PLACE`, `_SUB_PLACE`)
began with `[\u4e00-\u9fff]{2,}` tried from every start (or before a second run of the same characters), so one long run
of characters with no ending backtracked quadratically: 130 s of CPU on 100 KB. They are read as yes/no only, so two
characters before the ending say the same as more: `{2}`. The names they tell stay told (the outage layout tests
exercise them on real rows); here, a long hostile run ends in time and the short cases answer as before."""

from __future__ import annotations

import subprocess
import sys

from gongkai.parsers.notices import outages


def _runs_within(code: str, seconds: float = 60.0) -> bool:
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=seconds, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_a_long_run_of_characters_is_read_in_linear_time() -> None:
    code = ("from gongkai.parsers.notices import outages as o\n"
            "run = '甲乙丙丁' * 25_000\n"
            "for pattern in (o._ESTATE_CELL, o._ROAD_CELL, o._OWN_PLACE):\n"
            "    assert pattern.search(run) is None\n"
            "assert o._SUB_PLACE.match(run) is None\n")
    assert _runs_within(code)


def test_the_cells_answer_as_before() -> None:
    assert outages._ESTATE_CELL.search("万科城") and outages._ESTATE_CELL.search("杏林湾一号")
    assert outages._ESTATE_CELL.search("华侨城一期") and outages._ESTATE_CELL.search("禾祥西苑3号楼1单元")
    assert not outages._ESTATE_CELL.search("城") and not outages._ESTATE_CELL.search("集美区杏林湾路")
    assert outages._ROAD_CELL.search("集美区杏林湾路") and not outages._ROAD_CELL.search("路")
    assert outages._OWN_PLACE.search("后垵社") and outages._OWN_PLACE.search("东瑶小区")
    assert outages._SUB_PLACE.match("湖滨一里") and outages._SUB_PLACE.match("华美花园3号楼") and outages._SUB_PLACE.match("联发大厦")
    assert not outages._SUB_PLACE.match("一里") and not outages._SUB_PLACE.match("A1区")
