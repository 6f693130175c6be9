"""Online backup of the store's SQLite database into data_dir/backups, with rotation.

SQLite's online backup API copies a consistent snapshot while the scheduler, the web server and
ingests keep reading and writing (WAL mode); copying the file with `cp` could catch a torn state.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

BACKUP_PREFIX = "gongkai-"
BACKUP_SUFFIX = ".sqlite3"


class BackupError(RuntimeError):
    pass


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL; None for another database (PostgreSQL: use pg_dump)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


def backup_sqlite(database_url: str, backups_dir: Path, keep: int, pages_per_step: int = 2048) -> Path:
    """Copy the database to backups_dir/gongkai-<UTC time>.sqlite3, check it, keep the newest `keep`."""
    source = sqlite_path(database_url)
    if source is None:
        raise BackupError(f"only a SQLite store file is backed up by gongkai; back up {make_url(database_url).get_backend_name()} with its own tools")
    if not source.is_file():
        raise BackupError(f"the store database {source} does not exist")
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = backups_dir / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    partial = final.with_name(final.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            # Small steps let writers in between (each step holds the read lock only briefly).
            src.backup(dst, pages=pages_per_step)
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"the backup {partial} failed its integrity check: {check}")
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, final)  # a backup named *.sqlite3 is always complete
    rotate(backups_dir, keep)
    return final


def list_backups(backups_dir: Path) -> list[Path]:
    """Complete backups, oldest first (the names sort by time)."""
    if not backups_dir.is_dir():
        return []
    return sorted(p for p in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file())


def rotate(backups_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups (and partial files left by a crash); returns the deleted."""
    removed = []
    backups = list_backups(backups_dir)
    for old in backups[: max(len(backups) - keep, 0)]:
        old.unlink(missing_ok=True)
        removed.append(old)
    for partial in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}.part"):
        partial.unlink(missing_ok=True)
        removed.append(partial)
    return removed


REPLACED_PREFIX = "replaced-"  # the database a restore replaced, kept beside the backups (never rotated)


def users_of(database_url: str) -> list[str]:
    """Who works on the database now: its live leases (a scheduler, a job run by `gongkai jobs run` or the admin
    page), described ("scheduler:vm:5694:… pid 5694 on vm since …"); [] when none, or before any ops table exists.
    Read on an engine of its own: opening the shared one would upgrade the schema first."""
    from sqlalchemy.exc import SQLAlchemyError

    from gongkai.ops.locks import all_holders
    from gongkai.store.database import make_engine

    target = sqlite_path(database_url)
    if target is not None and not target.is_file():
        return []
    engine = make_engine(database_url)
    try:
        return [f"{holder.name} ({holder.describe()})" for holder in all_holders(engine)]
    except SQLAlchemyError:  # no job_locks table yet: nobody has run anything on it
        return []
    finally:
        engine.dispose()


def restore_sqlite(database_url: str, backup: Path, backups_dir: Path) -> Path | None:
    """Put a backup's content into the store's SQLite database, in place, by SQLite's backup API (the WAL and other
    connections stay consistent, as `cp` over a live file would not). The database it replaces is first copied to
    backups_dir/replaced-<UTC time>.sqlite3 (returned; None when there was none): nothing is lost. The index is
    the caller's to rebuild: it may hold records the backup does not, and the restored sequence numbers run below
    its watermark, so records stored after the restore would never be indexed."""
    target = sqlite_path(database_url)
    if target is None:
        raise BackupError(f"only a SQLite store file is restored by gongkai; restore {make_url(database_url).get_backend_name()} "
                          "with its own tools (pg_restore), then run gongkai reindex")
    if not backup.is_file():
        raise BackupError(f"no backup file {backup}")
    try:
        src = sqlite3.connect(f"file:{backup.resolve()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"{backup} cannot be opened as a SQLite database: {exc}") from None
    try:
        try:
            check = src.execute("PRAGMA quick_check").fetchone()[0]
            tables = {row[0] for row in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{backup} is not a SQLite database: {exc}") from None
        if check != "ok":
            raise BackupError(f"{backup} failed its integrity check: {check}")
        if "records" not in tables:
            raise BackupError(f"{backup} holds no gongkai store (no records table)")
        replaced = None
        if target.is_file():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            replaced = backups_dir / f"{REPLACED_PREFIX}{stamp}{BACKUP_SUFFIX}"
            backups_dir.mkdir(parents=True, exist_ok=True)
            current = sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=30)
            kept = sqlite3.connect(replaced)
            try:
                current.backup(kept)
            finally:
                kept.close()
                current.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
        if replaced is not None:
            _runs_as_they_ended(target, replaced)
        return replaced
    finally:
        src.close()


_RUN_END = ("ended_at", "outcome", "new", "changed", "errors", "counts", "message", "traceback", "last_seen")


def _runs_as_they_ended(target: Path, replaced: Path) -> None:
    """A backup is taken while its own run (the maintenance job) is going: restored, that run read `running`, and the
    next look recorded it `lost` ("killed or crashed"), a failed job in `gongkai status` for a backup that went fine.
    Each run the backup holds as running and the replaced database holds as ended takes its ending from there."""
    columns = ", ".join(_RUN_END)
    picked = ", ".join(f"o.{name}" for name in _RUN_END)
    same = "o.id = ops_job_runs.id AND o.job = ops_job_runs.job AND o.started_at = ops_job_runs.started_at"
    conn = sqlite3.connect(f"file:{target}", uri=True, timeout=30)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"file:{replaced}?mode=ro",))
        with conn:
            conn.execute(f"UPDATE ops_job_runs SET ({columns}) = (SELECT {picked} FROM old.ops_job_runs o WHERE {same}) "
                         f"WHERE outcome = 'running' AND EXISTS (SELECT 1 FROM old.ops_job_runs o WHERE {same} AND o.outcome != 'running')")
    except sqlite3.OperationalError:  # a database from before the operations tables: no run to end
        pass
    finally:
        conn.close()
