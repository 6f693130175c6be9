"""Schema versions of the store's database, by Alembic (issue 17: the store owns the database).

Every table is on one MetaData (store/schema.py and its schema_*.py siblings); the migration scripts ship
in the package (store/migrations/versions), so an installed wheel can upgrade. `ensure_current` runs when the
store opens a database:
- a new, empty database gets every table of the MetaData and is stamped at the head revision (Alembic's
  recipe for a database built from scratch), in one transaction;
- a database made before Alembic (any of our tables, no `alembic_version`), or one behind the head, is upgraded;
- a database ahead of this code (a revision its scripts do not know: a newer gongkai upgraded it) is refused
  with a message saying so, before anything reads or writes it.
Upgrades run in one transaction under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two
processes starting at once upgrade once; the second finds the database current. `gongkai db upgrade` and
`gongkai db current` (cli/db.py) are the commands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from gongkai.store.database import READ_ONLY_OPTION
from gongkai.store.errors import StoreError
from gongkai.store.schema import metadata
from gongkai.store.schema_ops import SCHEDULER_JOBS_TABLE

if TYPE_CHECKING:  # Alembic itself is imported only when a database is not current (its import costs a CLI start)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger("gongkai.store.migrate")

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
#: the newest revision in migrations/versions, written here so that opening a current database needs no Alembic
#: import; a new migration script sets it (tests/test_db_migrations.py checks it against the scripts)
HEAD_REVISION = "0007"
#: PostgreSQL advisory lock key held while the schema is checked and changed ("gongkai" in ASCII, 7 bytes)
PG_LOCK_KEY = 0x676F6E676B6169
#: tables in the database that are not ours to create or migrate (APScheduler makes its own job table)
FOREIGN_TABLES = frozenset({SCHEDULER_JOBS_TABLE})
#: Alembic's table of the current revision
VERSION_TABLE = "alembic_version"

State = Literal["empty", "unversioned", "behind", "current", "ahead"]


class SchemaError(StoreError):
    """The database's schema revision is one this code cannot use (newer than it knows)."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # the revision in alembic_version; None when there is none
    head: str  # the newest revision this code's scripts know
    state: State

    def describe(self) -> str:
        return {
            "empty": f"an empty database; opening it creates every table at revision {self.head}",
            "unversioned": f"made before schema versions (no alembic_version); `gongkai db upgrade` brings it to {self.head}",
            "behind": f"at revision {self.current}, behind this gongkai's {self.head}; `gongkai db upgrade` brings it up",
            "current": f"at revision {self.current}, this gongkai's newest",
            "ahead": (f"at revision {self.current}, which this gongkai does not know (its newest is {self.head}): a newer gongkai "
                      "upgraded it; install that version here (or point this one at another database)"),
        }[self.state]

    def as_dict(self) -> dict[str, Any]:
        return {"current": self.current, "head": self.head, "state": self.state, "message": self.describe()}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's filter: leave tables that are not ours (APScheduler's) alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    directory = ScriptDirectory.from_config(alembic_config())
    heads = directory.get_heads()
    if heads != [HEAD_REVISION]:  # a new script without HEAD_REVISION set, or two written on one parent (merge them)
        raise StoreError(f"the store's migration scripts end at {', '.join(heads) or 'nothing'}, not at HEAD_REVISION {HEAD_REVISION}")
    return directory


def head() -> str:
    return HEAD_REVISION


def status_of(conn: Connection) -> SchemaStatus:
    newest = head()
    names = set(inspect(conn).get_table_names())
    # Read directly, not through a MigrationContext: opening the store does this every time, quietly.
    current = tuple(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars()) if VERSION_TABLE in names else ()
    if not current:
        # Any table of ours marks a database made before Alembic (e.g. only the ops tables, when `gongkai jobs`
        # ran before the store was ever opened): the baseline adopts it, adding what an older create_all left out.
        return SchemaStatus(None, newest, "unversioned" if names & set(metadata.tables) else "empty")
    if len(current) > 1:
        raise SchemaError(f"the database has several schema revisions ({', '.join(current)}); it was upgraded by mismatched code")
    revision = current[0]
    if revision == newest:
        return SchemaStatus(revision, newest, "current")
    from alembic.util.exc import CommandError

    try:
        known = scripts().get_revision(revision)
    except CommandError:
        known = None
    return SchemaStatus(revision, newest, "behind" if known is not None else "ahead")


