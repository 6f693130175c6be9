"""Errors the store raises on purpose: each message says what is wrong and with which item."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the store refused an operation or found its own data damaged."""


class CaptureMissingError(StoreError):
    """A capture row exists but its file under raw_dir is gone."""


class CaptureCorruptError(StoreError):
    """A capture file no longer hashes to its name: the bytes on disk were altered."""
