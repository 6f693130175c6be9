"""Several nodes on one store (issue 20): each node's index follows the store's change feed by itself.

Two engines with two data directories (two indexes) on one database stand for two machines; the
multi-process test with real servers and schedulers is tests/test_nodes.py. Real SQLite, real tantivy;
the NOTIFY wake-up runs on PostgreSQL when GONGKAI_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import tantivy

from gongkai.engine import Engine
from gongkai.follow import Follower, follow_once
from gongkai.indexer.models import SearchRequest
from gongkai.indexer.schema import decode_payload
from gongkai.settings import load_settings
from tests.support import sample_records, wait_for


def _ids(engine: Engine, query: str) -> list[str]:
    engine.index.reload_if_changed()
    return [hit.id for hit in engine.search(SearchRequest(q=query, limit=100)).hits]


def _all_ids(engine: Engine) -> list[str]:
    """Every document id in the node's index (duplicates kept: a record indexed twice shows twice)."""
    engine.index.reload_if_changed()
    searcher = engine.index._generation.check_current().searcher()
    ids = []
    result = searcher.search(tantivy.Query.all_query(), limit=100_000)
    for _, address in result.hits:
        ids.append(decode_payload(searcher.doc(address)["payload"][0])["id"])
    return ids


def _nodes(tmp_path, url: str) -> tuple[Engine, Engine]:
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=url))
    b = Engine(load_settings(data_dir=tmp_path / "b", database_url=url))
    return a, b


@contextmanager
def _feed_held_by_another_thread(engine: Engine) -> Iterator[None]:
    """Another thread of the node holds its index's feeding lock, as an ingest does while it feeds a batch."""
    held, release = threading.Event(), threading.Event()

    def ingest_holding_the_feed() -> None:
        with engine.index.feeding:
            held.set()
            release.wait(5)

    thread = threading.Thread(target=ingest_holding_the_feed)
    thread.start()
    held.wait(5)
    try:
        yield
    finally:
        release.set()
        thread.join()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'shared' / 'gongkai.sqlite3'}"


def test_new_node_builds_then_follows_changes_and_withdrawals(tmp_path, sqlite_url):
    records = sample_records()
    a, b = _nodes(tmp_path, sqlite_url)
    a.ingest_records(records[:150])
    first = follow_once(b)
    assert first.built and first.indexed == 150 and b.index.watermark == a.store.max_seq()

    a.ingest_records(records[150:300])
    changed = records[0].model_copy(update={"body": records[0].body + "节点跟随测试词"})
    a.ingest_records([changed])
    second = follow_once(b)
    assert not second.built and second.indexed == 151
    assert _ids(b, "节点跟随测试词") == [records[0].id]

    a.withdraw(records[1].id, "测试", operator="nodes")
    assert follow_once(b).indexed == 1
    assert sorted(_all_ids(b)) == sorted(_all_ids(a))  # every record once, the withdrawn one in neither
    assert records[1].id not in _all_ids(b) and len(_all_ids(b)) == 299
    assert follow_once(b).indexed == 0  # nothing new: a round costs one max(seq) query


def test_follower_thread_applies_changes_within_the_interval(tmp_path, sqlite_url):
    records = sample_records()
    a, b = _nodes(tmp_path, sqlite_url)
    follower = Follower(b, interval=0.2).start()
    try:
        a.ingest_records(records[:50])
        wait_for(lambda: len(_all_ids(b)) >= 50, 3, "the follower to apply the ingest", interval=0.05)
        assert len(_all_ids(b)) == 50
    finally:
        follower.stop()


def test_follower_stands_aside_while_an_ingest_of_its_node_feeds_the_index(tmp_path, sqlite_url):
    records = sample_records()
    a, b = _nodes(tmp_path, sqlite_url)
    a.ingest_records(records[:20])
    follow_once(b)
    a.ingest_records(records[20:40])
    with _feed_held_by_another_thread(b):
        assert follow_once(b).skipped
    assert follow_once(b).indexed == 20


