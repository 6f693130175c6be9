"""The store owns the database (issue 17): one MetaData, Alembic migrations, upgrade at start, refusal when ahead.

The fixture tests/fixtures/db_v1 is a database made by gongkai before Alembic (commit a10d2b5) with rows in every
table: as a SQLite file, and as a pg_dump for PostgreSQL (run when GONGKAI_TEST_POSTGRES_URL names a server the
tests may create databases on). Opening it upgrades it; every row of every table must come through unchanged
(except the one `meta` row migration 0002 deletes), and the upgraded schema must equal the MetaData.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, select, text
from typer.testing import CliRunner

from gongkai.record import Record
from gongkai.store import Store, StoreError
from gongkai.store.database import make_engine
from gongkai.store.migrate import SchemaError, head, include_object, status
from gongkai.store.schema import metadata
from tests.conftest import govcn_records
from tests.support import store_made_ahead_of_this_code

FIXTURE = Path(__file__).parent / "fixtures" / "db_v1"
COUNTS: dict[str, int] = json.loads((FIXTURE / "counts.json").read_text(encoding="utf-8"))
LEGACY_KEY = "store:schema_version"


def _rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, read through a plain engine (no upgrade on open)."""
    engine = create_engine(url)
    try:
        reflected = MetaData()
        reflected.reflect(engine)
        with engine.connect() as conn:
            return {name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
                    for name, table in reflected.tables.items()}
    finally:
        engine.dispose()


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def _load_dump(url: str) -> None:
    import psycopg

    sql = (FIXTURE / "postgresql.sql").read_text(encoding="utf-8")
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)  # no parameters: psycopg sends it as one simple query, statements and all


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path):
    """The pre-Alembic fixture, loaded into a database of its own."""
    if request.param == "sqlite":
        path = tmp_path / "data" / "gongkai.sqlite3"
        path.parent.mkdir(parents=True)
        shutil.copyfile(FIXTURE / "gongkai.sqlite3", path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_database")
    _load_dump(url)
    yield url


def test_fixture_is_the_old_schema(old_database):
    """What the upgrade starts from: every table has rows, and there are no schema versions yet."""
    assert {name: len(rows) for name, rows in _rows(old_database).items()} == COUNTS
    assert all(n > 0 for n in COUNTS.values())
    engine = make_engine(old_database)
    assert status(engine).state == "unversioned"
    engine.dispose()


def test_opening_an_old_database_upgrades_it_without_losing_a_row(old_database, tmp_path):
    before = _rows(old_database)
    store = Store(old_database, tmp_path / "raw")
    try:
        after = _rows(old_database)
        assert set(after) == set(before) | {"alembic_version", "holiday_days"}  # 0007 adds holiday_days, empty
        assert after["holiday_days"] == []
        for name, rows in before.items():
            expected = [row for row in rows if row[0] != LEGACY_KEY] if name == "meta" else rows
            if name == "crawl_pages":  # 0004 adds attachment_links, "" for a page no attachment row names as parent
                expected = [(*row, "") for row in rows]
            if name == "record_captures":  # 0005 adds the sending's metadata, NULL (the capture's own) for old links
                expected = [(*row, None) for row in rows]
            if name == "records":  # 0006 adds the change number a record entered with, NULL (unknown) for old rows
                expected = [(*row, None) for row in rows]
            assert after[name] == expected, name
        assert after["alembic_version"] == [(head(),)]
        assert status(store.engine).state == "current"
        assert _differences(old_database) == []  # the migrated schema is the MetaData's, indexes included

        # The store and its neighbours read the old rows through their own code.
        assert store.count(include_withdrawn=True) == COUNTS["records"]
        assert len(store.versions(govcn_id := store.iter_records().__next__().id)) >= 1, govcn_id
        from gongkai.crawlers.state import CrawlState
        from gongkai.feeds.tokens import TokenStore
        from gongkai.ops.db import ops_engine
        from gongkai.ops.history import RunLog

        crawl = CrawlState(old_database)
        assert [run["run_id"] for run in crawl.runs("xm")] == ["run1"]
        assert [info.agency for info in TokenStore(store).list()] == ["厦门市财政局"]
        assert [run.job for run in RunLog(ops_engine(old_database)).recent(limit=5)] == ["crawl:xm"]

        # Writing goes on where the old database stopped: the change numbers continue.
        seq = store.max_seq()
        record = Record(**govcn_records()[20])
        store.write_batch([record])
        assert store.max_seq() == seq + 1
        assert store.get(record.id).title == record.title
    finally:
        store.close()


def test_upgrading_twice_changes_nothing(old_database, tmp_path):
    Store(old_database, tmp_path / "raw").close()
    once = _rows(old_database)
    Store(old_database, tmp_path / "raw").close()
    assert _rows(old_database) == once


def test_a_new_database_is_made_at_the_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'gongkai.sqlite3'}"
    store = Store(url, tmp_path / "raw")
    store.close()
    assert _differences(url) == []
    rows = _rows(url)
    assert rows["alembic_version"] == [(head(),)]
    assert rows["meta"] == [("store:seq", "0")]  # no legacy schema number in a new database
    assert {name for name in rows} == set(metadata.tables) | {"alembic_version"}


