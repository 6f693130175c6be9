"""A push answers while a long ingest of the same process runs (issues 17/20): the ingest holds the index's
feeding lock (`index.feeding`) for one store batch at a time, not for its whole call, so the push's batch
goes in between two of the long run's batches. Real parts: a served push API on 127.0.0.1, real SQLite and
Tantivy; the long run is a source that hands in records slowly (as a slow parser or a big drop file)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.ingest import IngestItem
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import govcn_records

OFFICE = "国务院办公厅"
LONGEST_RUN = 8.0  # the slow source stops by itself after this: before the fix the push waited for all of it


@pytest.fixture
def served(settings):
    settings.store = settings.store.model_copy(update={"batch_size": 20})
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    token, _ = TokenStore(engine.store).create(OFFICE)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield engine, client, token
    engine.close()


def slow_source(stop: threading.Event, handed: list[int]):
    """Records made from the real corpus under new URLs, 20 (one batch) every 0.05 s until told to stop."""
    bases = [r for r in govcn_records() if r["issuer"] != OFFICE]
    deadline, n = time.monotonic() + LONGEST_RUN, 0
    while not stop.is_set() and time.monotonic() < deadline:
        for _ in range(20):
            base = bases[n % len(bases)]
            # no 索引号: the id comes from the URL, one new record each
            fields = {**base, "index_number": "", "url": f"https://www.gov.cn/slow/{n}.htm", "title": f"{base['title']}（{n}）"}
            record = Record.model_validate(fields)
            yield IngestItem(f"slow:{n}", record=record, source="govcn")
            n += 1
        handed[0] = n
        time.sleep(0.05)


def test_a_push_answers_and_is_searchable_while_a_long_ingest_runs(served):
    engine, client, token = served
    stop, handed, outcome = threading.Event(), [0], {}

    def long_run() -> None:
        with engine.ingest_session() as session:  # the index commits at its end (60 s interval): one long call
            outcome["report"] = session.ingest(slow_source(stop, handed))

    runner = threading.Thread(target=long_run, daemon=True)
    runner.start()
    try:
        while handed[0] < 100:  # the long run is well under way: batches stored and fed to the index
            assert runner.is_alive(), outcome
            time.sleep(0.02)
        record = {k: v for k, v in govcn_records()[0].items() if k != "source"}
        assert record["issuer"] == OFFICE
        started = time.monotonic()
        answer = client.post("/api/ingest", json=record, headers={"Authorization": f"Bearer {token}"})
        waited = time.monotonic() - started
        assert answer.status_code == 201, answer.text
        still_running = runner.is_alive()
        # searchable as soon as the push returned (its session commits the index), the long run still going
        found = engine.search(SearchRequest(q=f'"{record["doc_number"]}"', limit=5))
    finally:
        stop.set()
        runner.join(LONGEST_RUN + 30)
    assert waited < 3.0 and still_running, f"the push waited {waited:.1f} s behind the long ingest"
    pushed_id = answer.json()["results"][0]["id"]
    assert pushed_id in [hit.id for hit in found.hits]
    # nothing lost, nothing doubled: every stored record indexed exactly once, the watermark at the store's end
    report = outcome["report"]
    # (>= 100: the long run was still going when the push returned, as still_running says; a push quicker than
    # the source's next batch stops it right there)
    assert report.counts["new"] == handed[0] >= 100
    assert engine.index.watermark == engine.store.max_seq()
    assert engine.index.doc_count() == engine.store.count() == handed[0] + 1
    assert engine.search(SearchRequest(q="*", limit=1)).total == handed[0] + 1


def test_two_sessions_taking_turns_keep_each_others_pending_documents(settings):
    """Session A leaves documents pending (its interval not due), session B writes and closes between A's calls:
    B's commit takes A's pending documents along (one feeder state per index), A's later commit never writes an
    older watermark, and every record is indexed once."""
    engine = Engine(settings)
    stop, handed = threading.Event(), [0]
    source = slow_source(stop, handed)
    watermarks = [engine.index.watermark]
    with engine.ingest_session() as a:
        a.ingest(next(source) for _ in range(40))
        assert engine.index.watermark == watermarks[0]  # pending in the writer, not committed
        with engine.ingest_session() as b:
            b.ingest(next(source) for _ in range(20))
        watermarks.append(engine.index.watermark)
        assert watermarks[-1] == engine.store.max_seq()  # B's close committed A's documents with its own
        a.ingest(next(source) for _ in range(20))
    watermarks.append(engine.index.watermark)
    assert watermarks == sorted(watermarks) and watermarks[-1] == engine.store.max_seq()
    assert engine.index.doc_count() == engine.store.count() == 80
    engine.close()
