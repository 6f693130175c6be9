"""Feeds in and out, and sync.

Receivers, all through the one ingest path (gongkai.ingest): the drop folder (inbox.py), HTTP push
(push.py, served by web/routes_feeds.py with per-agency tokens from tokens.py) and RSS/Atom polling
(poll.py). Outgoing: Atom feeds (atom.py), OAI-PMH (oai.py), sitemaps (sitemap.py). Sync of the store's
outbox to the national platform: sync.py.

The three functions below are the scheduler's job targets (settings.scheduler.*_target); the
scheduler passes the engine by keyword.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.engine import Engine


def process_inbox(engine: Engine) -> Any:
    """One pick-up run over the drop folder; returns an InboxReport."""
    from gongkai.feeds.inbox import process_inbox as run

    return run(engine)


def poll_feeds(engine: Engine) -> Any:
    """Poll every agency feed in settings.feeds.agency_feeds once; returns a PollReport."""
    from gongkai.feeds.poll import poll_feeds as run

    return run(engine)


def sync_push(engine: Engine) -> Any:
    """Send the outbox to settings.feeds.sync_url; returns a PushReport (or says sync is not configured)."""
    from gongkai.feeds import sync

    if not engine.settings.feeds.sync_url:
        return {"sent": 0, "skipped": "feeds.sync_url is not set"}
    return sync.push(engine, take_lease=False)  # the scheduler's JobRunner holds job:sync-push while this runs
