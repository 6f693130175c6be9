"""The days the State Council's yearly holiday notice sets (`holiday_days`), read from the notice when it is stored.

The freshness watch kept fixed-date holidays only (alerts6, session 20): no make-up working day (调休), and a 3-day 端午
counted one day. Rows are derived from stored records: the upgrade reads the notices the database already holds (a record
whose JSON names 节假日, and whose title is the yearly notice's: one scan of `records`), so the calendar is right at once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


_records = sa.table("records", sa.column("id", sa.String), sa.column("data", sa.Text), sa.column("withdrawn", sa.Boolean))


def upgrade() -> None:
    # A database adopted by the baseline (tables made by a newer create_all) may have it already.
    if "holiday_days" in sa.inspect(op.get_bind()).get_table_names():
        return
    table = op.create_table(
        "holiday_days",
        sa.Column("record_id", sa.String(128), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
    )
    op.create_index("ix_holiday_days_year", "holiday_days", ["year"])
    _fill(op.get_bind(), table)


def _body(record: dict[str, Any]) -> str:
    return str(record.get("body") or "")


def _fill(conn: sa.Connection, table: sa.Table) -> None:
    """The days of the holiday notices already stored (withdrawn ones too: the calendar's reader leaves them out)."""
    from gongkai.holidays import read_schedule

    rows = []
    named = sa.or_(_records.c.data.like("%节假日%"), _records.c.data.like("%節假日%"))
    for record_id, data in conn.execute(sa.select(_records.c.id, _records.c.data).where(named)):
        record = json.loads(data)
        schedule = read_schedule(record.get("title") or "", partial(_body, record))
        if schedule is None:
            continue
        day = record.get("publish_date") or record.get("written_date")
        published = date.fromisoformat(day) if day else None
        rows += [{"record_id": record_id, "day": d, "year": schedule.year, "kind": "off", "name": name, "published": published}
                 for d, name in schedule.days_off.items()]
        rows += [{"record_id": record_id, "day": d, "year": schedule.year, "kind": "work", "name": "", "published": published}
                 for d in schedule.working_days if d not in schedule.days_off]
    if rows:
        conn.execute(table.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_holiday_days_year", table_name="holiday_days")
    op.drop_table("holiday_days")
