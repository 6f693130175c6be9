"""The days the State Council's yearly holiday notice sets (`holiday_days`), read from the notice when it is stored.

The freshness watch kept fixed-date holidays only (alerts6, session 20): no make-up working day (调休), and a 3-day 端午
counted one day. Rows are derived from stored records; an old database has none until such a notice is stored again
(`gongkai reparse`, or its next crawl), the fixed rules standing meanwhile.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database adopted by the baseline (tables made by a newer create_all) may have it already.
    if "holiday_days" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "holiday_days",
        sa.Column("record_id", sa.String(128), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
    )
    op.create_index("ix_holiday_days_year", "holiday_days", ["year"])


def downgrade() -> None:
    op.drop_index("ix_holiday_days_year", table_name="holiday_days")
    op.drop_table("holiday_days")
