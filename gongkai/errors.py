"""The errors the shells catch, from one module of the core (issue 17: thin shells).

The CLI, the web app and the scheduler import their exceptions from here, not from the package that
raises them. The store's and the index's errors are re-exported (they live with their package); the
plain refusals of the sources and the scheduler are defined here, and the package that raises each one
imports it from here, so `from gongkai.feeds.alerts import AlertError` still names the same class.
Errors that carry a lower package's types (ops.runner.JobBusyError holds a lease) stay with it and are
re-exported by the sub-facade that raises them (gongkai.facades.jobs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.indexer.errors import IndexCorruptError, IndexLockedError, IndexOutdatedError, SearchIndexError
    from gongkai.store.errors import CaptureCorruptError, CaptureMissingError, StoreError

__all__ = [
    "AlertError", "CaptureCorruptError", "CaptureMissingError", "IndexCorruptError", "IndexLockedError",
    "IndexOutdatedError", "JobConfigError", "QueryError", "ScheduleError", "SchedulerAlreadyRunning",
    "SearchIndexError", "SiteDefinitionError", "StoreError", "SyncBusyError", "SyncError", "UnknownJobError",
]


class QueryError(ValueError):
    """A search request the engine will not run (too long, page too deep, bad filter value)."""


class AlertError(ValueError):
    """An alert that cannot be made or found; the message says why."""


class SiteDefinitionError(ValueError):
    """A site definition file is wrong; the message names the file and the key."""


class UnknownJobError(LookupError):
    """No job of that name is configured; the message lists the jobs there are."""


class JobConfigError(ValueError):
    """A job definition is wrong; the message names the job."""


class ScheduleError(ValueError):
    """A schedule string that cannot be understood; the message quotes it and says what is accepted."""


class SchedulerAlreadyRunning(RuntimeError):
    """Another scheduler already runs on this data directory (its lease is held)."""


class SyncError(Exception):
    """Sync cannot run at all (no endpoint configured, credentials refused); the message says what to fix."""


class SyncBusyError(SyncError):
    """Another pusher (the scheduler's sync-push job, another `gongkai sync push`) is running."""


_STORE_ERRORS = {"CaptureCorruptError", "CaptureMissingError", "StoreError"}
_INDEX_ERRORS = {"IndexCorruptError", "IndexLockedError", "IndexOutdatedError", "SearchIndexError"}


def __getattr__(name: str) -> Any:
    # Looked up on first use: importing the store or the index package loads SQLAlchemy or tantivy, and the
    # engine imports this module at start (QueryError), when `gongkai --help` must still cost nothing.
    if name in _STORE_ERRORS:
        from gongkai.store import errors as store_errors

        return getattr(store_errors, name)
    if name in _INDEX_ERRORS:
        from gongkai.indexer import errors as index_errors

        return getattr(index_errors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
