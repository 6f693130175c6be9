"""Writing the index: replace/withdraw, watermark, writer lock between instances and processes,
rebuild into a new generation with an atomic switch while searches go on."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from gongkai.indexer import IndexCorruptError, IndexLockedError, IndexOutdatedError, SearchIndex, SearchRequest
from gongkai.indexer import generations as gens
from tests.test_index_helpers import default_settings, govcn_records, notice_records

REPO = Path(__file__).resolve().parents[1]


def open_index(path: Path, **index_overrides) -> SearchIndex:
    index_settings, search_settings = default_settings()
    if index_overrides:
        index_settings = index_settings.model_copy(update=index_overrides)
    return SearchIndex(path, index_settings, search_settings, lock_timeout=0.5)


def total(index: SearchIndex, q: str = "") -> int:
    return index.search(SearchRequest(q=q, limit=1, facets=False)).total


def test_a_new_index_is_empty_generation_one(tmp_path: Path) -> None:
    index = open_index(tmp_path / "index")
    assert index.doc_count() == 0
    assert index.watermark == 0
    assert (tmp_path / "index" / "CURRENT").read_text().strip() == "gen-000001"
    assert index.search(SearchRequest(q="停电")).total == 0


def test_commit_persists_documents_and_watermark(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    records = govcn_records()[:10]
    assert index.add_or_replace(records) == 10
    assert index.doc_count() == 0  # nothing visible before commit
    index.commit(watermark=42)
    assert index.doc_count() == 10
    reopened = open_index(tmp_path)
    assert reopened.doc_count() == 10
    assert reopened.watermark == 42


def test_add_or_replace_replaces_by_id(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    record = govcn_records()[0]
    index.add_or_replace([record])
    index.commit(1)
    changed = record.model_copy(update={"title": "关于调整思明区停水安排的通知", "body": "今日起思明区部分路段停水。"})
    index.add_or_replace([changed])
    index.commit(2)
    assert index.doc_count() == 1
    assert [h.title for h in index.search(SearchRequest(q="思明区停水")).hits] == [changed.title]
    old_title = index.search(SearchRequest(q=record.title[:12], facets=False))
    assert old_title.total == 0 or old_title.relaxed  # the old title is gone; a relaxed answer may share some words


def test_withdrawn_records_are_hidden(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    records = notice_records()
    index.add_or_replace(records)
    index.commit(1)
    before = total(index, "停电")
    assert before >= 2
    withdrawn = next(r for r in records if "停电" in r.body).model_copy(update={"withdrawn": True})
    index.add_or_replace([withdrawn])
    index.commit(2)
    assert total(index, "停电") == before - 1
    assert withdrawn.id not in {h.id for h in index.search(SearchRequest(q="停电", limit=50)).hits}
    # Withdrawn from the start: never indexed.
    index.rebuild([withdrawn], watermark=3)
    assert index.doc_count() == 0


def test_a_second_instance_sees_commits_after_reload(tmp_path: Path) -> None:
    writer = open_index(tmp_path)
    reader = open_index(tmp_path)
    writer.add_or_replace(govcn_records()[:5])
    writer.commit(5)
    reader.reload_if_changed()
    assert reader.doc_count() == 5
    assert reader.watermark == 5
    writer.add_or_replace(govcn_records()[5:8])
    writer.commit(8)
    reader.reload_if_changed()
    assert reader.doc_count() == 8


def test_the_writer_lock_is_taken_lazily_and_released_by_commit(tmp_path: Path) -> None:
    first = open_index(tmp_path)
    second = open_index(tmp_path)
    records = govcn_records()
    first.add_or_replace(records[:3])  # holds the writer until commit
    # It gave up after its lock_timeout (0.5 s), and says so; that it really waits and then writes is
    # shown by test_a_writer_in_another_process_waits_for_the_lock_then_writes.
    with pytest.raises(IndexLockedError, match=r"locked by another writer .* for more than 0\.5 s"):
        second.add_or_replace(records[3:6])
    first.commit(3)
    second.add_or_replace(records[3:6])  # the lock is free again
    second.commit(6)
    first.reload_if_changed()
    assert first.doc_count() == 6


def test_a_writer_in_another_process_waits_for_the_lock_then_writes(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    index.add_or_replace(govcn_records()[:2])  # hold the lock while the child starts
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from gongkai.indexer import SearchIndex
        from gongkai.settings import IndexSettings, SearchSettings
        from tests.test_index_helpers import notice_records
        from gongkai.indexer import IndexLockedError
        settings = IndexSettings(writer_heap_mb=32, writer_threads=1)
        try:  # a writer that does not wait finds the lock taken...
            SearchIndex(Path({str(tmp_path)!r}), settings, SearchSettings(), lock_timeout=0).add_or_replace([])
            print("free", flush=True)
        except IndexLockedError:
            print("locked: waiting", flush=True)
        # ...so this one, which waits up to 60 s, can only write once the parent has committed.
        index = SearchIndex(Path({str(tmp_path)!r}), settings, SearchSettings(), lock_timeout=60)
        index.add_or_replace(notice_records())
        index.commit(100)
        print("committed", flush=True)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "locked: waiting", "the child found our writer lock held"
        index.commit(2)  # releases the lock the child is waiting for
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:  # a failed assertion must not leave the child behind
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert "committed" in out
    index.reload_if_changed()
    assert index.doc_count() == 2 + len(notice_records())
    assert index.watermark == 100


def test_rebuild_switches_generation_and_prunes_old_ones(tmp_path: Path) -> None:
    index = open_index(tmp_path, keep_generations=1)
    index.add_or_replace(govcn_records())
    index.commit(40)
    seen: list[int] = []
    for round_number in range(3):
        index.rebuild(notice_records(), watermark=50 + round_number, progress=seen.append)
    assert index.doc_count() == len(notice_records())
    assert index.watermark == 52
    assert seen[-1] == len(notice_records())
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("gen-"))
    assert names == ["gen-000003", "gen-000004"]  # the current one and keep_generations=1 older
    assert gens.read_current(tmp_path) == "gen-000004"
    # Writes after a rebuild go to the new generation.
    index.add_or_replace(govcn_records()[:1])
    index.commit(53)
    assert open_index(tmp_path).doc_count() == len(notice_records()) + 1


def test_searches_never_see_a_partial_index_during_rebuild(tmp_path: Path) -> None:
    old_records = govcn_records()  # 40
    new_records = govcn_records() + notice_records()  # 47
    builder = open_index(tmp_path, keep_generations=1)
    builder.add_or_replace(old_records)
    builder.commit(1)
    same_process_reader = builder
    other_reader = open_index(tmp_path)  # as another process would hold it
    counts: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def search_continuously(index: SearchIndex, reload: bool) -> None:
        try:
            while not stop.is_set():
                if reload:
                    index.reload_if_changed()
                counts.add(index.search(SearchRequest(q="", limit=3)).total)
                counts.add(index.doc_count())
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [
        threading.Thread(target=search_continuously, args=(same_process_reader, False)),
        threading.Thread(target=search_continuously, args=(other_reader, True)),
    ]
    for thread in threads:
        thread.start()
    try:
        for round_number in range(4):
            records = new_records if round_number % 2 == 0 else old_records
            # A slow record source: the rebuild takes a while, searches go on meanwhile.
            builder.rebuild((time.sleep(0.002) or r for r in records), watermark=10 + round_number)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors
    assert counts == {len(old_records), len(new_records)}
    other_reader.reload_if_changed()
    assert other_reader.doc_count() == len(old_records)
    assert other_reader.watermark == 13


def test_a_failed_rebuild_leaves_the_live_index_alone(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    index.add_or_replace(govcn_records())
    index.commit(40)

    def broken_source():
        yield from notice_records()
        raise RuntimeError("store connection lost")

    with pytest.raises(RuntimeError, match="store connection lost"):
        index.rebuild(broken_source(), watermark=99)
    assert gens.read_current(tmp_path) == "gen-000001"
    assert index.doc_count() == 40
    assert index.watermark == 40
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("gen-")) == ["gen-000001"]


def test_two_rebuilds_at_once_the_second_gets_a_clear_error(tmp_path: Path) -> None:
    first, second = open_index(tmp_path), open_index(tmp_path)
    entered, release = threading.Event(), threading.Event()

    def slow_source():
        entered.set()
        release.wait(10)
        yield from notice_records()

    thread = threading.Thread(target=first.rebuild, args=(slow_source(), 1))
    thread.start()
    try:
        assert entered.wait(10)
        with pytest.raises(IndexLockedError, match="another reindex"):
            second.rebuild(notice_records(), 2)
    finally:
        release.set()
        thread.join(30)
    assert first.doc_count() == len(notice_records())


def test_a_damaged_index_is_a_clear_error_and_a_rebuild_repairs_it(tmp_path: Path) -> None:
    open_index(tmp_path)
    (tmp_path / "gen-000001" / "meta.json").write_text("{ not json", encoding="utf-8")
    damaged = open_index(tmp_path)  # opening works, so that `gongkai reindex` can run
    with pytest.raises(IndexCorruptError, match="gongkai reindex"):
        damaged.search(SearchRequest(q="通知"))
    with pytest.raises(IndexCorruptError, match="gongkai reindex"):
        damaged.add_or_replace(notice_records())
    damaged.rebuild(notice_records(), watermark=7)
    assert damaged.search(SearchRequest(q="", limit=1)).total == len(notice_records())


def test_current_naming_a_missing_generation_is_an_error_not_an_empty_index(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    index.add_or_replace(notice_records())
    index.commit(7)
    gens.write_current(tmp_path, "gen-000009")
    with pytest.raises(IndexCorruptError, match="gen-000009, which does not exist"):
        open_index(tmp_path).doc_count()


def test_size_bytes_counts_the_live_generation(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    empty = index.size_bytes()
    index.add_or_replace(govcn_records())
    index.commit(1)
    assert index.size_bytes() > empty + 50_000  # 40 documents with their bodies stored
    assert index.size_bytes() == sum(
        os.path.getsize(os.path.join(root, name))
        for root, _, files in os.walk(tmp_path / "gen-000001")
        for name in files
    )


def test_an_index_of_another_schema_version_must_be_rebuilt(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    index.add_or_replace(govcn_records()[:3])
    index.commit(3)
    (tmp_path / "gen-000001" / gens.STATE_FILE).write_text('{"watermark": 3}', encoding="utf-8")  # as version 1 wrote it
    outdated = open_index(tmp_path)
    with pytest.raises(IndexOutdatedError, match="gongkai reindex"):
        outdated.search(SearchRequest(q="通知"))
    with pytest.raises(IndexOutdatedError):
        outdated.add_or_replace(govcn_records()[3:4])
    outdated.rebuild(govcn_records()[:5], watermark=5)
    assert outdated.search(SearchRequest(q="", limit=1)).total == 5
