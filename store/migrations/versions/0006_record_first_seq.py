"""Each record keeps the change number it took when it first entered the store (`records.first_seq`).

An alert tells a new record from the store's backlog (what the store held when the alert was made) by this number
against the alert's cursor, not by `first_seen`, which the clock of the node that stored the record wrote: a node whose
clock jumped back (an NTP step, a VM resumed) stored records that an alert made elsewhere took for backlog and never
sent (nodes6, session 17). Old rows get NULL: nothing kept the number they first took (a later change renumbered them);
for them an alert falls back on first_seen as before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    # A database adopted by the baseline (tables made by a newer create_all) may have it already.
    if "first_seq" not in {column["name"] for column in sa.inspect(conn).get_columns("records")}:
        with op.batch_alter_table("records") as batch:
            batch.add_column(sa.Column("first_seq", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("first_seq")
