"""The ingest session (gongkai/ingest_session.py): one parser pool and one index feeder for a run of many
calls, results keyed by capture, capture rows written in the batch transaction; and parsing rules that
belong to the parsers: a crawled site's label_overrides applied by the HTML parser, so `gongkai reparse`
with a fixed definition changes the record."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.state import CrawlState
from gongkai.engine import Engine
from gongkai.ingest import CaptureKey, ItemResult
from gongkai.parsers import Capture
from gongkai.search_types import SearchRequest
from gongkai.settings import load_settings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HTML = CORPUS / "govcn_state_council_policies" / "html"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sites"


def pages(n: int) -> list[Path]:
    found = sorted(HTML.glob("*.html"))[:n]
    assert len(found) == n
    return found


def captures_of(paths: list[Path], url: str = "") -> list[Capture]:
    return [Capture(data=p.read_bytes(), url=url or f"https://www.gov.cn/{p.name}", source="site:gov") for p in paths]


def test_one_session_keeps_one_parser_pool_and_commits_the_index_once(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    before = engine.index.watermark
    with engine.ingest_session() as session:
        first = session.ingest_captures(captures_of(pages(3)))
        workers = {w.process.pid for w in session.pool._pool}
        second = session.ingest_captures(captures_of(pages(6)[3:]))
        # the same worker processes parsed the second call: none started, none stopped
        assert {w.process.pid for w in session.pool._pool} == workers and workers
        assert first.counts["new"] == 3 and second.counts["new"] == 3 and session.report.counts["new"] == 6
        # stored at once (each call's batches are committed to the store), indexed at the session's end
        assert engine.store.count() == 6 and engine.index.watermark == before
        processes = [w.process for w in session.pool._pool]
    assert engine.index.watermark == engine.store.max_seq()
    assert engine.search(SearchRequest(q="*", limit=10)).total == 6
    assert processes and not any(process.is_alive() for process in processes)  # the session's end stops them
    engine.close()


def test_a_session_commits_the_index_by_time(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    with engine.ingest_session(commit_seconds=0.0) as session:
        session.ingest_captures(captures_of(pages(2)), parallel=False)
        # an interval of 0 s: the batch's commit came with it, before the session ends
        assert engine.index.watermark == engine.store.max_seq() > 0
    engine.close()


def test_results_come_back_keyed_by_capture_not_by_url(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    a, b = captures_of(pages(2), url="https://www.gov.cn/same#page")  # one URL (with a '#') for two captures
    keys = [CaptureKey("https://www.gov.cn/same#page", 1), CaptureKey("https://www.gov.cn/same#page", 2)]
    results: dict[CaptureKey | None, list[ItemResult]] = {}
    engine.ingest_captures(list(zip(keys, (a, b))), on_item=lambda r: results.setdefault(r.capture, []).append(r))
    assert set(results) == set(keys) and all(len(found) == 1 for found in results.values())
    assert results[keys[0]][0].status == "new"
    # a notice column gives many items (ref#1, ref#2, ...) under its one key
    page = FIXTURES / "xmrb" / "pages" / "xmrb" / "html" / "2024-05" / "06" / "content_101.htm"
    column = Capture(data=page.read_bytes(), url="http://127.0.0.1/content_101.htm", source="site:xmrb", sidecar={"publish_date": "2024-05-06"})
    key = CaptureKey("column", 9)
    found: list[ItemResult] = []
    engine.ingest_captures([(key, column)], notices=True, on_item=found.append)
    assert len(found) == 4 and {r.capture for r in found} == {key} and found[0].input.startswith("column#")
    engine.close()


def test_capture_rows_are_written_with_the_batch_that_uses_them(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    with engine.ingest_session() as session:
        items = session.capture_items(captures_of(pages(1)) + [Capture(data=b"\x00\x01 not a document", filename="x.bin", source="file")],
                                      parallel=False)
        first = next(items)
        # the bytes are on disk, the row is not: it is written in the transaction of the batch that links it
        assert first.capture_sha256 is not None and engine.store.get_capture(first.capture_sha256) is None
        report = session.ingest([first, *items])
    assert report.counts == {"new": 1, "quarantined": 1}
    assert engine.store.get_capture(first.capture_sha256) is not None
    [bad] = engine.store.quarantine_list()
    assert bad["capture_sha256"] and engine.store.get_capture(bad["capture_sha256"]) is not None
    engine.close()


def test_a_failed_batch_keeps_its_capture_rows_for_the_next(tmp_path, monkeypatch):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    store = engine.store
    real = store.write_batch
    calls = {"n": 0}

    def fail_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "write_batch", fail_once)
    with engine.ingest_session() as session:
        with pytest.raises(OSError):
            session.ingest_captures(captures_of(pages(1)), parallel=False)
        assert store.count() == 0
        report = session.ingest_captures(captures_of(pages(1)), parallel=False)  # the source hands it in again
    assert report.counts["new"] == 1 and store.count() == 1
    [record] = list(engine.export())
    assert store.captures_of(record.id) and store.get_capture(store.captures_of(record.id)[0]) is not None
    engine.close()


# -------------------------------------------------------------------------- label_overrides and reparse
@pytest.mark.slow
def test_reparse_applies_a_fixed_site_definition(tmp_path):
    """Crawl the sm-gov fixture site (its CMS prints 公开单位 and 成文时间, mapped by label_overrides), change its
    definition, reparse: the records follow the definition as it is now. The crawl keeps no label sidecar."""
    sites_dir = tmp_path / "sites"
    (sites_dir / "sm-gov").mkdir(parents=True)
    definition = sites_dir / "sm-gov" / "site.toml"
    shutil.copy(fixture_sites_dir() / "sm-gov" / "site.toml", definition)
    data = tmp_path / "data"
    with FixtureSites.from_folder(fixture_sites_dir(), names=["sm-gov"], slow_seconds=1.0) as sites:
        run_in_subprocess(["--sites-dir", str(sites_dir), "--base-url", f"sm-gov={sites.base_urls['sm-gov']}", "--timeout", "10", "sm-gov"], data)
        url = sites.base_urls["sm-gov"] + "/zfxxgk/2024/content_81301.html"
    state = CrawlState(load_settings(data_dir=data).resolved_database_url)
    try:
        [record_id] = state.get(url).record_ids
    finally:
        state.close()
    engine = Engine(load_settings(data_dir=data))
    crawled = engine.get(record_id)
    assert (crawled.issuer, str(crawled.written_date)) == ("厦门市思明区人民政府办公室", "2024-04-22")
    [sha] = engine.store.captures_of(record_id)
    assert engine.store.get_capture(sha)[1]["meta"]["sidecar"] == {}  # the labels are the parser's, not a sidecar's
    engine.close()

    # The agency's CMS is understood better now: 成文时间 is not the written date after all (say), and the
    # definition drops it. `gongkai reparse` reads the definitions as they are now.
    definition.write_text(definition.read_text(encoding="utf-8").replace('"成文时间" = "written_date"\n', ""), encoding="utf-8")
    env = {"GONGKAI_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    gongkai = str(Path(sys.executable).parent / "gongkai")
    done = subprocess.run([gongkai, "reparse", record_id, "--sites-dir", str(sites_dir)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr + done.stdout
    engine = Engine(load_settings(data_dir=data))
    again = engine.get(record_id)
    assert again.written_date is None and again.issuer == "厦门市思明区人民政府办公室" and again.version == crawled.version + 1
    engine.close()


def test_the_crawl_pipeline_hands_every_batch_to_the_runs_one_session(tmp_path):
    """crawlers/pipeline.py: each batch goes to the spider's session (its pool kept between batches, no index
    commit per batch), and each page's outcome comes from the results of its own capture, even when two
    captures share a URL (the same page fetched twice in a run) or a column gives several notices."""
    from types import SimpleNamespace

    from gongkai.crawlers.items import CaptureItem, Validators
    from gongkai.crawlers.pipeline import IngestPipeline
    from gongkai.crawlers.stats import RunStats

    settings = load_settings(data_dir=tmp_path / "data")
    engine = Engine(settings)
    state = CrawlState.from_settings(settings)
    notes: list[tuple[str, str, list[str]]] = []
    commits_before = engine.index.watermark
    with engine.ingest_session() as session:
        spider = SimpleNamespace(
            engine=engine, ingest_session=session, crawl_state=state, run_stats=RunStats("t"), site_name="t", outcome_log=None,
            on_event=None, note=lambda url, outcome, **f: notes.append((url, outcome, list(f.get("record_ids", [])))),
        )
        pipeline = IngestPipeline(SimpleNamespace(settings=SimpleNamespace(getint=lambda name, default: default), spider=spider))
        first, second = pages(2)
        url = "https://www.gov.cn/page.htm#top"
        pipeline._ingest([CaptureItem(Capture(data=first.read_bytes(), url=url, source="site:t"), 200, Validators())], False)
        workers = {w.process.pid for w in session.pool._pool}
        pipeline._ingest([CaptureItem(Capture(data=second.read_bytes(), url=url, source="site:t"), 200, Validators()),
                          CaptureItem(Capture(data=b"", url="https://www.gov.cn/empty.htm", source="site:t"), 200, Validators())], False)
        column = FIXTURES / "xmrb" / "pages" / "xmrb" / "html" / "2024-05" / "06" / "content_101.htm"
        pipeline._ingest([CaptureItem(Capture(data=column.read_bytes(), url="http://127.0.0.1/c.htm", source="site:xmrb",
                                              sidecar={"publish_date": "2024-05-06"}), 200, Validators(), notices=True)], True)
        # the first batch's parser process still works for the later ones (workers start lazily, up to one a core)
        assert workers and workers <= {w.process.pid for w in session.pool._pool}
        assert engine.index.watermark == commits_before  # no commit per batch: the session commits by time
    state.close()
    [(u1, o1, ids1), (u2, o2, ids2), (u3, o3, ids3), (_, o4, ids4)] = notes
    assert (u1, o1, u2, o2) == (url, "new", url, "new") and len(ids1) == len(ids2) == 1 and ids1 != ids2
    assert (u3, o3, ids3) == ("https://www.gov.cn/empty.htm", "quarantined", [])
    assert o4 == "new" and len(ids4) == 4  # the column's four notices, under its one capture
    assert engine.index.watermark == engine.store.max_seq()
    engine.close()


def test_a_kept_parser_worker_holds_no_lock_its_parent_held_when_it_was_forked(tmp_path):
    """Tantivy's threads flock() its meta lock now and then; a session's parser worker forked at such a moment
    inherited the lock's open file and, living on for the session, held the lock after the parent let go: the
    session's last index commit waited for it for good (the drop folder hung). Workers close inherited files."""
    import fcntl
    import os

    from gongkai.parsers.pool import ParserPool
    from gongkai.settings import ParserSettings

    path = tmp_path / ".tantivy-meta.lock"
    held = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a tantivy thread holds it at the moment of the fork
    with ParserPool(ParserSettings(), workers=1) as pool:
        [(_, record)] = list(pool.parse(captures_of(pages(1))))  # the worker is forked and has parsed
        assert record.title
        os.close(held)  # the parent lets go
        again = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(again, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if the worker still held it
        finally:
            os.close(again)
