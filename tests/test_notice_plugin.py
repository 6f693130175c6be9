"""A new notice type is one declaration (issue 17): tests/fixtures/notice_type_roadworks.py declares 道路施工公告
(one model declaring its type_label, which registers it; nothing else, no file of the package names it) and a column holding
one such notice is parsed, stored with typed fields, indexed, filtered by the API and the query syntax, and
labelled on the page, in the facets, the Atom feed and the OAI-PMH sets, through a real server on 127.0.0.1."""

from __future__ import annotations

import importlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

import pytest

from gongkai.notices import NOTICE_MODELS, LostNotice, register_notice_type, unregister_notice_type
from tests.support import served_engine

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = ("gongkai", "parsers", "store", "indexer", "crawlers", "feeds", "web", "cli", "ops")


@pytest.fixture
def roadworks() -> Iterator[ModuleType]:
    module = importlib.import_module("tests.fixtures.notice_type_roadworks")  # registers the type on first import
    if "roadworks" not in NOTICE_MODELS:  # taken out by an earlier test of this process
        register_notice_type(module.RoadworksNotice)
    try:
        yield module
    finally:
        unregister_notice_type("roadworks")  # the other tests see the built-in types only


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_no_file_of_the_package_names_the_new_type() -> None:
    # The declaration is the only place: nothing in the package lists the type or its label.
    named = [str(path.relative_to(REPO)) for folder in PACKAGE_DIRS for path in (REPO / folder).rglob("*.py")
             if "roadworks" in (text := path.read_text(encoding="utf-8")) or "道路施工公告" in text]
    assert not named


def test_a_notice_type_declared_in_one_place_is_parsed_stored_indexed_filtered_and_labelled(roadworks: ModuleType,
                                                                                           tmp_path: Path) -> None:
    column = tmp_path / "column.txt"
    column.write_text(LostNotice.example + "\n\n" + roadworks.RoadworksNotice.example + "\n", encoding="utf-8")
    with served_engine(tmp_path / "data", []) as (engine, base):
        results: list = []
        engine.ingest_paths([column], notices=True, source="xmrb", on_item=results.append)
        assert sorted(r.status for r in results) == ["new", "new"], [r.error for r in results]
        stored = [engine.get(r.id) for r in results]
        kinds = {record.notice_type: record for record in stored if record is not None}
        assert set(kinds) == {"lost", "roadworks"}

        # parsed into the typed model, read by the fields' Chinese labels, and stored as it
        notice = kinds["roadworks"].notice
        assert isinstance(notice, roadworks.RoadworksNotice)
        assert notice.road == "湖滨南路（禾祥西路至湖滨一里段）"
        assert (notice.start, notice.end, notice.lanes_closed) == (date(2024, 5, 10), date(2024, 6, 30), 2)
        assert notice.detours == ["湖滨北路", "禾祥西路"] and "市政园林局" in notice.issuer
        record_id = kinds["roadworks"].id

        # indexed and filtered: the API's filter, the query syntax, the facets with the Chinese name
        status, text = _get(f"{base}/api/search?notice_type=roadworks")
        answer = json.loads(text)
        assert status == 200 and [hit["id"] for hit in answer["hits"]] == [record_id], text
        status, text = _get(f"{base}/api/search?q={quote('notice_type:roadworks')}")
        assert status == 200 and [hit["id"] for hit in json.loads(text)["hits"]] == [record_id], text
        status, text = _get(f"{base}/api/search?q=&kind=notice")
        assert status == 200 and json.loads(text)["facets"]["notice_type"] == {"lost": 1, "roadworks": 1}
        status, text = _get(f"{base}/api/search?notice_type=parking")
        assert status == 422, text  # an undeclared type is still refused
        status, text = _get(f"{base}/api/documents/{record_id}")
        assert status == 200 and json.loads(text)["record"]["notice"]["lanes_closed"] == 2

        # labelled: the page's facet and detail, the Atom feed of the type, the OAI-PMH sets
        status, page = _get(f"{base}/search?kind=notice")
        assert status == 200 and "道路施工公告" in page
        status, page = _get(f"{base}/documents/{record_id}")
        assert status == 200
        assert all(label in page for label in ("道路施工公告", "施工路段", "封闭车道", "绕行路线", "湖滨北路"))
        assert "lanes_closed" not in page  # no raw key on the page
        status, feed = _get(f"{base}/feeds/notices/roadworks.atom")
        assert status == 200 and "道路施工公告" in feed and record_id in feed
        status, sets = _get(f"{base}/oai?verb=ListSets")
        assert status == 200 and "kind:notice:roadworks" in sets and "道路施工公告" in sets
