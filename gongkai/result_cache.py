"""A small thread-safe LRU of search results, keyed by the index state they were computed on.

Citizens ask the same things again and again (停电, 遗失声明, a district's name), and a page change
re-runs the same query. Every key starts with the generation name and its reload counter, so a
commit or a reindex makes the old entries unreachable (they age out of the LRU): a cached answer
is never staler than an uncached one would be.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from cachetools import LRUCache


class ResultCache:
    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: LRUCache[Hashable, Any] | None = LRUCache(max_entries) if max_entries > 0 else None
        self._lock = threading.Lock()  # cachetools' caches are not thread-safe; the server searches from many threads
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        if self._entries is None:
            self.misses += 1  # off: every lookup misses (the count still says how often it was asked)
            return None
        with self._lock:
            value = self._entries.get(key)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
            return value

    def put(self, key: Hashable, value: Any) -> None:
        if self._entries is not None:
            with self._lock:
                self._entries[key] = value

    def clear(self) -> None:
        if self._entries is not None:
            with self._lock:
                self._entries.clear()

    def stats(self) -> dict[str, int]:
        with self._lock:
            size = len(self._entries) if self._entries is not None else 0
            return {"entries": size, "max_entries": self.max_entries, "hits": self.hits, "misses": self.misses}
