"""Statistics of one crawl of one site: what `gongkai crawl` prints and `crawl_runs` keeps."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: record outcomes, as the ingest path reports them, plus withdrawals by the crawler
OUTCOMES = ("new", "updated", "unchanged", "withdrawn", "quarantined")


@dataclass
class RunStats:
    """Counters of one run of one site. Updated from the reactor and from the ingest thread: locked."""

    site: str
    pages: int = 0  # responses received (list pages, detail pages, attachments, articles)
    list_pages: int = 0
    downloaded_bytes: int = 0
    not_modified: int = 0  # 304 answers to conditional requests
    same_hash: int = 0  # 200 answers whose body hash was unchanged (no ETag support on the server)
    outcomes: Counter[str] = field(default_factory=Counter)  # per record (a notice column makes several)
    errors: Counter[str] = field(default_factory=Counter)  # by kind: http_404, timeout, connection, robots, ...
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _started: float = field(default_factory=time.monotonic, repr=False, compare=False)

    def add(self, **amounts: int) -> None:
        with self._lock:
            for name, amount in amounts.items():
                setattr(self, name, getattr(self, name) + amount)

    def outcome(self, status: str, amount: int = 1) -> None:
        with self._lock:
            self.outcomes[status] += amount

    def error(self, kind: str) -> None:
        with self._lock:
            self.errors[kind] += 1

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            data: dict[str, Any] = {
                "pages": self.pages,
                "list_pages": self.list_pages,
                "downloaded_bytes": self.downloaded_bytes,
                "not_modified": self.not_modified,
                "same_hash": self.same_hash,
                "new": self.outcomes["new"],
                "changed": self.outcomes["updated"],
                "unchanged": self.outcomes["unchanged"],
                "withdrawn": self.outcomes["withdrawn"],
                "quarantined": self.outcomes["quarantined"],
                "errors": dict(sorted(self.errors.items())),
                "seconds": round(time.monotonic() - self._started, 2),
            }
        return data


#: the summary's words, Chinese first (the operator's CLI said them in English only; doors3, session 12)
_SAID = {"pages": "页面", "new": "新增", "changed": "变更", "unchanged": "未变", "withdrawn": "撤下", "quarantined": "隔离"}


def summary_line(counts: dict[str, Any]) -> str:
    """'页面 25  新增 12 … 错误 http_404=1 / pages 25  new 12  changed 1  unchanged 10  withdrawn 1  quarantined 1  errors
    http_404=1': Chinese first, the English after as it was written."""
    names = ("pages", "new", "changed", "unchanged", "withdrawn", "quarantined")
    errors = counts.get("errors") or {}
    said_errors = ",".join(f"{k}={v}" for k, v in errors.items()) if errors else "0"
    chinese = [f"{_SAID[name]} {counts.get(name, 0)}" for name in names] + [f"错误 {said_errors}"]
    english = [f"{name} {counts.get(name, 0)}" for name in names] + [f"errors {said_errors}"]
    attention = attention_line(counts)
    if attention:
        chinese.append(f"需查看的链接 {attention}")
        english.append(f"URLs: {attention}")
    return "  ".join(chinese) + " / " + "  ".join(english)


def attention_line(counts: dict[str, Any]) -> str:
    """'gone 2, failed 1, skipped 4' from a run's per-URL outcome counts (the ones to look at), plus
    'unexplained N' when some requested URL has no outcome (see crawlers.outcomes)."""
    from gongkai.crawlers.outcomes import ATTENTION

    urls = counts.get("urls") or {}
    parts = [f"{outcome} {urls[outcome]}" for outcome in ATTENTION if urls.get(outcome)]
    if counts.get("unexplained"):
        parts.append(f"unexplained {counts['unexplained']}")
    return ", ".join(parts)