def test_a_new_postgresql_database_is_made_at_the_head(pg_database, tmp_path):
    Store(pg_database, tmp_path / "raw").close()
    assert _differences(pg_database) == []
    assert _rows(pg_database)["alembic_version"] == [(head(),)]


def test_a_database_ahead_of_this_code_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'data' / 'gongkai.sqlite3'}"
    store_made_ahead_of_this_code(url, tmp_path / "raw")
    with pytest.raises(SchemaError) as caught:
        Store(url, tmp_path / "raw")
    assert isinstance(caught.value, StoreError)
    message = str(caught.value)
    assert "9999_future" in message and head() in message and "newer gongkai" in message
    # The CLI says so and stops, for any command that opens the store, and `db upgrade` refuses too.
    result = _cli(tmp_path / "data", "stats")
    assert result.exit_code == 1
    assert "9999_future" in result.output and "Traceback" not in result.output
    result = _cli(tmp_path / "data", "db", "upgrade")
    assert result.exit_code == 1 and "not upgraded" in result.output
    result = _cli(tmp_path / "data", "db", "current", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["state"] == "ahead"


def test_db_commands_on_the_old_database(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURE / "gongkai.sqlite3", data / "gongkai.sqlite3")
    result = _cli(data, "db", "current", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0]) | {"message": ""} == {"current": None, "head": head(), "state": "unversioned", "message": ""}
    result = _cli(data, "db", "upgrade", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.splitlines()[-1])
    assert (answer["before_state"], answer["state"], answer["current"]) == ("unversioned", "current", head())
    result = _cli(data, "db", "upgrade")
    assert result.exit_code == 0 and "nothing to do" in result.output


def test_two_processes_opening_an_old_database_at_once_upgrade_it_once(tmp_path):
    """Threads with engines of their own stand in for processes: the lock lets one upgrade; the other waits and
    finds the database current."""
    path = tmp_path / "gongkai.sqlite3"
    shutil.copyfile(FIXTURE / "gongkai.sqlite3", path)
    url = f"sqlite:///{path}"
    from gongkai.store.migrate import ensure_current

    found: list[str] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        engine = make_engine(url)
        try:
            found.append(ensure_current(engine).state)
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(found) == ["current", "unversioned"]  # one upgraded it; the other found it current (under the lock)
    assert _rows(url)["alembic_version"] == [(head(),)]
    assert {name: len(rows) for name, rows in _rows(url).items()} == {**COUNTS, "meta": COUNTS["meta"] - 1, "alembic_version": 1,
                                                                       "holiday_days": 0}  # 0007's table, empty


def _cli(data_dir: Path, *args: str):
    from gongkai.cli.context import state
    from gongkai.cli.main import app

    state._settings = None  # the CLI's process-wide state, fresh for each invocation
    state._engine = None
    try:
        return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = None
        state._engine = None