def test_ingest_on_a_node_whose_follower_runs_in_another_process_indexes_each_record_once(tmp_path, sqlite_url):
    """An ingest (`gongkai ingest` on node B's data dir) while B's server follower runs: two engines on the
    same data dir stand for the two processes. The follower may index the ingest's batches first; the
    ingest then sees the index's watermark past its own and re-reads instead of adding a second copy."""
    records = sample_records()
    a, b = _nodes(tmp_path, sqlite_url)
    a.ingest_records(records[:10])
    follow_once(b)
    server = Engine(load_settings(data_dir=tmp_path / "b", database_url=sqlite_url))
    from gongkai.ingest import IndexFeeder

    feeder = IndexFeeder(b.store, b.index)  # the CLI ingest's feeder, made before the follower's round
    b.store.write_batch(records[10:60])
    assert follow_once(server).indexed == 50  # the server's follower got the writer first
    feeder.after_batch(records[10:60], new_ids={record.id for record in records[10:60]})
    feeder.commit()
    ids = _all_ids(b)
    assert len(ids) == len(set(ids)) == 60


def test_notify_wakes_the_follower_at_once_on_postgresql(tmp_path, pg_database):
    a, b = _nodes(tmp_path, pg_database)
    follower = Follower(b, interval=30.0).start()  # only NOTIFY can make it in time
    try:
        time.sleep(0.3)  # the listener connects
        a.ingest_records(sample_records()[:40])
        wait_for(lambda: len(_all_ids(b)) >= 40, 3, "the follower to apply the ingest", interval=0.02)
        assert len(_all_ids(b)) == 40
    finally:
        follower.stop()
        a.close()
        b.close()


def test_store_blob_dir_puts_every_nodes_raw_captures_in_one_shared_folder(tmp_path, sqlite_url):
    shared = tmp_path / "nfs" / "raw"
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url, store={"blob_dir": str(shared)}))
    b = Engine(load_settings(data_dir=tmp_path / "b", database_url=sqlite_url, store={"blob_dir": str(shared)}))
    page = "<html><head><title>节点共享原件测试</title></head><body><p>共享文件夹中的原始抓取</p></body></html>".encode()
    digest = a.store.blobs.put(page)
    assert b.store.blobs.get(digest) == page  # node B reads what node A captured
    assert not (tmp_path / "a" / "raw").exists() and not (tmp_path / "b" / "raw").exists()
    assert load_settings(data_dir=tmp_path / "c").raw_dir == tmp_path / "c" / "raw"  # default unchanged


def test_gongkai_index_follow_once_builds_a_new_nodes_index(tmp_path, sqlite_url):
    import json
    import subprocess
    import sys
    from pathlib import Path

    a, _ = _nodes(tmp_path, sqlite_url)
    a.ingest_records(sample_records()[:30])
    command = [str(Path(sys.executable).parent / "gongkai"), "--data-dir", str(tmp_path / "c"), "index", "follow", "--once", "--json"]
    env = {**os.environ, "GONGKAI_DATABASE_URL": sqlite_url}
    first = json.loads(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
    assert first["built"] and first["indexed"] == 30 and first["watermark"] == a.store.max_seq()
    a.ingest_records(sample_records()[30:35])
    second = json.loads(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
    assert second == {"indexed": 5, "built": False, "skipped": False, "watermark": a.store.max_seq()}


def test_a_reindex_beside_an_ingest_indexes_each_record_once(tmp_path, sqlite_url, monkeypatch):
    """The doubled hit (index.follow beside the inbox job, once in CI): a reindex (the follower's build of
    an index it finds empty, the nightly maintenance, `gongkai reindex`) read its watermark; an ingest
    stored new records; the reindex read the store (with them) and switched to its new generation; the
    ingest's fast path, seeing that generation's watermark at its own, added them as new: twice. The
    interleaving is forced here with real parts: the ingest pauses between its store commit and its index
    add, the reindex between its watermark and its read of the records."""
    from gongkai.ingest import IndexFeeder

    records = sample_records()
    engine = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url))
    engine.ingest_records(records[:20])
    late = records[20:25]
    stored, switched = threading.Event(), threading.Event()
    real_after_batch, real_rebuild = IndexFeeder.after_batch, engine.index.rebuild

    def after_batch_once_switched(self, *args, **kwargs):  # the ingest: stored, not yet indexed
        stored.set()
        switched.wait(5)
        return real_after_batch(self, *args, **kwargs)

    seen: list[list[str]] = []

    def rebuild_after_the_ingest_stored(records_in, watermark, progress=None):
        ingest = threading.Thread(target=engine.ingest_records, args=(late,))
        ingest.start()
        stored.wait(5)  # the watermark is read; the store now holds `late` too
        real_rebuild(records_in, watermark, progress)
        switched.set()
        ingest.join(10)
        seen.append(_all_ids(engine))  # before the reindex's own catch-up, which would hide a doubling

    monkeypatch.setattr(IndexFeeder, "after_batch", after_batch_once_switched)
    monkeypatch.setattr(engine.index, "rebuild", rebuild_after_the_ingest_stored)
    engine.reindex()
    assert len(seen[0]) == len(set(seen[0])), "a record indexed twice"
    assert sorted(_all_ids(engine)) == sorted(r.id for r in records[:25])


