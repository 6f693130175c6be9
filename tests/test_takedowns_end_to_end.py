"""An operator's takedown end to end: real SQLite store, real tantivy index on disk, the JSON API over
a real socket, the sync pusher against a local receiver, and the OAI-PMH provider.

Takedown → the same document ingested again → still hidden everywhere; changed → a new version, still
hidden; undo → visible and searchable again and sent to the platform. A source-driven withdrawal (the
crawler's HTTP 404) still ends when the document comes back.
"""

from __future__ import annotations

import httpx
import pytest
from lxml import etree

from gongkai.feeds import sync
from gongkai.feeds.oai import OAIProvider
from gongkai.feeds.sync_receiver import SyncReceiver
from gongkai.indexer.models import SearchRequest
from gongkai.record import Record
from tests.conftest import govcn_records
from tests.support import served_engine

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}


@pytest.fixture
def served(tmp_path):
    records = [Record.model_validate(data) for data in govcn_records()]
    with (served_engine(tmp_path / "data", records) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client, records


def found(engine, record: Record) -> bool:
    """Is the record a hit for its own title?"""
    response = engine.search(SearchRequest(q=record.title, limit=50, facets=False))
    return record.id in [hit.id for hit in response.hits]


def oai_deleted(engine, record_id: str) -> bool:
    provider = OAIProvider(engine.store, engine.settings.feeds)
    params = [("verb", "GetRecord"), ("identifier", "oai:gongkai.localhost:" + record_id), ("metadataPrefix", "oai_dc")]
    header = etree.fromstring(provider.respond(params, "http://127.0.0.1/oai")).find(".//oai:header", OAI)
    return header.get("status") == "deleted"


def ingest(engine, record: Record) -> dict:
    results = []
    engine.ingest_records([record], on_item=results.append)
    (result,) = results
    return result.as_dict()


def push_to(engine, receiver: SyncReceiver) -> None:
    engine.settings.feeds = engine.settings.feeds.model_copy(
        update={"sync_url": receiver.url, "sync_token": receiver.token, "sync_backoff_seconds": 0.01}
    )
    assert sync.push(engine).parked == 0


def test_a_takedown_survives_re_ingest_until_it_is_undone(served):
    engine, client, records = served
    target = records[7]
    assert found(engine, target) and client.get(f"/api/documents/{target.id}").status_code == 200

    with SyncReceiver(token="t") as receiver:
        push_to(engine, receiver)
        assert engine.withdraw(target.id, "误发：含个人信息", operator="alice")
        assert not found(engine, target) and oai_deleted(engine, target.id)

        # the crawl brings the very same document again: stays down
        same = ingest(engine, target)
        assert same["status"] == "unchanged" and same["note"].startswith("withheld")
        assert not found(engine, target)
        gone = client.get(f"/api/documents/{target.id}")
        assert gone.status_code == 410 and gone.json()["error"] == "withdrawn"

        # ... and a changed copy: kept as version 2, still down, not in the index
        revised = target.model_copy(update={"title": target.title + "（更正稿）"})
        changed = ingest(engine, revised)
        assert changed["status"] == "updated" and "version 2" in changed["note"]
        assert engine.get(target.id).version == 2 and engine.get(target.id).withdrawn
        assert not found(engine, revised) and not found(engine, target)
        assert client.get(f"/api/documents/{target.id}").status_code == 410
        assert engine.reindex() == len(records) - 1, "a rebuilt index leaves it out too"
        assert not found(engine, revised)
        push_to(engine, receiver)
        assert receiver.records[f"{target.id}:1:withdrawn"]["withdrawn"] is True
        assert f"{target.id}:2" not in receiver.records, "the withheld version never reaches the platform"

        # undo: visible, searchable, served and sent again as a new version
        assert engine.restore(target.id, "核实无误", operator="bob")
        assert found(engine, revised) and not oai_deleted(engine, target.id)
        shown = client.get(f"/api/documents/{target.id}")
        assert shown.status_code == 200 and shown.json()["record"]["title"] == revised.title
        assert [(v["version"], v["withdrawn"]) for v in shown.json()["versions"]] == [(1, True), (2, True), (3, False)]
        push_to(engine, receiver)
        restored = receiver.records[f"{target.id}:3"]
        assert restored["withdrawn"] is False and restored["title"] == revised.title
        assert [key for key, *_ in receiver.received if key.startswith(target.id)] == [
            f"{target.id}:1", f"{target.id}:1:withdrawn", f"{target.id}:3"
        ]

    # lifted for good: the record follows its source again
    assert ingest(engine, revised)["status"] == "unchanged" and "note" not in ingest(engine, revised)


def test_a_source_driven_withdrawal_still_comes_back_with_its_document(served):
    engine, client, records = served
    target = records[11]
    # what crawlers/pipeline.py does when a known page answers 404
    assert engine.withdraw(target.id, f"the page answered HTTP 404: {target.url}")
    assert not found(engine, target) and client.get(f"/api/documents/{target.id}").status_code == 410
    back = ingest(engine, target)
    assert back["status"] == "updated" and "note" not in back
    assert found(engine, target) and client.get(f"/api/documents/{target.id}").status_code == 200
