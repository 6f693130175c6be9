"""Test helpers: a real engine (SQLite store + tantivy index on disk) behind a real socket.

    with served_engine(tmp_path / "data", records) as (engine, base_url):
        httpx.get(base_url + "/api/search", params={"q": "停电"})
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from gongkai.record import Record

#: A PostgreSQL server the tests may create databases on (`./dev test` starts a throwaway one as root).
POSTGRES_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "")
NO_POSTGRES = "set GONGKAI_TEST_POSTGRES_URL (a PostgreSQL the tests may create databases on; ./dev test starts one as root)"


def sample_records() -> list[Record]:
    """The bundled ~400 Xiamen-style records (gongkai/data/sample_records.jsonl)."""
    path = resources.files("gongkai") / "data" / "sample_records.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [Record.model_validate_json(line) for line in handle if line.strip()]


def build_engine(data_dir: Path, records: Iterable[Record | dict[str, Any]], **settings_overrides: Any) -> Any:
    """A real engine (SQLite store + tantivy index on disk under data_dir) holding `records`."""
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=data_dir, **settings_overrides)
    engine = Engine(settings)
    report = engine.ingest_records(r if isinstance(r, Record) else Record(**r) for r in records)
    if report.counts.get("quarantined"):
        raise RuntimeError(f"fixture records were quarantined: {report.as_dict()}")
    return engine


def demo_and_corpus_engine(data_dir: Path) -> Any:
    """A real engine holding the demo's sample records and the corpus records of tests/test_index_helpers (those the
    demo does not hold already): what the held-out search rounds probe."""
    from tests.test_index_helpers import all_records  # imported when needed: that module is a test module

    records = sample_records()
    known = {r.id for r in records}
    return build_engine(data_dir, records + [r for r in all_records() if r.id not in known])


def demo_and_corpus_fixture(name: str) -> Any:
    """A module-scoped pytest fixture yielding `demo_and_corpus_engine` (built under a temporary folder called `name`),
    closed after the module: `demo = demo_and_corpus_fixture("heldout11")` in a held-out search round."""
    import pytest

    @pytest.fixture(scope="module")
    def demo(tmp_path_factory: Any) -> Iterator[Any]:
        engine = demo_and_corpus_engine(tmp_path_factory.mktemp(name) / "data")
        yield engine
        engine.close()

    return demo


def search(engine: Any, q: str, limit: int = 10, **request: Any) -> Any:
    """The engine's answer to `q` (first `limit` hits; other `SearchRequest` fields as keywords): the held-out rounds' call."""
    from gongkai.search_types import SearchRequest

    return engine.search(SearchRequest(q=q, limit=limit, **request))


def holds(hit: Any, expected: str) -> bool:
    """A hit is the one expected: its id, or a title holding the words expected."""
    return bool(hit.id == expected or expected in (hit.title or ""))


def shown(hits: Iterable[Any]) -> list[tuple[str, str]]:
    """Hits as (id, title) pairs, for an assertion's message."""
    return [(h.id, h.title) for h in hits]


def assert_first_hit(engine: Any, query: str, expected: str) -> None:
    """The first hit of `query` is the record expected (`holds`)."""
    hits = search(engine, query).hits
    assert hits and holds(hits[0], expected), (query, shown(hits[:3]))


def assert_among_first(engine: Any, query: str, expected: str, n: int) -> None:
    """One of the first `n` hits of `query` is the record expected (`holds`)."""
    hits = search(engine, query).hits
    assert any(holds(hit, expected) for hit in hits[:n]), (query, shown(hits[:n]))


def assert_first_hit_of_type(engine: Any, query: str, notice_type: str) -> None:
    """The first hit of `query` is a notice of `notice_type`."""
    hits = search(engine, query).hits
    assert hits and hits[0].notice_type == notice_type, (query, shown(hits[:3]))


def assert_completes(engine: Any, prefix: str, expected: str) -> None:
    """The search box offers, for `prefix`, a completion holding `expected`."""
    suggestions = [s.text for s in engine.suggest(prefix)]
    assert any(expected in text for text in suggestions), (prefix, suggestions)