def test_follower_does_not_build_an_index_an_ingest_of_its_process_is_filling(tmp_path, sqlite_url):
    """A fresh `gongkai serve` whose first ingest runs (the index is still empty, the store is not): the
    follower must not take it for a new node and rebuild beside the ingest; the ingest indexes its own."""
    records = sample_records()
    a, b = _nodes(tmp_path, sqlite_url)
    a.ingest_records(records[:20])  # the store holds them; node B's index is empty
    with _feed_held_by_another_thread(b):
        round_ = follow_once(b)
        assert round_.skipped and not round_.built and b.index.doc_count() == 0
    assert follow_once(b).built and len(_all_ids(b)) == 20


def test_follower_rebuilds_an_index_of_another_schema_version(tmp_path, sqlite_url):
    """After an upgrade whose index schema changed, searches ask for a reindex; the node's follower (what
    `gongkai serve` runs) rebuilds it from the store by itself, and searching works again."""
    from gongkai.indexer import generations as gens
    from gongkai.indexer.errors import IndexOutdatedError
    from gongkai.indexer.schema import SCHEMA_VERSION

    records = sample_records()[:40]
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url))
    a.ingest_records(records)
    live = a.index._generation.path
    a.close()
    gens.write_watermark(live, gens.read_watermark(live), SCHEMA_VERSION - 1)  # as an older gongkai left it

    # rebuild_on_open off: the node would rebuild as it opens the index (the next test); here the follower does
    node = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url, index={"rebuild_on_open": False}))
    assert not node.index.usable
    with pytest.raises(IndexOutdatedError):
        node.search(SearchRequest(q=records[0].title))
    round_ = follow_once(node)
    assert round_.built and round_.indexed == 40 and node.index.usable
    assert records[0].id in _ids(node, records[0].title)
    assert sorted(_all_ids(node)) == sorted(r.id for r in records)
    assert not follow_once(node).built  # once rebuilt, the next round only follows
    node.close()


def test_a_process_that_opens_an_index_of_another_schema_rebuilds_it(tmp_path, sqlite_url, caplog):
    """`gongkai ingest`, `gongkai search`, a scheduler: whatever opens an index this gongkai cannot search rebuilds
    it from the store first (as opening the store upgrades an old database), and says so in its log."""
    from gongkai.indexer import generations as gens
    from gongkai.indexer.schema import SCHEMA_VERSION

    records = sample_records()[:30]
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url))
    a.ingest_records(records)
    live = a.index._generation.path
    a.close()
    gens.write_watermark(live, gens.read_watermark(live), SCHEMA_VERSION - 1)

    with caplog.at_level("WARNING", logger="gongkai.engine"):
        node = Engine(load_settings(data_dir=tmp_path / "a", database_url=sqlite_url))
        assert node.index.usable and node.index._generation.path != live
    assert "rebuilding it from the store" in caplog.text and "search index rebuilt: 30 documents" in caplog.text
    # said Chinese first, as every line an operator reads (it was English only: newuser, session 12)
    assert "本版本无法检索（索引格式不同或已损坏），正在从数据库重建 / " in caplog.text and "搜索索引已重建，共 30 篇 / " in caplog.text
    assert sorted(_all_ids(node)) == sorted(r.id for r in records)
    node.ingest_records(sample_records()[30:32])  # and writing goes on
    assert len(_all_ids(node)) == 32
    node.close()
