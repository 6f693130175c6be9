"""The hand-labelled outage answers (tests/fixtures/outages/answers.json): per (place, day) over real
notices of ../shared/corpus, the fixture columns and the 厦门日报 fixture site, every answer right.
The same scoring as bench/parse_accuracy.py's "outage answer (place, day)" line."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _parse_accuracy():
    if "parse_accuracy" in sys.modules:
        return sys.modules["parse_accuracy"]
    spec = importlib.util.spec_from_file_location("parse_accuracy", REPO / "bench" / "parse_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["parse_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def test_every_labelled_outage_answer_is_right() -> None:
    bench = _parse_accuracy()
    tally = bench.Tally()
    bench.outage_answers(tally)
    counts = {source: cell for (field, source), cell in tally.counts.items() if field == "outage answer (place, day)"}
    assert set(counts) == {"corpus", "parsers", "sites"}
    assert sum(total for _, total in counts.values()) >= 300
    assert tally.misses == []


def test_a_wrong_label_is_counted_wrong(tmp_path) -> None:
    """The scoring can fail: 湖滨南路 labelled on 05-07 (window 2's day) is one wrong answer on each of two days."""
    import json

    bench = _parse_accuracy()
    labels = {"notices": [{"source": "sites:xmrb/pages/xmrb/html/2024-05/06/content_103.htm", "outage": 0,
                           "places": {"湖滨南路": ["2024-05-07"]}}]}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    tally = bench.Tally()
    bench.outage_answers(tally, path)
    assert len(tally.misses) == 2 and all("湖滨南路" in miss for miss in tally.misses)
