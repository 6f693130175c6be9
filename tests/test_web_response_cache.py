"""The API's response cache over a real socket: repeated searches replayed, never stale, errors never kept."""

from __future__ import annotations

import gzip

import httpx
import pytest

from gongkai.engine import Engine
from tests.support import sample_records, served_engine


def outage_records() -> list:
    return [r for r in sample_records() if r.notice_type == "outage" and "仙岳路" in str(r.notice.area_texts())]


@pytest.fixture
def served(tmp_path):
    names_street = {r.id for r in outage_records()}
    others = [r for r in sample_records() if r.id not in names_street]
    with (served_engine(tmp_path / "data", others) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=30) as client):
        yield engine, client


def engine_searches(engine: Engine) -> int:
    stats = engine.index.cache_stats()["answers"]
    return stats["hits"] + stats["misses"]


def test_a_repeated_search_is_replayed_without_asking_the_engine(served) -> None:
    engine, client = served
    first = client.get("/api/search", params={"q": "停电", "page_size": 5})
    assert first.status_code == 200 and first.json()["total"] > 0
    asked = engine_searches(engine)
    again = client.get("/api/search", params={"q": "停电", "page_size": 5})
    assert again.status_code == 200
    assert again.content == first.content
    assert engine_searches(engine) == asked  # answered above the engine
    assert again.headers["content-type"] == "application/json"
    assert "content-security-policy" in again.headers  # the security headers are still added to replays


def test_replays_are_compressed_or_not_as_each_client_asks(served) -> None:
    _, client = served
    params = {"q": "通知", "page_size": 50}
    zipped = client.get("/api/search", params=params, headers={"Accept-Encoding": "gzip"})
    plain = client.get("/api/search", params=params, headers={"Accept-Encoding": "identity"})
    zipped_again = client.get("/api/search", params=params, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers.get("content-encoding") == "gzip" and zipped_again.headers.get("content-encoding") == "gzip"
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(plain.content)
    assert plain.json() == zipped.json() == zipped_again.json()
    # A replay's bytes on the wire are the gzip of the same answer.
    with client.stream("GET", "/api/search", params=params, headers={"Accept-Encoding": "gzip"}) as raw:
        wire = b"".join(raw.iter_raw())
    assert gzip.decompress(wire) == plain.content


def test_a_commit_by_another_process_is_seen_at_once(served, tmp_path) -> None:
    engine, client = served
    before = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-29"}).json()
    assert before["affected"] is False
    assert client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-29"}).json() == before
    ingester = Engine(engine.settings)  # a CLI ingest, or the scheduler, writing the same data dir
    ingester.ingest_records(outage_records())
    ingester.close()
    after = client.get("/api/notices/outages", params={"area": "仙岳路", "date": "2016-05-29"}).json()
    assert after["affected"] is True and after["count"] >= 1


def test_errors_are_not_kept(served) -> None:
    _, client = served
    bad = client.get("/api/search", params={"q": "停电", "page_size": 100000})
    assert bad.status_code == 422
    assert client.get("/api/search", params={"q": "停电", "page_size": 100000}).status_code == 422
    assert client.get("/api/search", params={"q": "停电", "page_size": 3}).status_code == 200


def test_cache_entries_zero_turns_it_off(tmp_path) -> None:
    with (served_engine(tmp_path / "data", sample_records()[:50], search={"cache_entries": 0}) as (engine, base_url),
          httpx.Client(base_url=base_url) as client):
        first = client.get("/api/search", params={"q": "厦门"})
        asked = engine_searches(engine)
        assert client.get("/api/search", params={"q": "厦门"}).content == first.content
        assert engine_searches(engine) == asked + 1
