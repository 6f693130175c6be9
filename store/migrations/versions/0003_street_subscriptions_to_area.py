"""Street subscriptions made before the area filter become area alerts.

Before the area filter, the outage page's form subscribed a street as a text search: query = the place as
typed, filters {"notice_type": "outage"}, so it was sent every outage notice printing the name anywhere (its
cause, another district's road of the same name). Today's form subscribes {"area": place} with no query, sent
exactly what the outage lookup answers for the place (feeds/alert_match.py). A pending or active subscription
with exactly the old form, whose query is one place the lookup reads (no space, no outage or notice word: a
search typed on the search page such as "停电 湖滨南路" stays a text search), and its alert are rewritten to the
new form. Downgrade: every area subscription back to the old text form (the code before this revision knows
no area filter).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_FILTERS = {"notice_type": "outage"}
#: Words that make a query a search, not a place (the outage page never put them into its area).
SEARCH_WORDS = ("停电", "停水", "停气", "供电", "供水", "通知", "公告", "计划", "检修")

_subscriptions = sa.table("subscriptions", sa.column("id", sa.String), sa.column("query", sa.Text),
                          sa.column("filters", sa.Text), sa.column("status", sa.String), sa.column("alert_id", sa.String))
_alerts = sa.table("alerts", sa.column("id", sa.String), sa.column("query", sa.Text), sa.column("filters", sa.Text))


def street_of(query: str, filters_json: str) -> str | None:
    """The place of an old-form street subscription, or None when the row is anything else."""
    from gongkai.outage_areas import parse_query

    try:
        filters = json.loads(filters_json or "{}")
    except ValueError:
        return None
    place = query.strip()
    if filters != OLD_FILTERS or not place or any(ch.isspace() for ch in place) or any(w in place for w in SEARCH_WORDS):
        return None
    return place if parse_query(place) is not None else None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(_subscriptions).where(_subscriptions.c.status.in_(("pending", "active")))).all()
    for row in rows:
        place = street_of(row.query, row.filters)
        if place is None:
            continue
        area = json.dumps({"area": place}, ensure_ascii=False)
        conn.execute(_subscriptions.update().where(_subscriptions.c.id == row.id).values(query="", filters=area))
        alert = conn.execute(sa.select(_alerts).where(_alerts.c.id == row.alert_id)).first() if row.alert_id else None
        if alert is not None and street_of(alert.query, alert.filters) == place:  # the alert the subscription made
            conn.execute(_alerts.update().where(_alerts.c.id == alert.id).values(query="", filters=area))


def downgrade() -> None:
    conn = op.get_bind()
    old = json.dumps(OLD_FILTERS, ensure_ascii=False)
    for table in (_subscriptions, _alerts):
        for row in conn.execute(sa.select(table.c.id, table.c.filters).where(table.c.filters.like('%"area"%'))).all():
            try:
                place = json.loads(row.filters).get("area")
            except ValueError:
                continue
            if isinstance(place, str) and place:
                conn.execute(table.update().where(table.c.id == row.id).values(query=place, filters=old))