def held_out_query_cases(rounds: Path, left: dict[str, str]) -> list[Any]:
    """The queries of a folder of held-out rounds (round*.tsv, one a line: check, query, expected; `#` a comment) as pytest
    params, each query of `left` skipped with its reason (an expectation judged wrong, or a failure left)."""
    import pytest

    cases = []
    for path in sorted(rounds.glob("round*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                check, query, expected = line.split("\t")[:3]
                marks = [pytest.mark.skip(reason=left[query])] if query in left else []
                cases.append(pytest.param(check, query, expected, id=f"{path.name}:{query}", marks=marks))
    return cases


def assert_held_out_query(engine: Any, check: str, query: str, expected: str) -> None:
    """One held-out round's line: its check of `query` against `expected`."""
    if check == "top":
        assert_first_hit(engine, query, expected)
    elif check == "page":  # the first hit of a page filled with partial matches, as /api/search and the page ask
        hits = search(engine, query, fill=True).hits
        assert hits and holds(hits[0], expected), (query, shown(hits[:3]))
    elif check == "in3":
        assert_among_first(engine, query, expected, 3)
    elif check == "type":
        assert_first_hit_of_type(engine, query, expected)
    elif check == "sug":
        assert_completes(engine, query, expected)
    elif check == "dym":
        offers = search(engine, query).did_you_mean
        assert any(expected in offer for offer in offers), (query, offers)
    else:
        raise AssertionError(f"unknown check {check!r}")


@contextlib.contextmanager
def served_engine(data_dir: Path, records: Iterable[Record | dict[str, Any]], **settings_overrides: Any) -> Iterator[tuple[Any, str]]:
    """Build an engine and serve it on 127.0.0.1 (free port) in a background thread."""
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = build_engine(data_dir, records, **settings_overrides)
    try:
        with serve_in_thread(create_app(engine)) as base_url:
            yield engine, base_url
    finally:
        engine.close()


# ------------------------------------------------------------------ the held-out outage rounds (outages9, outages10) share these


def outage_notices_engine(data_dir: Path, layouts: Iterable[Any], url: str, source: str) -> Any:
    """A real engine holding each outage layout (tests/outage_layouts.Layout: its text, issue day and encoding) captured as
    a page at `url`.format(issued=…, n=…) from `source`: bytes → notice parser → SQLite → tantivy, as a crawl brings it."""
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=data_dir))
    captures = [Capture(data=layout.text.encode(layout.encoding), url=url.format(issued=layout.issued, n=n), source=source)
                for n, layout in enumerate(layouts)]
    report = engine.ingest_captures(captures, notices=True, parallel=False)
    if report.counts.get("quarantined"):
        engine.close()
        raise RuntimeError(f"outage notices were quarantined: {report.as_dict()}")
    return engine


def outage_lookup_cases(layouts: Iterable[Any]) -> list[Any]:
    """One pytest param (place, day, cut?) for each answer of each layout, named `layout-place-day-cut` (or `-not`)."""
    import pytest

    return [pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
            for layout in layouts for place, day, cut in layout.answers]


def assert_outage_lookup(engine: Any, place: str, day: Any, cut: bool) -> None:
    """The lookup (Engine.outages) finds `place` cut on `day` exactly when `cut`; the message lists what it found."""
    found = engine.outages(place, day)
    assert bool(found) is cut, [(record.title, [(e.start, e.end, e.effect, e.text) for e in events]) for record, events in found]


@contextlib.contextmanager
def served_outage_notices(data_dir: Path, layouts: Iterable[Any], url: str, source: str) -> Iterator[Any]:
    """outage_notices_engine's engine with its app served on 127.0.0.1 (a free port): an httpx client of it, for the
    held-out rounds that ask over HTTP as the page and the search box do (outages10 on)."""
    import httpx

    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = outage_notices_engine(data_dir, layouts, url, source)
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield client
    finally:
        engine.close()


