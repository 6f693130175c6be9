"""Errors the index raises; each message says what to do about it."""

from __future__ import annotations


class SearchIndexError(Exception):
    """Base class of the index's errors."""


class IndexLockedError(SearchIndexError):
    """Another writer (often another process: a running ingest or reindex) holds the index lock."""


class IndexCorruptError(SearchIndexError):
    """The index directory cannot be opened; `gongkai reindex` rebuilds it from the store."""


class IndexOutdatedError(IndexCorruptError):
    """The live generation was built by an older version of gongkai (another schema); reindex it."""
