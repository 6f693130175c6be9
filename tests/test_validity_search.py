"""Issue 19 in search: the validity filter (query syntax, --validity, validity=), its facet, the ranking of
repealed and expired documents, and an index that follows status changes without a reindex.

Real SQLite store, real Tantivy index, the real HTTP server on 127.0.0.1; the repealing regulation is a
real text of ../shared/corpus (医疗器械经营监督管理办法, 2022, which repeals the 2014 one)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.indexer.query import parse_query
from gongkai.record import Record
from gongkai.settings import Settings
from tests.support import served_engine
from tests.test_validity_api import OLD
from tests.test_validity_store import regulation

TITLE = "医疗器械经营监督管理办法"


def new_regulation() -> Record:
    return regulation("医疗器械经营监督管理办法(2022-03-10).md", "yljx-2022", "国家市场监督管理总局令第54号")


def old_regulation() -> Record:
    return Record(**OLD)


#: takes effect in 2030: not yet in force until then (the daily job moves it)
LATER = Record(
    id="later-2029", kind="disclosure", title="厦门市医疗器械经营备案办法", publish_date=date(2029, 12, 1),
    body="第一条 为规范医疗器械经营备案，制定本办法。\n第二十条 本办法自2030年1月1日起施行。",
)
#: a five-year period that ended in 2020
EXPIRED = Record(
    id="expired-2015", kind="disclosure", title="厦门市医疗器械经营监督管理暂行办法", publish_date=date(2014, 12, 1),
    body="第一条 为加强医疗器械经营监督管理，制定本办法。\n第三十条 本办法自2015年1月1日起施行，有效期5年。",
)


def engine_at(path: Path, database_url: str = "") -> Engine:
    return Engine(Settings(data_dir=path, database_url=database_url))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """"" (SQLite in the data dir), or the PostgreSQL database of GONGKAI_TEST_POSTGRES_URL emptied first."""
    from tests.test_store import POSTGRES_URL, _drop_all

    if request.param == "sqlite":
        yield ""
        return
    if not POSTGRES_URL:
        pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the validity search tests on PostgreSQL too")
    _drop_all(POSTGRES_URL)
    yield POSTGRES_URL
    _drop_all(POSTGRES_URL)


def ids(engine: Engine, q: str = "", **filters) -> list[str]:
    return [hit.id for hit in engine.search(SearchRequest(q=q, limit=50, **filters)).hits]


def test_query_syntax_reads_codes_and_chinese_names() -> None:
    (clause,) = parse_query("validity:in_force")
    assert (clause.field, clause.text) == ("validity", "in_force")
    for typed, status in (("效力:现行有效", "in_force"), ("validity:已修改", "amended"), ("validity：已废止", "repealed"),
                          ("效力:已失效", "expired"), ("validity:尚未施行", "not_yet_in_force"), ("validity:REPEALED", "repealed")):
        assert [(c.field, c.text) for c in parse_query(typed)] == [("validity", status)], typed
    negated, word = parse_query("-validity:已废止 停电")
    assert negated.negated and negated.text == "repealed" and word.text == "停电"
    # not a status: literal text, as any malformed field
    assert parse_query("validity:maybe")[0].field is None


def test_filter_facet_and_ranking_with_explain(tmp_path: Path) -> None:
    engine = engine_at(tmp_path / "d")
    try:
        engine.ingest_records([old_regulation(), new_regulation(), EXPIRED])
        response = engine.search(SearchRequest(q=TITLE, explain=True, limit=10))
        assert response.facets["validity"] == {"in_force": 1, "repealed": 1, "expired": 1}
        order = [hit.id for hit in response.hits]
        # the repealed 2014 text matches the query about as well (the same title, a short body; a word scores by
        # its character pairs, so the 2022 text's repetitions make up for its length: within 1%) ...
        first_bm25 = {h.id: h.explain["bm25_and_boosts"] for h in response.hits}
        assert first_bm25["yljx-2014"] >= 0.99 * first_bm25["yljx-2022"]
        # ... and ranks below the one in force, found all the same (never hidden)
        assert order.index("yljx-2022") < order.index("yljx-2014")
        by_id = {h.id: h for h in response.hits}
        assert by_id["yljx-2014"].validity == "repealed" and by_id["yljx-2014"].explain["validity_factor"] == 0.5
        assert by_id["yljx-2022"].explain["validity_factor"] == 1.0 and by_id["expired-2015"].explain["validity"] == "expired"
        # the filter, in the query and as a request field, agrees with the facet
        assert ids(engine, f"validity:in_force {TITLE}") == ["yljx-2022"]
        assert ids(engine, f"效力:现行有效 {TITLE}") == ["yljx-2022"]
        assert ids(engine, TITLE, validity="repealed") == ["yljx-2014"]
        assert set(ids(engine, f"-validity:已废止 {TITLE}")) == {"yljx-2022", "expired-2015"}
        assert ids(engine, "validity:expired") == ["expired-2015"]  # a filter alone: every record holding it
        # by date (nothing re-ranked): each hit's explain still names its status
        by_date = engine.search(SearchRequest(q=TITLE, sort="date", explain=True)).hits
        assert {h.id: h.explain["validity"] for h in by_date} == {"yljx-2022": "in_force", "yljx-2014": "repealed", "expired-2015": "expired"}
    finally:
        engine.close()


def _parking(number: int, expired: bool) -> Record:
    # the documents in force are longer: BM25 scores them a little lower than the expired ones
    body = "本办法自2015年1月1日起施行，有效期2年。" if expired else "本办法适用于本市行政区域内经营性停车场的规划、建设和收费。本办法自2020年1月1日起施行。"
    return Record(id=f"{'old' if expired else 'now'}-{number:02d}", kind="disclosure", title="厦门市停车场管理办法",
                  publish_date=date(2014 if expired else 2019, 12, 1), body=f"第一条 为加强停车场管理，制定本办法。\n第三十条 {body}")


def test_demotion_holds_past_the_reranked_window(tmp_path: Path) -> None:
    """Four times more matches than the re-ranked window: every expired document ranks below every one in
    force with the same match, on every page (tantivy scores with the factor), and still counts and is found."""
    settings = Settings(data_dir=tmp_path / "d")
    settings.search.ranking.rerank_window = 5
    engine = Engine(settings)
    try:
        # expired first: in BM25 order they would come first on equal scores (the older documents)
        engine.ingest_records([_parking(n, expired=True) for n in range(10)])
        engine.ingest_records([_parking(n, expired=False) for n in range(10)])
        for q in ("停车场管理办法", "停车场"):
            response = engine.search(SearchRequest(q=q, limit=20, explain=True))
            assert response.total == 20
            statuses = [hit.validity for hit in response.hits]
            assert statuses == ["in_force"] * 10 + ["expired"] * 10, (q, statuses)
            assert {hit.explain["validity_factor"] for hit in response.hits[10:]} == {0.5}
            assert not response.hits[-1].explain.get("reranked", True)  # past the window: tantivy's order
            pages = [hit.id for offset in range(0, 20, 6) for hit in engine.search(SearchRequest(q=q, limit=6, offset=offset)).hits]
            assert pages == [hit.id for hit in response.hits], "the pages partition the same order"
        # sorted by date nothing is demoted: the order is the dates'
        by_date = engine.search(SearchRequest(q="停车场管理办法", limit=20, sort="date", explain=True)).hits
        assert [hit.validity for hit in by_date[:10]] == ["in_force"] * 10 and "validity_factor" not in by_date[0].explain
    finally:
        engine.close()


def test_repealed_factor_is_a_setting(tmp_path: Path) -> None:
    """With repealed_factor 1 the order is BM25's again: the setting, not something else, puts it below."""
    settings = Settings(data_dir=tmp_path / "d")
    settings.search.ranking.repealed_factor = 1.0
    engine = Engine(settings)
    try:
        engine.ingest_records([old_regulation(), new_regulation()])
        hits = engine.search(SearchRequest(q=TITLE, explain=True)).hits
        assert [h.explain["validity_factor"] for h in hits] == [1.0, 1.0]
        assert hits[0].explain["final"] >= hits[1].explain["final"]
    finally:
        engine.close()