def _windows_found(notices: list[dict[str, Any]]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    return [(n["title"], [(w["start"], w["end"], w.get("effect"), w["text"]) for w in n["matching_windows"]]) for n in notices]


def assert_api_outage_lookup(client: Any, place: str, day: str, cut: bool) -> None:
    """/api/notices/outages answers `place` cut on `day` (a date, with a part of the day since outages12) exactly when `cut`."""
    reply = client.get("/api/notices/outages", params={"area": place, "date": day})
    assert reply.status_code == 200, reply.text
    answer = reply.json()
    assert answer["affected"] is cut, _windows_found(answer["notices"])


def assert_search_box_outage_answer(client: Any, monkeypatch: Any, today: str, query: str, affected: bool) -> None:
    """The search box (/api/search) reads `query`, asked on `today` (Beijing), as an outage question answered `affected`."""
    import gongkai.dates

    monkeypatch.setattr(gongkai.dates, "beijing_today", lambda: date.fromisoformat(today))
    reply = client.get("/api/search", params={"q": query})
    assert reply.status_code == 200, reply.text
    answer = reply.json()["outage"]
    assert answer is not None, f"{query}: no outage question read"
    assert answer["affected"] is affected, (answer["area"], answer["date"], answer["until"], _windows_found(answer["notices"]))


def days_cut(place: str, year: int, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    """(place, day, cut?) for a layout's answers: `place` cut on each month-day of `cut` ("12-08 12-10"), not on each of
    `clear`; a month-day of January–June is of the year after `year` (a round from December on), a full date as written."""
    def day(text: str) -> str:
        return text if len(text) == 10 else f"{year if text >= '07' else year + 1}-{text}"
    return [(place, day(d), True) for d in cut.split()] + [(place, day(d), False) for d in clear.split()]


@contextlib.contextmanager
def inbox_engine(settings: Any) -> Iterator[Any]:
    """An engine on `settings` with its drop folder (the inbox) created, closed afterwards."""
    from gongkai.engine import Engine
    from gongkai.feeds.inbox import inbox_dir

    engine = Engine(settings)
    inbox_dir(engine).mkdir(parents=True)
    yield engine
    engine.close()


@contextlib.contextmanager
def agency_push_client(settings: Any, agency: str) -> Iterator[tuple[Any, Any]]:
    """An engine and an httpx client of the app served on 127.0.0.1 that pushes with a token of `agency`."""
    import httpx

    from gongkai.engine import Engine
    from gongkai.feeds.tokens import TokenStore
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = Engine(settings)
    token, _ = TokenStore(engine.store).create(agency)
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60,
                                                                        headers={"Authorization": f"Bearer {token}"}) as client:
            yield engine, client
    finally:
        engine.close()


def wait_for(condition: Callable[[], Any], timeout: float = 20.0, what: str = "condition", interval: float = 0.1) -> Any:
    """The first truthy value of `condition`, polled every `interval` s; AssertionError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@contextlib.contextmanager
def throwaway_pg_database(label: str) -> Iterator[str]:
    """The URL of a new empty PostgreSQL database on GONGKAI_TEST_POSTGRES_URL's server, dropped afterwards;
    the test is skipped, with the reason, where no server is named. `label` keeps two test modules (or two
    pytest processes: the pid) from sharing one. The `pg_database` fixture of conftest.py hands one out."""
    import pytest
    from sqlalchemy import create_engine, text

    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"gongkai_{label}_{os.getpid()}".lower()[:63]
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))  # one a killed run left
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        from gongkai.store.engines import dispose_shared

        dispose_shared()  # this process's pooled connections to it
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))  # FORCE: other processes' too
        admin.dispose()


def store_made_ahead_of_this_code(url: str, raw_dir: Path) -> None:
    """A SQLite store at `url` whose revision is newer than this code's (a later version wrote it)."""
    from sqlalchemy import create_engine, text

    from gongkai.store.store import Store

    Store(url, raw_dir).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()


@contextlib.contextmanager
def local_http_server(handler: type) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) answering with `handler` (a BaseHTTPRequestHandler class)
    for the length of the block; yields its base URL. The sites a test plays (a Hanweb CMS, a JSON list API, a download
    servlet) are handler classes; this is the serving they share."""
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def zip_bytes(members: dict[str, bytes], gbk_names: bool = False) -> bytes:
    """A zip of `members` (name -> bytes), deflated; `gbk_names`: its names written in GBK without the UTF-8 flag, as a
    Chinese Windows zips them (zipfile itself would write UTF-8: the names are written as placeholders of their length,
    then replaced in the bytes)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    placeholders = {name: (f"{n:0{len(name.encode('gbk')) - len(Path(name).suffix)}d}{Path(name).suffix}" if gbk_names else name)
                    for n, name in enumerate(members)}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(placeholders[name], data)
    raw = buffer.getvalue()
    for name, placeholder in placeholders.items() if gbk_names else ():
        raw = raw.replace(placeholder.encode("ascii"), name.encode("gbk"))
    return raw


# ------------------------------------------------------------------ the held-out doors rounds (doors5/6/7/8) share these


def delivery_pairs(cases: Iterable[Any], doors: tuple[str, ...] = ("ingest", "inbox", "push")) -> list[tuple[Any, Any]]:
    """(case, entry) of each held-out delivery case of tests/hostile_cases.py's kind through each of `doors` it takes."""
    from tests.hostile_cases import entries_for

    return [(case, entry) for case in cases if not case.bench_only for entry in entries_for(case) if entry.name in doors]


def assert_delivered(case: Any, entry: Any, tmp_path: Path, monkeypatch: Any) -> Any:
    """Send `case` through `entry` (in tmp_path) and assert its conservation law: each item stored, quarantined with its
    reason, refused with a 4xx, or left in place; never lost; no file's content leaking from outside (/etc/passwd)."""
    from tests.hostile_cases import check

    monkeypatch.chdir(tmp_path)
    outcome = entry.run(case, tmp_path)
    problems = check(case, entry.name, outcome)
    assert not problems, "; ".join(problems)
    assert not any("root:" in title for title in outcome.titles)
    return outcome


def deliver_old(folder: Path, files: dict[str, bytes], age_seconds: float = 3600) -> Path:
    """`files` (name -> bytes) written into `folder` as an agency delivered them `age_seconds` ago (complete: older
    than feeds.inbox_min_age_seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    old = time.time() - age_seconds
    for name, data in files.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, (old, old))
    return folder


def files_under(folder: Path) -> list[Path]:
    """The files below `folder` (recursively, sorted), lock files left out; [] when it does not exist."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")) if folder.exists() else []


def engine_at(data: Path, **overrides: Any) -> Any:
    """An Engine on a data folder, its settings loaded as the CLI loads them (overrides as load_settings takes them)."""
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    return Engine(load_settings(data_dir=data, **overrides))


def cli_ingest_json(data: Path, *args: str) -> tuple[int, str]:
    """`gongkai --data-dir DATA ingest --json ARGS…` run in process (Typer's runner): its exit code and its JSON report.
    The CLI's cached settings and engine are cleared before and closed after, so each call is a fresh command."""
    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    state._settings = state._engine = None
    try:
        result = CliRunner().invoke(app, ["--data-dir", str(data), "ingest", "--json", *args], catch_exceptions=False)
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None
    return result.exit_code, result.stdout
