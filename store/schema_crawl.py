"""The crawlers' tables (gongkai.crawlers.state reads and writes them): per-URL fetch state, run statistics,
per-URL outcomes of each run, and the sites crawled without a definition. On the store's one MetaData, so
that the store creates and migrates them with its own (store/migrations)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text

from gongkai.store.metadata import metadata

crawl_pages = Table(
    "crawl_pages",
    metadata,
    Column("url_key", String(700), primary_key=True),  # canonical_url(url)
    Column("site", String(64), nullable=False),
    Column("url", Text, nullable=False),  # the URL last fetched (after redirects)
    Column("role", String(16), nullable=False, default="detail"),  # detail | attachment | article
    Column("parent_url", Text, nullable=False, default=""),  # the detail page an attachment was linked from
    Column("etag", Text, nullable=False, default=""),
    Column("last_modified", Text, nullable=False, default=""),
    Column("content_sha256", String(64), nullable=False, default=""),
    Column("record_ids", Text, nullable=False, default=""),  # space-separated (a notice column makes several)
    Column("last_status", Integer, nullable=False, default=0),
    Column("last_outcome", String(16), nullable=False, default=""),  # new | updated | unchanged | quarantined | withdrawn | error
    Column("first_seen", DateTime, nullable=False),
    Column("last_checked", DateTime, nullable=False),
    Column("last_changed", DateTime),
    # A detail page's attachment links when it was last parsed: JSON [[url, link text], ...]. A re-crawl whose page
    # answers 304 (not parsed) asks these again, so a file replaced at the same URL is seen (store/migrations 0004).
    Column("attachment_links", Text, nullable=False, default=""),
    Index("ix_crawl_pages_site", "site"),
)

crawl_runs = Table(
    "crawl_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), nullable=False),
    Column("site", String(64), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("counts", Text, nullable=False, default="{}"),  # RunStats.as_dict()
    Index("ix_crawl_runs_site", "site", "id"),
)

crawl_outcomes = Table(
    "crawl_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(32), nullable=False),
    Column("site", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("role", String(16), nullable=False, default=""),  # list | detail | attachment | article | page | link
    Column("outcome", String(16), nullable=False),  # crawlers.outcomes.OUTCOMES
    Column("status", Integer, nullable=False, default=0),  # HTTP status, 0 when there was no answer
    Column("reason", Text, nullable=False, default=""),  # why: error kind, skip reason, redirect target, quarantine message
    Column("record_ids", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False),
    Index("ix_crawl_outcomes_run", "run_id", "site"),
    Index("ix_crawl_outcomes_site_url", "site", "url"),
)

crawl_sources = Table(
    "crawl_sources",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),  # discovery: gongkai crawl --start-url
    Column("start_url", Text, nullable=False),
    Column("options", Text, nullable=False, default="{}"),  # max_depth, max_pages of the last crawl
    Column("first_crawled", DateTime, nullable=False),
    Column("last_crawled", DateTime, nullable=False),
)
