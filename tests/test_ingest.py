"""The one ingest path: outcomes per item, quarantine, and the index catching up with the store."""

from __future__ import annotations

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.ingest import IngestItem, ItemResult
from gongkai.record import Record


def test_the_same_id_twice_in_one_batch_is_new_then_updated(settings):
    engine = Engine(settings)
    first = Record(title="湖滨南路停电通知", kind="notice", notice_type="outage", url="http://example.invalid/n/1", body="8时至12时停电")
    second = Record(title="湖滨南路停电通知", kind="notice", notice_type="outage", url="http://example.invalid/n/1", body="8时至18时停电")
    results: list[ItemResult] = []
    report = engine.ingest_records([first, first, second], on_item=results.append)
    assert [r.status for r in results] == ["new", "unchanged", "updated"]
    assert report.as_dict() == {"new": 1, "updated": 1, "unchanged": 1, "quarantined": 0}
    [hit] = engine.search(SearchRequest(q="停电")).hits
    assert "18时" in hit.snippet_text  # the index holds the later version
    assert [v.version for v in engine.versions(first.id)] == [1, 2]


def test_index_catches_up_after_a_crash_between_store_and_index(settings):
    engine = Engine(settings)
    # Simulate a crash after the store commit: write to the store only.
    engine.store.upsert_batch([Record(title="厦门市财政局关于预算公开的通知", body="预算公开")])
    assert engine.search(SearchRequest(q="预算")).total == 0
    engine.ingest_records([Record(title="另一条", body="其他内容")])  # any later ingest repairs the index first
    assert engine.search(SearchRequest(q="预算")).total == 1


def test_invalid_items_are_quarantined_with_their_payload(settings):
    engine = Engine(settings)
    report = engine.ingest_items([IngestItem("feed:7", error="feed:7: title: field required", payload=b'{"body": "x"}', source="feed")])
    assert report.as_dict()["quarantined"] == 1
    [entry] = engine.store.quarantine_list()
    assert entry["input_ref"] == "feed:7" and "title" in entry["reason"]
    assert engine.store.quarantine_get(entry["id"])["payload"] == b'{"body": "x"}'
