"""Rate limits of POST /api/ingest: per agency, and per client address for requests without a valid token.

Built on `limits` (the library slowapi uses): moving windows kept in memory, so the counts belong to
one server process — with `uvicorn --workers N` each worker counts on its own and the effective limit
is N times the setting. Settings (gongkai.settings.FeedsSettings), read at each request:

    push_rate_limit           requests per agency within push_rate_window_seconds (0: off)
    push_rate_burst           requests per agency within any one second (0: no per-second cap)
    push_bad_token_limit      requests with a missing or wrong token per client address within the window (0: off)

An address over its bad-token limit is refused before its token is even looked up: a guesser cannot
go on trying (and learn which guess works) at the server's speed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

if TYPE_CHECKING:
    from gongkai.settings import FeedsSettings


@dataclass(frozen=True)
class Refusal:
    """Over a limit: how long until one more request would pass (the Retry-After header), and which limit."""

    retry_after: int
    limit: str


class PushRateLimiter:
    """The push limits of one server process (keep one per app: app.state)."""

    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def check_agency(self, agency: str, settings: FeedsSettings) -> Refusal | None:
        """Count one request of `agency`; a Refusal (and nothing counted) when it is over a limit."""
        items: list[tuple[RateLimitItem, str]] = []
        if settings.push_rate_limit:
            items.append((RateLimitItemPerSecond(settings.push_rate_limit, settings.push_rate_window_seconds), "push_rate_limit"))
        if settings.push_rate_burst:
            items.append((RateLimitItemPerSecond(settings.push_rate_burst, 1), "push_rate_burst"))
        return self._hit_all(items, "agency", agency)

    def blocked_address(self, address: str, settings: FeedsSettings) -> Refusal | None:
        """A Refusal when `address` has used up its bad-token attempts (nothing is counted here)."""
        item = self._bad_token_item(settings)
        if item is None or self._limiter.test(item, "bad-token", address):
            return None
        return Refusal(self._retry_after(item, "bad-token", address), "push_bad_token_limit")

    def count_bad_token(self, address: str, settings: FeedsSettings) -> None:
        """Count one request from `address` that had no valid token."""
        item = self._bad_token_item(settings)
        if item is not None:
            self._limiter.hit(item, "bad-token", address)

    # ----------------------------------------------------------------------------------------

    def _hit_all(self, items: list[tuple[RateLimitItem, str]], *identifiers: str) -> Refusal | None:
        # Test every limit before counting in any, so a refused request uses up none of them.
        over = [(self._retry_after(item, *identifiers), name) for item, name in items if not self._limiter.test(item, *identifiers)]
        if over:
            retry_after, name = max(over)
            return Refusal(retry_after, name)
        for item, _ in items:
            self._limiter.hit(item, *identifiers)
        return None

    def _retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        # A moving window frees its oldest slot `window` seconds after that request: reset_time is then.
        reset_time = self._limiter.get_window_stats(item, *identifiers).reset_time
        return max(1, math.ceil(reset_time - time.time()))

    @staticmethod
    def _bad_token_item(settings: FeedsSettings) -> RateLimitItem | None:
        if not settings.push_bad_token_limit:
            return None
        return RateLimitItemPerSecond(settings.push_bad_token_limit, settings.push_rate_window_seconds)