def status(engine: Engine) -> SchemaStatus:
    with engine.execution_options(**{READ_ONLY_OPTION: True}).connect() as conn:  # a plain BEGIN: no write lock
        result = status_of(conn)
        conn.rollback()
    return result


def ensure_current(engine: Engine) -> SchemaStatus:
    """What opening a database does: nothing when it is current, create or upgrade it when it is empty or
    behind, SchemaError when it is ahead. Returns the status it found."""
    found = status(engine)  # no lock: the usual answer is "current"
    if found.state == "current":
        return found
    if found.state == "ahead":
        raise SchemaError(f"cannot open the store: the database is {found.describe()}")
    return upgrade(engine)[0]


def upgrade(engine: Engine) -> tuple[SchemaStatus, SchemaStatus]:
    """Bring the database to the head revision (`gongkai db upgrade`): (status before, status after)."""

    def work(conn: Connection) -> tuple[SchemaStatus, SchemaStatus]:
        before = status_of(conn)  # again, under the lock: another process may have done it meanwhile
        if before.state == "ahead":
            raise SchemaError(f"not upgraded: the database is {before.describe()}")
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        if before.state == "empty":
            metadata.create_all(conn)
            MigrationContext.configure(conn).stamp(scripts(), before.head)
            log.info("database created at schema revision %s", before.head)
        elif before.state != "current":
            scripts()  # checks that the scripts end at HEAD_REVISION
            command.upgrade(alembic_config(conn), "head")
            log.warning("database upgraded from schema revision %s to %s", before.current or "(before versions)", before.head)
        return before, status_of(conn)

    return run_in_transaction(engine, work)


def run_in_transaction(engine: Engine, work: Callable[[Connection], Any]) -> Any:
    """`work(conn)` in one write transaction holding the schema lock: BEGIN IMMEDIATE on SQLite (the
    store's engine emits it), an advisory lock on PostgreSQL (released at commit).

    SQLite: foreign keys are off for the transaction, because a migration that changes a table by copying it
    (Alembic's batch mode) drops the old one, which foreign keys refuse while other tables point at it; instead
    `PRAGMA foreign_key_check` runs before the commit, and the transaction is rolled back if it finds more
    broken references than there were before (an old database may hold some already)."""
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # outside the transaction: SQLite ignores this pragma inside one
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
            try:
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
                    broken_before = len(conn.exec_driver_sql("PRAGMA foreign_key_check").all()) if sqlite else 0
                    result = work(conn)
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if len(broken) > broken_before:
                            raise StoreError(f"the migration would break {len(broken) - broken_before} foreign key references "
                                             f"(first: table {broken[0][0]}, row {broken[0][1]}); nothing was changed")
                    return result
            finally:
                if sqlite:
                    conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    except DBAPIError as exc:
        raise StoreError(f"the database schema could not be brought up to date, nothing was changed: {exc.orig}") from exc


def new_revision(engine: Engine, message: str) -> tuple[str, str]:
    """A developer's step (`gongkai db revision`): a migration script written by comparing the MetaData with
    `engine`'s database (which must be current). Returns (its revision id, its path); read and edit it, and set
    HEAD_REVISION to the id, before use."""
    found = status(engine)
    if found.state != "current":
        raise StoreError(f"write migrations against a current database; this one is {found.describe()}")

    def work(conn: Connection) -> tuple[str, str]:
        from alembic import command

        next_id = f"{int(HEAD_REVISION) + 1:04d}"  # numbered in order, as 0001 and 0002
        script = command.revision(alembic_config(conn), message=message, autogenerate=True, rev_id=next_id)
        return str(getattr(script, "revision", "")), str(getattr(script, "path", script))

    written = run_in_transaction(engine, work)
    scripts.cache_clear()
    return written
