"""Errors the index raises; each message says what to do about it."""

from __future__ import annotations


class IndexError_(Exception):
    """Base class of the index's errors (named so it does not shadow the builtin IndexError)."""


class IndexLockedError(IndexError_):
    """Another writer (often another process: a running ingest or reindex) holds the index lock."""


class IndexCorruptError(IndexError_):
    """The index directory cannot be opened; `gongkai reindex` rebuilds it from the store."""


class IndexOutdatedError(IndexCorruptError):
    """The live generation was built by an older version of gongkai (another schema); reindex it."""