@pytest.mark.parametrize("order", ["repealed first", "repealing first"])
def test_index_follows_an_edge_without_reindex(tmp_path: Path, order: str, database_url: str) -> None:
    """The repealing document ingested after the repealed one changes what the filter finds: the repealed
    record took a new change number when its status changed, and the index re-read it."""
    engine = engine_at(tmp_path / "d", database_url)
    try:
        if order == "repealed first":
            engine.ingest_records([old_regulation()])
            assert ids(engine, f"validity:in_force {TITLE}") == ["yljx-2014"]
            seq_before = engine.store.max_seq()
            read_back: list[str] = []
            changes_since = engine.store.changes_since

            def spy(seq, limit=1000):
                found = changes_since(seq, limit)
                read_back.extend(record.id for _, record in found)
                return found

            engine.store.changes_since = spy
            engine.ingest_records([new_regulation()])
            engine.store.changes_since = changes_since
            assert engine.store.max_seq() == seq_before + 2  # the new record, and the old one renumbered
            # the batch itself went the fast path (its prepared text); only the renumbered record was read back
            assert read_back == ["yljx-2014"]
        else:
            engine.ingest_records([new_regulation()])
            engine.ingest_records([old_regulation()])
        assert ids(engine, f"validity:in_force {TITLE}") == ["yljx-2022"]
        assert ids(engine, f"validity:repealed {TITLE}") == ["yljx-2014"]
        assert engine.index.watermark == engine.store.max_seq()
        assert engine.index.doc_count() == 2  # each record once, whichever path indexed it
        # a fresh engine on the same data (another process): the index on disk says the same
        other = engine_at(tmp_path / "d", database_url)
        try:
            assert ids(other, TITLE, validity="repealed") == ["yljx-2014"]
        finally:
            other.close()
        # the repealing document withdrawn: the old one is in force again, in the index too
        assert engine.withdraw("yljx-2022", "test")
        assert ids(engine, f"validity:in_force {TITLE}") == ["yljx-2014"]
    finally:
        engine.close()


