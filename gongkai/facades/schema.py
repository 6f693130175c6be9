"""The database's schema revision (`gongkai db current|upgrade|revision`): delegates to gongkai.store.migrate.

Made with the settings alone and never through an Engine: opening the store upgrades a database that is
behind on its own, and these commands must look at it first. Each call opens its own SQLAlchemy engine on
the configured database URL and disposes of it before returning, so nothing stays open for the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from gongkai.errors import StoreError
from gongkai.store.database import make_engine
from gongkai.store.migrate import SchemaStatus, new_revision, status, upgrade

if TYPE_CHECKING:
    from sqlalchemy import Engine as SQLEngine

    from gongkai.settings import Settings

__all__ = ["BackupRefused", "DatabaseURLError", "Schema", "SchemaStatus"]

T = TypeVar("T")


class DatabaseURLError(StoreError):
    """The configured database URL cannot be used at all (a settings mistake, not a state of the database)."""


class BackupRefused(StoreError):
    """A backup that cannot be restored (not a gongkai store, damaged, or the store is not SQLite)."""


class Schema:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def status(self) -> SchemaStatus:
        """The database's revision and this gongkai's newest, with the state between them (empty, unversioned,
        behind, current, ahead). Reads only: a database that is behind stays behind."""
        return self._with_database(status)

    def upgrade(self) -> tuple[SchemaStatus, SchemaStatus]:
        """Bring the database to this gongkai's newest revision: (status before, status after). StoreError
        (a SchemaError) when the database is ahead; nothing is changed then."""
        return self._with_database(upgrade)

    def restore(self, backup: Path) -> Path | None:
        """Put a backup into the store's SQLite database (gongkai.ops.backup.restore_sqlite): where the replaced
        database was kept, or None. The caller rebuilds the index next. StoreError (BackupRefused) says why not."""
        from gongkai.ops.backup import BackupError, restore_sqlite, users_of

        # a scheduler or a job writing on while its database is swapped under it: records stored after the restore
        # by a process that still believes the old content (the README said "stop them first"; nothing checked)
        users = users_of(self.settings.resolved_database_url)
        if users:
            raise BackupRefused("数据库正在使用 / the database is in use: " + "; ".join(users)
                                + ": stop the scheduler and the running jobs (and the servers) first, then restore")
        try:
            return restore_sqlite(self.settings.resolved_database_url, backup, self.settings.data_dir / "backups")
        except BackupError as exc:
            raise BackupRefused(str(exc)) from None

    def new_revision(self, message: str) -> tuple[str, str]:
        """For developers: a migration script written from the difference between the tables and this (current)
        database: (its revision id, its path)."""
        return self._with_database(lambda engine: new_revision(engine, message))

    def _with_database(self, work: Callable[[SQLEngine], T]) -> T:
        try:
            engine = make_engine(self.settings.resolved_database_url)
        except StoreError as exc:  # make_engine refuses only an unreadable URL
            raise DatabaseURLError(str(exc)) from None
        except OSError as exc:  # SQLite's folder cannot be made (the data directory is a file): a settings mistake
            where = self.settings.data_dir
            why = "it is a file, not a folder" if where.exists() and not where.is_dir() else exc.strerror or str(exc)
            raise DatabaseURLError(f"cannot use the data directory {where}: {why}") from None
        try:
            return work(engine)
        finally:
            engine.dispose()
