"""The store: the source of truth (records and their versions, raw captures, quarantine, outbox)."""

from gongkai.store.errors import CaptureCorruptError, CaptureMissingError, StoreError
from gongkai.store.store import Store, UpsertOutcome

__all__ = ["CaptureCorruptError", "CaptureMissingError", "Store", "StoreError", "UpsertOutcome"]