def test_only_the_store_declares_tables_or_makes_engines():
    """One owner of the database: no package folder but store/ imports MetaData, Table or create_engine from
    SQLAlchemy, or calls create_all (the crawlers', ops' and feeds' tables are in store/schema_*.py)."""
    import ast

    repo = Path(__file__).resolve().parents[1]
    found = []
    for folder in ("gongkai", "parsers", "indexer", "crawlers", "feeds", "web", "ops", "cli"):
        for path in sorted((repo / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                    found += [f"{path.relative_to(repo)}: imports {a.name}" for a in node.names if a.name in ("MetaData", "Table", "create_engine")]
                if isinstance(node, ast.Attribute) and node.attr == "create_all":
                    found.append(f"{path.relative_to(repo)}:{node.lineno}: create_all")
    assert found == []


def test_the_scripts_end_at_head_revision_in_one_line():
    """HEAD_REVISION (what opening a current database compares with, without importing Alembic) is the scripts'
    one head, and the scripts form one line from the baseline."""
    from gongkai.store.migrate import HEAD_REVISION, scripts

    directory = scripts()
    assert directory.get_heads() == [HEAD_REVISION]
    chain = list(directory.walk_revisions("base", "heads"))  # newest first
    assert chain[0].revision == HEAD_REVISION and chain[-1].revision == "0001"
    for newer, older in itertools.pairwise(chain):
        assert newer.down_revision == older.revision


def test_opening_a_current_database_does_not_import_alembic(tmp_path):
    """A CLI start pays no Alembic import when the database is current (it is imported to upgrade)."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'gongkai.sqlite3'}"
    Store(url, tmp_path / "raw").close()
    code = ("import sys; from gongkai.store import Store; "
            f"Store({url!r}, {str(tmp_path / 'raw')!r}).close(); print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_migrations_ship_in_the_package():
    """An installed wheel can upgrade: pyproject installs the migrations folders and Alembic's template (a wheel
    built with `pip wheel .` held gongkai/store/migrations/env.py, script.py.mako and versions/0001, 0002)."""
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    assert {"gongkai.store.migrations", "gongkai.store.migrations.versions"} <= set(setuptools["packages"])
    assert "script.py.mako" in setuptools["package-data"]["gongkai.store.migrations"]
    assert any(dep.startswith("alembic") for dep in project["project"]["dependencies"])


def test_a_sqlite_migration_may_copy_a_table_others_point_at(tmp_path):
    """Alembic's batch mode changes a SQLite table by copying it and dropping the old one: allowed for `records`
    (which record_versions, outbox, takedowns point at) with every row and reference kept, foreign keys on again
    after; a migration that breaks references is rolled back whole."""
    from alembic.operations import Operations
    from sqlalchemy import Column, Text

    from gongkai.store.migrate import ensure_current, run_in_transaction

    path = tmp_path / "gongkai.sqlite3"
    shutil.copyfile(FIXTURE / "gongkai.sqlite3", path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    ensure_current(engine)
    before = _rows(url)

    def copy_records(conn):
        with Operations(MigrationContext.configure(conn)).batch_alter_table("records", recreate="always") as batch:
            batch.add_column(Column("extra", Text(), nullable=False, server_default=""))

    run_in_transaction(engine, copy_records)
    after = _rows(url)
    assert [row[:-1] for row in after["records"]] == before["records"] and {row[-1] for row in after["records"]} == {""}
    assert {name: rows for name, rows in after.items() if name != "records"} == {n: r for n, r in before.items() if n != "records"}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    def orphan_the_versions(conn):
        conn.exec_driver_sql("DELETE FROM records")

    with pytest.raises(StoreError, match=r"would break \d+ foreign key references"):
        run_in_transaction(engine, orphan_the_versions)
    assert len(_rows(url)["records"]) == COUNTS["records"]
    engine.dispose()


def test_a_database_with_only_some_old_tables_is_adopted_not_stamped(tmp_path):
    """Only an old ops table (without its later column), as `gongkai jobs list` left it before the store was ever
    opened: the baseline runs (adds the column and every other table) instead of stamping it current as it is."""
    path = tmp_path / "gongkai.sqlite3"
    from sqlalchemy import Column, Table

    from gongkai.store.schema_ops import job_runs, job_state

    old = MetaData()  # the two tables as an older ops/tables.py made them: ops_job_runs without last_seen
    for table in (job_runs, job_state):
        Table(table.name, old, *(Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                                 for c in table.columns if c.name != "last_seen"))
    engine = create_engine(f"sqlite:///{path}")
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO ops_job_state VALUES ('crawl:xm', 1, '2026-03-01 08:00:00')"))
    engine.dispose()
    assert status(make_engine(f"sqlite:///{path}")).state == "unversioned"
    Store(f"sqlite:///{path}", tmp_path / "raw").close()
    assert _differences(f"sqlite:///{path}") == []  # ops_job_runs.last_seen added, the other tables made
    assert _rows(f"sqlite:///{path}")["ops_job_state"] == [("crawl:xm", True, datetime(2026, 3, 1, 8, 0))]


def test_the_gongkai_command_upgrades_at_start(tmp_path):
    """The installed `gongkai` command, on a data folder holding the old database: the first command upgrades it
    (and says so on stderr), then does its work on the old rows."""
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURE / "gongkai.sqlite3", data / "gongkai.sqlite3")
    command = [str(Path(sys.executable).parent / "gongkai"), "--data-dir", str(data), "stats", "--json"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("GONGKAI_")}
    first = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert f"database upgraded from schema revision (before versions) to {head()}" in first.stderr
    assert json.loads(first.stdout)["records"] == COUNTS["records"] - 1  # one of the twelve is taken down
    again = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert again.returncode == 0 and "upgraded" not in again.stderr


def test_the_schema_facade_needs_only_the_settings(tmp_path, monkeypatch):
    # gongkai db goes through Facades.schema (issue 17, thin shells): made from the settings alone, it reads
    # and upgrades the database without an Engine, so a database that is behind stays behind until asked.
    from gongkai.facades import Facades
    from gongkai.settings import Settings

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURE / "gongkai.sqlite3", data / "gongkai.sqlite3")

    def no_engine():
        raise AssertionError("the schema facade must not open the engine")

    schema = Facades(Settings(data_dir=data), no_engine).schema
    assert schema.status().state == "unversioned"
    assert schema.status().state == "unversioned"  # looking changed nothing
    before, after = schema.upgrade()
    assert (before.state, after.state, after.current) == ("unversioned", "current", head())
    # An unusable URL is a settings mistake: exit 2 with the message, no traceback (a database ahead: exit 1, above).
    monkeypatch.setenv("GONGKAI_DATABASE_URL", "not a url")
    result = _cli(data, "db", "current")
    assert result.exit_code == 2 and "not a database URL" in result.output and "Traceback" not in result.output


def test_old_street_subscriptions_become_area_alerts(old_database, tmp_path):
    """Migration 0003: a subscription the outage page made before the area filter (the street as query, filter
    notice_type=outage) and its alert become {"area": street}, matched by the outage lookup's rule; a search typed
    on the search page, other filters, an ended subscription stay as they were."""
    old = json.dumps({"notice_type": "outage"}, ensure_ascii=False)
    rows = [  # (id, query, filters, status)
        ("street", "湖滨南路200号", old, "active"),
        ("pending", "鼓屏路", old, "pending"),
        ("typed", "停电 湖滨南路", old, "active"),
        ("year", "湖滨南路", json.dumps({"notice_type": "outage", "year": "2024"}), "active"),
        ("ended", "湖滨南路", old, "unsubscribed"),
    ]
    raw = create_engine(old_database)
    with raw.begin() as conn:
        for sub_id, query, filters, state in rows:
            conn.execute(text("INSERT INTO subscriptions VALUES (:id, 'a@example.cn', :q, :f, :h, :s, '2026-03-01 08:00:00', "
                              "NULL, NULL, :alert)"), {"id": sub_id, "q": query, "f": filters, "h": "0" * 64, "s": state, "alert": "al-" + sub_id})
            conn.execute(text("INSERT INTO alerts VALUES (:id, :q, :f, 'email', 'a@example.cn', :secret, false, '2026-03-01 08:00:00', 0, NULL, NULL)"),
                         {"id": "al-" + sub_id, "q": query, "f": filters, "secret": "s" * 32})
    raw.dispose()

    store = Store(old_database, tmp_path / "raw")
    try:
        from gongkai.feeds.alert_store import AREA, get_alerts

        assert get_alerts(store, ["al-street"])[0].filters == {AREA: "湖滨南路200号"}
    finally:
        store.close()
    after = _rows(old_database)
    subs = {row[0]: (row[2], json.loads(row[3])) for row in after["subscriptions"]}
    alerts = {row[0]: (row[1], json.loads(row[2])) for row in after["alerts"]}
    assert subs["street"] == alerts["al-street"] == ("", {"area": "湖滨南路200号"})
    assert subs["pending"] == alerts["al-pending"] == ("", {"area": "鼓屏路"})
    for kept in ("typed", "year", "ended"):
        query, filters = next((q, json.loads(f)) for i, q, f, _ in rows if i == kept)
        assert subs[kept] == alerts["al-" + kept] == (query, filters), kept
    assert subs["sub1"] == ("停水", {})


def test_gongkai_db_revision_writes_the_next_script_from_the_metadata(tmp_path, monkeypatch):
    """`gongkai db revision MESSAGE` (developers): against a current database, a script numbered after the head,
    chained to it, with an upgrade and a downgrade. Run on a copy of the scripts (it writes into the package)."""
    from gongkai.store import migrate

    scripts, package_scripts = tmp_path / "migrations", migrate.MIGRATIONS_DIR
    shutil.copytree(package_scripts, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    migrate.scripts.cache_clear()
    data = tmp_path / "data"
    Store(f"sqlite:///{data / 'gongkai.sqlite3'}", tmp_path / "raw").close()  # a current database
    try:
        result = _cli(data, "db", "revision", "add nothing")
        assert result.exit_code == 0, result.output
        following = f"{int(migrate.HEAD_REVISION) + 1:04d}"
        [written] = (scripts / "versions").glob(f"{following}_*.py")
        text = written.read_text(encoding="utf-8")
        assert f"Revision ID: {following}\nRevises: {migrate.HEAD_REVISION}\n" in text, text
        assert migrate.HEAD_REVISION in text.split("down_revision", 1)[1].splitlines()[0], text
        assert "def upgrade()" in text and "def downgrade()" in text
        assert not list((package_scripts / "versions").glob(f"{following}_*.py"))  # the package's scripts untouched
    finally:
        migrate.scripts.cache_clear()