def test_index_follows_the_daily_job_and_an_override(tmp_path: Path, database_url: str) -> None:
    engine = engine_at(tmp_path / "d", database_url)
    try:
        engine.ingest_records([LATER])
        assert ids(engine, "validity:not_yet_in_force") == ["later-2029"]
        # the daily job on 2030-01-02 (its date given, as the scheduler's Beijing day would be)
        assert engine.store.validity_recompute(date(2030, 1, 2)) == 1
        engine.catch_up_index()
        assert ids(engine, "validity:in_force") == ["later-2029"] and ids(engine, "validity:not_yet_in_force") == []
        # nothing changed on a second run: no new change number, nothing re-indexed
        seq = engine.store.max_seq()
        assert engine.store.validity_recompute(date(2030, 1, 3)) == 0 and engine.store.max_seq() == seq
        # an operator's status, then back to the derived one
        engine.validity_set("later-2029", "repealed", "复核", "李四")
        assert ids(engine, "validity:repealed") == ["later-2029"]
        engine.validity_set("later-2029", "auto", "复核", "李四")
        assert ids(engine, "validity:repealed") == []
    finally:
        engine.close()


def test_reindex_keeps_the_statuses(tmp_path: Path) -> None:
    engine = engine_at(tmp_path / "d")
    try:
        engine.ingest_records([old_regulation(), new_regulation()])
        assert engine.reindex() == 2
        assert ids(engine, TITLE, validity="repealed") == ["yljx-2014"]
        assert engine.search(SearchRequest(q=TITLE)).facets["validity"] == {"in_force": 1, "repealed": 1}
    finally:
        engine.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("validity-search") / "data"
    with (served_engine(data, [old_regulation(), new_regulation(), EXPIRED]) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client, data


def test_api_filter_facet_and_hit_status(served) -> None:
    _, client, _ = served
    body = client.get("/api/search", params={"q": TITLE}).json()
    assert body["facets"]["validity"] == {"in_force": 1, "repealed": 1, "expired": 1}
    assert {h["id"]: h["validity"] for h in body["hits"]} == {"yljx-2022": "in_force", "yljx-2014": "repealed", "expired-2015": "expired"}
    for value in ("in_force", "现行有效"):
        found = client.get("/api/search", params={"q": TITLE, "validity": value}).json()
        assert [h["id"] for h in found["hits"]] == ["yljx-2022"] and found["total"] == 1
    explained = client.get("/api/search", params={"q": TITLE, "explain": "true"}).json()["hits"]
    assert [h["id"] for h in explained].index("yljx-2022") < [h["id"] for h in explained].index("yljx-2014")
    bad = client.get("/api/search", params={"q": TITLE, "validity": "perhaps"})
    assert bad.status_code == 422 and "validity" in bad.text
    spec = client.get("/openapi.json").json()
    assert any(p["name"] == "validity" for p in spec["paths"]["/api/search"]["get"]["parameters"])


def test_page_facet_links_and_keeps_the_filter(served) -> None:
    _, client, _ = served
    html = client.get("/search", params={"q": TITLE}).text
    assert 'id="facet-validity">效力<' in html and "现行有效" in html and "validity=in_force" in html
    filtered = client.get("/search", params={"q": TITLE, "validity": "repealed"}).text
    assert "共 <strong>1</strong> 条结果" in filtered and '<input type="hidden" name="validity" value="repealed">' in filtered
    assert "效力：已废止" in filtered  # the active filter's chip
    ignored = client.get("/search", params={"q": TITLE, "validity": "perhaps"})
    assert ignored.status_code == 200 and "已忽略无效的筛选条件" in ignored.text


def test_cli_search_validity(served) -> None:
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    _, _, data = served

    def run(*args):
        state._settings = state._engine = None
        result = CliRunner().invoke(app, ["--data-dir", str(data), *args])
        state._settings = state._engine = None
        return result

    out = json.loads(run("search", TITLE, "--validity", "已废止", "--json").stdout)
    assert [h["id"] for h in out["hits"]] == ["yljx-2014"] and out["hits"][0]["validity"] == "repealed"
    assert out["facets"]["validity"] == {"repealed": 1}
    out = json.loads(run("search", f"validity:in_force {TITLE}", "--json").stdout)
    assert [h["id"] for h in out["hits"]] == ["yljx-2022"]
    refused = run("search", TITLE, "--validity", "perhaps")
    assert refused.exit_code == 2 and "--validity" in refused.stderr


def test_alert_filters_by_validity(tmp_path: Path) -> None:
    """A saved search with validity=in_force matches as the search does (the alerts' batch index carries
    the statuses too): of a batch holding a regulation and the one repealing it, only the one in force."""
    from gongkai.feeds import alerts as A
    from gongkai.settings import load_settings
    from tests.alert_receiver import Receiver

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    try:
        with Receiver() as receiver:
            alert = A.add_alert(engine, TITLE, {"validity": "in_force"}, "webhook", receiver.url)
            receiver.secret = alert.secret
            engine.ingest_records([old_regulation(), new_regulation()])
            report = A.run_alerts(engine, [alert.id])
            assert report.delivered == 1 and not report.errors
            [body] = receiver.accepted.values()
            assert [r["id"] for r in body["records"]] == ["yljx-2022"]
    finally:
        engine.close()


def test_export_carries_validity_that_ingest_ignores(served, tmp_path: Path) -> None:
    """`gongkai export --validity`: each record line ends with its derived validity; ingesting that file
    elsewhere stores every record (the field is dropped, not refused) and derives the same statuses."""
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    _, _, data = served

    def run(where: Path, *args):
        state._settings = state._engine = None
        result = CliRunner().invoke(app, ["--data-dir", str(where), *args])
        state._settings = state._engine = None
        return result

    plain = run(data, "export").stdout.splitlines()
    assert all("validity" not in json.loads(line) for line in plain)  # not asked for: the format as before
    lines = run(data, "export", "--validity").stdout.splitlines()
    exported = {json.loads(line)["id"]: json.loads(line) for line in lines}
    assert exported["yljx-2014"]["validity"]["status"] == "repealed"
    assert exported["yljx-2014"]["validity"]["repealed_by"][0]["id"] == "yljx-2022"
    assert exported["yljx-2022"]["validity"]["repeals"][0]["id"] == "yljx-2014"
    dump = tmp_path / "export.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = tmp_path / "other"
    ingested = run(other, "ingest", str(dump), "--json")
    assert ingested.exit_code == 0, ingested.output
    engine = engine_at(other)
    try:
        assert engine.store.quarantine_list() == []  # nothing refused
        assert {r.id for r in engine.export()} == set(exported)
        assert ids(engine, TITLE, validity="repealed") == ["yljx-2014"]
    finally:
        engine.close()


def test_search_feed_takes_the_validity_filter(served) -> None:
    """The page's feed link carries validity=, and /feeds/search.atom filters by it as the page does."""
    _, client, _ = served
    feed = client.get("/feeds/search.atom", params={"q": TITLE, "validity": "repealed"})
    assert feed.status_code == 200
    assert "yljx-2014" in feed.text and "yljx-2022" not in feed.text
    assert client.get("/feeds/search.atom", params={"q": TITLE, "validity": "perhaps"}).status_code == 422
