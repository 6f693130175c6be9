"""Feeds in and out for the shells: push tokens, the sync to the national platform, the drop folder, feed
polling, and what the published feeds read from the store (latest changes, change times, the OAI-PMH
provider). Delegates to gongkai.feeds (tokens, sync, inbox, poll, oai) and gongkai.store.outbox; sync
refusals raise gongkai.errors.SyncError (SyncBusyError when another pusher runs). The feed formats
themselves (Atom, sitemaps, outage calendars, push bodies) are built by gongkai.feeds modules the feed
routes still import (tests/test_layers.py, ALLOWED_SHELL_IMPORTS)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.inbox import InboxReport
    from gongkai.feeds.oai import OAIProvider
    from gongkai.feeds.poll import PollReport
    from gongkai.feeds.sync import PushReport
    from gongkai.feeds.tokens import TokenStore
    from gongkai.settings import Settings
    from gongkai.store.outbox import ChangedRecord

__all__ = ["Feeds"]


class Feeds:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    def tokens(self) -> TokenStore:
        """The agencies' push tokens (create, list, revoke, verify)."""
        from gongkai.feeds.tokens import TokenStore

        return TokenStore(self._engine().store)

    def agency_of_token(self, token: str) -> str | None:
        """The agency of an active push token, else None."""
        return self.tokens().verify(token)

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

    # -- publishing -------------------------------------------------------------------------------------
    def latest_changes(self, *, issuer: str | None = None, kind: str | None = None, notice_type: str | None = None,
                       limit: int = 50) -> list[ChangedRecord]:
        """The most recently changed live records, newest first (the Atom feeds of an issuer, a notice type)."""
        from gongkai.store.outbox import latest_changes

        return latest_changes(self._engine().store, issuer=issuer, kind=kind, notice_type=notice_type, limit=limit)

    def change_times(self, record_ids: Sequence[str]) -> dict[str, datetime]:
        """id -> last change time (aware UTC) of the given records that exist."""
        from gongkai.store.outbox import change_times

        return change_times(self._engine().store, record_ids)

    def oai_provider(self) -> OAIProvider:
        """The OAI-PMH repository over the store, with settings feeds."""
        from gongkai.feeds.oai import OAIProvider

        engine = self._engine()
        return OAIProvider(engine.store, engine.settings.feeds)
