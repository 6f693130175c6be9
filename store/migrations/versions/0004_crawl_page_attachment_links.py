"""Each crawled page remembers the attachment links it had when it was last parsed.

A re-crawl whose detail page answers 304 does not parse it, so before this revision the files it links were never
asked again: a PDF an agency replaced at the same URL went unseen. `crawl_pages.attachment_links` (JSON
[[url, link text], ...]) lets the spider ask them conditionally. Existing rows are filled from what the crawl
state already knew: every attachment row names the page it was first linked from (`parent_url`), so each page gets
the attachments that point at it (their link texts were not kept: ""); a page with none gets "".

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_pages = sa.table("crawl_pages", sa.column("url_key", sa.String), sa.column("url", sa.Text), sa.column("role", sa.String),
                  sa.column("parent_url", sa.Text), sa.column("first_seen", sa.DateTime), sa.column("attachment_links", sa.Text))


def upgrade() -> None:
    # The server default fills the old rows. It stays: dropping it would make SQLite copy the whole table (a big
    # site's crawl state) for nothing, and new rows get their value from the code anyway.
    conn = op.get_bind()
    # A database adopted by the baseline (no alembic_version, tables made by a newer create_all) may have it already.
    if "attachment_links" not in {column["name"] for column in sa.inspect(conn).get_columns("crawl_pages")}:
        with op.batch_alter_table("crawl_pages") as batch:
            batch.add_column(sa.Column("attachment_links", sa.Text(), nullable=False, server_default=""))
    from gongkai.record import canonical_url

    linked: dict[str, list[list[str]]] = defaultdict(list)
    rows = conn.execute(sa.select(_pages.c.url, _pages.c.parent_url)
                        .where(_pages.c.role == "attachment", _pages.c.parent_url != "")
                        .order_by(_pages.c.first_seen, _pages.c.url))
    for url, parent_url in rows:
        linked[canonical_url(parent_url)].append([url, ""])
    for page_key, links in linked.items():
        conn.execute(_pages.update().where(_pages.c.url_key == page_key)
                     .values(attachment_links=json.dumps(links, ensure_ascii=False)))


def downgrade() -> None:
    with op.batch_alter_table("crawl_pages") as batch:
        batch.drop_column("attachment_links")
