"""The garbage collector during an ingest (gongkai.ingest_session._fewer_collections, gongkai.jsonl_worker):
collections are rarer for the length of an ingest call and the process's own thresholds come back after it,
also when the call fails; a record file read by the worker (which freezes what it inherited) loses nothing."""

from __future__ import annotations

import gc
import json

import pytest

from gongkai.engine import Engine
from gongkai.ingest import IngestItem
from gongkai.ingest_session import INGEST_GC_THRESHOLD
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from gongkai.settings import load_settings
from tests.conftest import govcn_records


def corpus_records() -> list[dict]:
    return govcn_records()  # the 40 real 国务院 policies in the record format


def test_collections_are_rarer_during_an_ingest_call_and_the_thresholds_come_back(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    raw = corpus_records()[:5]
    items = (IngestItem(f"t:{n}", record=Record.model_validate(value)) for n, value in enumerate(raw))
    report = engine.ingest_items(items, on_item=lambda result: seen.append(gc.get_threshold()))
    assert report.counts["new"] == 5
    assert seen and all(t[0] == max(before[0], INGEST_GC_THRESHOLD) for t in seen)
    assert gc.get_threshold() == before
    engine.close()


def test_the_thresholds_come_back_when_an_ingest_call_fails(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    before = gc.get_threshold()

    def items():
        yield IngestItem("t:1", record=Record.model_validate(corpus_records()[0]))
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        engine.ingest_items(items())
    assert gc.get_threshold() == before
    engine.close()


def test_a_record_file_read_by_the_worker_loses_nothing(tmp_path):
    # Over 1 MB: read by the forked worker (gc.freeze() first there); every line stored and searchable.
    raw = corpus_records()
    path = tmp_path / "records.jsonl"
    lines, n = [], 0
    while sum(map(len, lines)) < 1_200_000:
        for value in raw:
            lines.append(json.dumps({**value, "id": f"gc-{n}"}, ensure_ascii=False))
            n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= 1024 * 1024
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    before = gc.get_threshold()
    report = engine.ingest_paths([path])
    assert report.counts["new"] == n and report.total == n
    assert engine.search(SearchRequest(q=raw[0]["title"][:6], limit=1)).total >= 1
    assert gc.get_threshold() == before
    engine.close()
