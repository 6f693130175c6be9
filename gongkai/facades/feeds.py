"""Feeds in and out for the shells: push tokens, the sync to the national platform, the drop folder and
feed polling. Delegates to gongkai.feeds (tokens, sync, inbox, poll); sync refusals raise
gongkai.errors.SyncError (SyncBusyError when another pusher runs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.inbox import InboxReport
    from gongkai.feeds.poll import PollReport
    from gongkai.feeds.sync import PushReport
    from gongkai.feeds.tokens import TokenStore
    from gongkai.settings import Settings

__all__ = ["Feeds"]


class Feeds:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    def tokens(self) -> TokenStore:
        """The agencies' push tokens (create, list, revoke, verify)."""
        from gongkai.feeds.tokens import TokenStore

        return TokenStore(self._engine().store)

    # -- the sync to the national platform ------------------------------------------------------------------
    def sync_push(self, max_batches: int | None = None) -> PushReport:
        """Send the outbox (holding the sync lease). Raises SyncBusyError, SyncError."""
        from gongkai.feeds import sync

        return sync.push(self._engine(), max_batches=max_batches)

    def sync_status(self) -> dict[str, Any]:
        from gongkai.feeds import sync

        return sync.status(self._engine())

    def sync_retry(self, entry_ids: list[int] | None = None) -> int:
        """Parked entries back in the queue (all, or these ids); how many."""
        from gongkai.feeds import sync

        return sync.retry(self._engine(), entry_ids)

    # -- receiving --------------------------------------------------------------------------------------
    def process_inbox(self) -> InboxReport:
        """One pick-up run over the drop folder."""
        from gongkai.feeds.inbox import process_inbox

        return process_inbox(self._engine())

    def inbox_dir(self) -> Path:
        from gongkai.inbox_layout import inbox_dir

        return inbox_dir(self.settings)

    def poll(self) -> PollReport:
        """Every feed of settings feeds.agency_feeds polled once."""
        from gongkai.feeds.poll import poll_feeds

        return poll_feeds(self._engine())
